import { describe, expect, it } from "vitest";
import { METHODOLOGY_CHANGELOG, methodologyAt, methodologySince } from "@/lib/pipeline/methodology-changelog";
import { METHODOLOGY_VERSION } from "@/lib/pipeline/results";

describe("methodology text of a release", () => {
  const oldest = METHODOLOGY_CHANGELOG.at(-1)!;

  it("the current version heads the changelog (bump both together)", () => {
    expect(METHODOLOGY_CHANGELOG[0]!.version).toBe(METHODOLOGY_VERSION);
  });

  it("a release's recorded text wins over today's list", () => {
    const recorded = [{ version: oldest.version, date: oldest.date, changes: ["As worded then."] }];
    expect(methodologyAt(oldest.version, recorded)).toEqual(recorded);
  });

  it("without a recorded text: the list from the release's version down; nothing for an unknown version", () => {
    expect(methodologyAt(oldest.version)).toEqual([oldest]);
    expect(methodologyAt(METHODOLOGY_VERSION)).toEqual(METHODOLOGY_CHANGELOG);
    expect(methodologyAt("1999.01-1")).toEqual([]);
  });

  it("what changed since a release: the entries newer than its version", () => {
    expect(methodologySince(METHODOLOGY_VERSION)).toEqual([]);
    expect(methodologySince(oldest.version)).toEqual(METHODOLOGY_CHANGELOG.slice(0, -1));
    expect(methodologySince("1999.01-1")).toEqual(METHODOLOGY_CHANGELOG);
  });
});

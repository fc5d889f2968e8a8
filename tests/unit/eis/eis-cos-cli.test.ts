import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "@/lib/cli/args";
import { eisCosCommand } from "@/lib/cli/commands/eis-cos";

const fixture = (name: string) => path.resolve("tests/fixtures/eis", name);

describe("eis cos (CLI)", () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  });
  afterEach(() => vi.restoreAllMocks());

  it("--json prints exactly the contract: one object per officer, ordered by officer ID", async () => {
    expect(await eisCosCommand(["--input", fixture("cos-small.csv"), "--json"])).toBe(0);
    const rows = JSON.parse(out.join("\n")) as Record<string, unknown>[];
    // Incident 3 has officers 12, 14 (level 1) and 13 (witness): informative. Incident 5 has one officer: skipped.
    expect(rows.map((r) => r.officerId)).toEqual(["11", "12", "13", "14", "15"]);
    for (const r of rows)
      expect(Object.keys(r)).toEqual([
        "officerId",
        "nIncidents",
        "lambda",
        "ciLow",
        "ciHigh",
        "lambdaVsPeers",
        "pTop5",
        "peerGroupSize",
      ]);
    const eleven = rows[0]!;
    expect(eleven).toMatchObject({ nIncidents: 3, peerGroupSize: 4 });
    expect(eleven.ciLow as number).toBeLessThan(eleven.lambda as number);
    expect(err).toEqual([]);
  });

  it("is reproducible (seeded) and prints a human summary without --json", async () => {
    await eisCosCommand(["--input", fixture("cos-small.csv"), "--json"]);
    const first = out.join("\n");
    out = [];
    await eisCosCommand(["--input", fixture("cos-small.csv"), "--json"]);
    expect(out.join("\n")).toBe(first);
    out = [];
    expect(await eisCosCommand(["--input", fixture("cos-small.csv")])).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(
      /incidents: 5; used 4, skipped 1 with one officer and 0 where every officer used the same level/,
    );
    expect(text).toMatch(/officers: 5 in 1 peer network/);
    expect(text).toMatch(
      /scale s: level 0 0\.000 \(fixed\), level 1 1\.000 \(fixed\), level 2 [\d.]+ \(SE [\d.]+\), level 3/,
    );
  });

  it("reports malformed rows with their line numbers and reasons, and fits the rest", async () => {
    expect(await eisCosCommand(["--input", fixture("cos-malformed.csv"), "--json"])).toBe(0);
    expect(err[0]).toBe("warning: 5 of 9 rows failed validation and are left out of the fit:");
    expect(err.slice(1, 6)).toEqual([
      "  line 4: idOff is empty",
      "  line 5: y must be 1 (witness), 2, 3 or 4",
      "  line 7: id is empty",
      "  line 8: y must be 1 (witness), 2, 3 or 4",
      "  line 9: y must be 1 (witness), 2, 3 or 4",
    ]);
    expect((JSON.parse(out.join("\n")) as { officerId: string }[]).map((r) => r.officerId)).toEqual(["11", "12"]);
  });

  it("exits 2 with a clear message when no incident can inform the model, or the file cannot be used", async () => {
    expect(await eisCosCommand(["--input", fixture("cos-no-usable.csv"), "--json"])).toBe(2);
    expect(err.join("\n")).toMatch(
      /has no usable incident: the model needs incidents with two or more officers who used different levels \(2 incidents read: 1 with one officer, 1 where every officer used the same level\)/,
    );
    expect(out).toEqual([]);
    err = [];
    expect(await eisCosCommand(["--input", fixture("cos-oracle.R"), "--json"])).toBe(2);
    expect(err.join("\n")).toMatch(/missing column\(s\)|not a readable CSV/);
    err = [];
    expect(await eisCosCommand(["--input", fixture("does-not-exist.csv")])).toBe(2);
    expect(err.join("\n")).toMatch(/cannot read --input .*ENOENT/);
  });

  it("refuses bad flags as usage errors", async () => {
    await expect(eisCosCommand(["--json"])).rejects.toThrow(UsageError);
    await expect(eisCosCommand(["--input", "x.csv", "--draws", "5"])).rejects.toThrow(/--draws: must be at least 100/);
    await expect(eisCosCommand(["--input", "x.csv", "--bogus"])).rejects.toThrow(UsageError);
  });
});

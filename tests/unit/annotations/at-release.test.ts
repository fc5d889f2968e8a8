import { describe, expect, it } from "vitest";
import { notesAt } from "@/lib/annotations/at-release";
import { note } from "./fixtures";

/** The notes-at-release rule (issue 18): a pinned page shows the notes as the public saw them when it was made. */
describe("notesAt: notes as published at a release's creation", () => {
  const at = "2026-06-01T12:00:00.000Z";

  it("keeps a note published at or before the moment, leaves out one published after it", () => {
    const before = note(1, { publishedAt: "2026-05-01T00:00:00.000Z" });
    const exactly = note(2, { publishedAt: at });
    const after = note(3, { publishedAt: "2026-06-01T12:00:00.001Z" });
    expect(notesAt([before, exactly, after], at).map((n) => n.id)).toEqual([1, 2]);
  });

  it("a note retired at or before the moment stays retired; one retired after it was still published then", () => {
    const retiredBefore = note(1, {
      state: "retired",
      publishedAt: "2026-01-01T00:00:00.000Z",
      retiredAt: "2026-05-31T00:00:00.000Z",
    });
    const retiredAfter = note(2, {
      state: "retired",
      publishedAt: "2026-01-01T00:00:00.000Z",
      retiredAt: "2026-07-01T00:00:00.000Z",
    });
    const out = notesAt([retiredBefore, retiredAfter], new Date(at));
    expect(out.map((n) => [n.id, n.state, n.retiredAt])).toEqual([
      [1, "retired", "2026-05-31T00:00:00.000Z"],
      [2, "published", null],
    ]);
  });

  it("published and retired after the moment: not shown at all", () => {
    const later = note(1, {
      state: "retired",
      publishedAt: "2026-06-02T00:00:00.000Z",
      retiredAt: "2026-06-03T00:00:00.000Z",
    });
    expect(notesAt([later], at)).toEqual([]);
  });

  it("a published note without a publication date is taken as the snapshot recorded it", () => {
    expect(notesAt([note(1, { publishedAt: null })], at).map((n) => n.id)).toEqual([1]);
  });

  it("does not change the notes it is given", () => {
    const n = note(1, { state: "retired", retiredAt: "2026-07-01T00:00:00.000Z" });
    notesAt([n], at);
    expect(n.state).toBe("retired");
  });
});

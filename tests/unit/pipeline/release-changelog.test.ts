import { describe, expect, it } from "vitest";
import type { PublicNote } from "@/lib/annotations/model";
import { pinnedHref } from "@/lib/charts/types";
import { pageCacheKey } from "@/lib/http/page-cache";
import {
  changelogLines,
  computeChangelog,
  figureChange,
  nextReleaseNumber,
  RELEASE_NUMBER,
  sameSnapshot,
  type DatasetSnapshot,
  type ReleaseSnapshot,
} from "@/lib/pipeline/release-changelog";

const ds = (id: number, rows: { read: number; loaded: number; quarantined: number }): DatasetSnapshot => ({
  id,
  dataset: "seattle-uof",
  label: `seattle-uof@2026-12-0${id}.abcdef0${id}`,
  origin: "file",
  sourceName: "SPD",
  sourceUrl: "https://example.test",
  retrievedAt: "2026-12-01T00:00:00.000Z",
  activatedAt: null,
  sha256: String(id).repeat(64),
  synthetic: false,
  rowsRead: rows.read,
  rowsLoaded: rows.loaded,
  rowsQuarantined: rows.quarantined,
  periodStart: null,
  periodEnd: null,
});
const note = (id: number, state: "published" | "retired", title = `Note ${id}`) =>
  ({ id, state, title, body: "b" }) as unknown as PublicNote;
const snap = (over: Partial<ReleaseSnapshot> = {}): ReleaseSnapshot => ({
  methodologyVersion: "m1",
  datasets: [ds(1, { read: 10, loaded: 9, quarantined: 1 })],
  results: [{ key: "uof.yearly", sha256: "a" }],
  figures: [
    { id: "uof-total", label: "Incidents in the data", value: "1,200" },
    { id: "share", label: "Share at Level 2", value: "12.5%" },
  ],
  notes: [note(1, "published")],
  ...over,
});

describe("release numbering", () => {
  it("numbers releases YYYY.MM.n within the month, from 1, in UTC", () => {
    const dec = new Date("2026-12-31T23:30:00Z");
    expect(nextReleaseNumber([], dec)).toBe("2026.12.1");
    expect(nextReleaseNumber(["2026.12.1", "2026.12.2", "2026.11.7"], dec)).toBe("2026.12.3");
    expect(nextReleaseNumber(["2026.12.9", "2026.12.10"], dec)).toBe("2026.12.11");
    expect(nextReleaseNumber(["2026.12.4"], new Date("2027-01-01T00:00:00Z"))).toBe("2027.01.1");
  });
  it("accepts only well-formed ids", () => {
    for (const ok of ["2026.12.1", "2027.01.12"]) expect(RELEASE_NUMBER.test(ok)).toBe(true);
    for (const bad of ["2026.13.1", "2026.12.0", "2026.1.1", "latest", "2026.12.1;drop", "2026.12.01"])
      expect(RELEASE_NUMBER.test(bad)).toBe(false);
  });
});

describe("changelog computed from two releases", () => {
  it("the first release lists its sources and moves no figure", () => {
    const c = computeChangelog(null, snap());
    expect(c.first).toBe(true);
    expect(c.figures).toEqual([]);
    expect(c.sources[0]).toMatchObject({ from: null, rowsLoaded: { from: null, to: 9, change: 9 } });
    expect(changelogLines(c)[0]).toBe("seattle-uof: first version seattle-uof@2026-12-01.abcdef01, 9 rows loaded");
  });

  it("a new version lists exactly its row changes and every moved figure with the size of the move", () => {
    const next = snap({
      datasets: [ds(2, { read: 15, loaded: 12, quarantined: 3 })],
      results: [{ key: "uof.yearly", sha256: "b" }],
      figures: [
        { id: "uof-total", label: "Incidents in the data", value: "1,180" },
        { id: "share", label: "Share at Level 2", value: "13.9%" },
      ],
    });
    const c = computeChangelog(snap(), next);
    expect(c.sources).toEqual([
      {
        dataset: "seattle-uof",
        from: { label: "seattle-uof@2026-12-01.abcdef01", sha256: "1".repeat(64) },
        to: { label: "seattle-uof@2026-12-02.abcdef02", sha256: "2".repeat(64) },
        rowsRead: { from: 10, to: 15, change: 5 },
        rowsLoaded: { from: 9, to: 12, change: 3 },
        rowsQuarantined: { from: 1, to: 3, change: 2 },
      },
    ]);
    expect(c.figures).toEqual([
      { id: "uof-total", label: "Incidents in the data", from: "1,200", to: "1,180", change: "-20 (-1.7%)" },
      { id: "share", label: "Share at Level 2", from: "12.5%", to: "13.9%", change: "+1.4 percentage points" },
    ]);
    expect(c.results).toEqual({ added: [], removed: [], changed: ["uof.yearly"] });
    expect(changelogLines(c)).toContain("Incidents in the data: 1,200 -> 1,180 (-20 (-1.7%))");
  });

  it("a silent revision (same dataset version, recomputed figures) is listed too", () => {
    const c = computeChangelog(
      snap(),
      snap({
        results: [{ key: "uof.yearly", sha256: "z" }],
        figures: [{ id: "uof-total", label: "Incidents in the data", value: "1,201" }, snap().figures[1]!],
      }),
    );
    expect(c.sources).toEqual([]);
    expect(c.figures.map((f) => f.change)).toEqual(["+1 (+0.1%)"]);
    expect(changelogLines(c)).toContain("results recomputed: uof.yearly");
  });

  it("notes published, retired and edited are listed; a relabelled figure is not given a size", () => {
    const c = computeChangelog(
      snap({ notes: [note(1, "published"), note(2, "published")] }),
      snap({
        notes: [note(1, "retired"), note(2, "published", "New title"), note(3, "published")],
        figures: [{ id: "uof-total", label: "Incidents in 2025", value: "1,200" }, snap().figures[1]!],
      }),
    );
    expect(c.notes).toEqual({
      published: [{ id: 3, title: "Note 3" }],
      retired: [{ id: 1, title: "Note 1" }],
      edited: [{ id: 2, title: "New title" }],
    });
    expect(c.figures).toEqual([
      { id: "uof-total", label: "Incidents in 2025", from: "1,200", to: "1,200", change: null },
    ]);
  });

  it("identical snapshots are the same release; any dataset, payload, methodology or note change is not", () => {
    expect(sameSnapshot(snap(), snap())).toBe(true);
    expect(sameSnapshot(snap(), snap({ methodologyVersion: "m2" }))).toBe(false);
    expect(sameSnapshot(snap(), snap({ results: [{ key: "uof.yearly", sha256: "b" }] }))).toBe(false);
    expect(sameSnapshot(snap(), snap({ notes: [note(1, "retired")] }))).toBe(false);
    expect(sameSnapshot(snap(), snap({ datasets: [ds(2, { read: 10, loaded: 9, quarantined: 1 })] }))).toBe(false);
  });

  it("sizes moves only between comparable values", () => {
    expect(figureChange("10", "10")).toBe("±0 (±0.0%)");
    expect(figureChange("0", "5")).toBe("+5");
    expect(figureChange("10%", "12")).toBeNull();
    expect(figureChange("n/a", "12")).toBeNull();
  });
});

describe("pinned links and the response cache", () => {
  it("pins a link before its fragment", () => {
    expect(pinnedHref("/crisis?precinct=West#crisis-contacts", "2026.12.2")).toBe(
      "/crisis?precinct=West&release=2026.12.2#crisis-contacts",
    );
    expect(pinnedHref("/api/v1/charts/x", "2026.12.2")).toBe("/api/v1/charts/x?release=2026.12.2");
  });
  it("keys pinned and latest answers apart, so they never mix", () => {
    const key = (u: string) => pageCacheKey("GET", new URL(u, "http://p.test"), new Headers());
    const latest = key("/api/v1/charts/uof-officers");
    const pinned = key("/api/v1/charts/uof-officers?release=2026.12.1");
    const other = key("/api/v1/charts/uof-officers?release=2026.12.2");
    expect(new Set([latest, pinned, other]).size).toBe(3);
    expect(key("/crisis?release=2026.12.1&precinct=West")).toBe(key("/crisis?precinct=West&release=2026.12.1"));
  });
});

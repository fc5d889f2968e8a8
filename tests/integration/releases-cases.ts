import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { recomputeResults } from "@/lib/pipeline/recompute";
import { PUBLIC_PAGES } from "@/lib/annotations/targets";
import { seedContextAnnotations } from "@/lib/annotations/seed";
import { METHODOLOGY_CHANGELOG } from "@/lib/pipeline/methodology-changelog";
import { findRelease, listReleases, pruneReleases, recordRelease } from "@/lib/pipeline/releases";
import { writeCsv } from "../helpers/temp-db";
import { apiCases } from "./releases-api-cases";

/**
 * The release cases, run on SQLite (releases.test.ts) and PostgreSQL (releases-postgres.test.ts). The caller has
 * pointed DATABASE_URL at `db` before anything read the environment, so the chart route reads the same database.
 */
export const HEADER = [
  "ID",
  "Incident_Num",
  "Incident_Type",
  "Occured_date_time",
  "Precinct",
  "Sector",
  "Beat",
  "Officer_ID",
  "Subject_ID",
  "Subject_Race",
  "Subject_Gender",
];
const row = (i: number, year: number, level = 1): string[] => [
  `R${i}`,
  `INC${i}`,
  `Level ${level} - Use of Force`,
  `${year}-${String((i % 12) + 1).padStart(2, "0")}-15T10:00:00`,
  i % 2 ? "West" : "East",
  "KING",
  "K2",
  String(1000 + (i % 5)),
  `S${i}`,
  "White",
  "Male",
];
// v1: 30 incidents in 2022, 20 in 2023 (the last on 28 December, so 2023 is a full year). v2: 6 more 2023 incidents
// (two at Level 2) and one row with an unparseable date.
const LAST_DAY = [
  "R999",
  "INC999",
  "Level 1 - Use of Force",
  "2023-12-28T10:00:00",
  "West",
  "KING",
  "K2",
  "1001",
  "S999",
  "White",
  "Male",
];
const V1 = [
  ...Array.from({ length: 30 }, (_, i) => row(i, 2022)),
  ...Array.from({ length: 19 }, (_, i) => row(100 + i, 2023)),
  LAST_DAY,
];
const V2 = [
  ...V1,
  ...Array.from({ length: 6 }, (_, i) => row(200 + i, 2023, i < 2 ? 2 : 1)),
  ["BAD1", "INCX", "Level 1 - Use of Force", "not a date", "West", "KING", "K2", "1001", "SX", "White", "Male"],
];

const chartCsv = async (query: string) => {
  const { GET } = await import("@/app/api/v1/charts/[id]/route");
  const res = await GET(new Request(`http://portal.test/api/v1/charts/uof-incidents-by-level${query}`), {
    params: Promise.resolve({ id: "uof-incidents-by-level" }),
  });
  return {
    status: res.status,
    text: await res.text(),
    release: res.headers.get("x-release"),
    version: res.headers.get("x-dataset-version"),
  };
};
let servedAtFirst: Awaited<ReturnType<typeof chartCsv>> | null = null;

export function releaseCases(ctx: () => { db: Db; dir: string }) {
  it("a load makes release 1; the same file again makes none; a changed file makes one with exactly its counts", async () => {
    const { db, dir } = ctx();
    const now = new Date();
    const month = `${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    await ingestFile(db, { source: "seattle-uof", filePath: writeCsv(dir, "v1.csv", HEADER, V1), origin: "file" });
    let all = await listReleases(db);
    expect(all.map((r) => r.number)).toEqual([`${month}.1`]);
    expect(all[0]!.changelog.first).toBe(true);
    expect(all[0]!.snapshot.datasets[0]).toMatchObject({ rowsRead: 50, rowsLoaded: 50, rowsQuarantined: 0 });

    servedAtFirst = await chartCsv("");
    expect(servedAtFirst.status).toBe(200);
    expect(servedAtFirst.release).toBe(`${month}.1`);
    await apiCases.capture(db);

    // Unchanged re-load (the same bytes) and a recompute that gives the same payloads: no release.
    const same = await ingestFile(db, {
      source: "seattle-uof",
      filePath: writeCsv(dir, "v1b.csv", HEADER, V1),
      origin: "file",
    });
    expect(same.status).toBe("unchanged");
    await recomputeResults(db);
    expect(await listReleases(db)).toHaveLength(1);

    await ingestFile(db, { source: "seattle-uof", filePath: writeCsv(dir, "v2.csv", HEADER, V2), origin: "file" });
    all = await listReleases(db);
    expect(all.map((r) => r.number)).toEqual([`${month}.2`, `${month}.1`]);
    const c = all[0]!.changelog;
    expect(c.first).toBe(false);
    expect(c.sources).toHaveLength(1);
    expect(c.sources[0]).toMatchObject({
      dataset: "seattle-uof",
      rowsRead: { from: 50, to: 57, change: 7 },
      rowsLoaded: { from: 50, to: 56, change: 6 },
      rowsQuarantined: { from: 0, to: 1, change: 1 },
    });
    expect(c.sources[0]!.from!.sha256).not.toBe(c.sources[0]!.to!.sha256);
    // Headline figures that moved: incidents in the data 50 -> 56, 2023 incidents 20 -> 26, Level 2+ share 0 -> 7.7%.
    const fig = (id: string) => c.figures.find((f) => f.id === id);
    expect(fig("uof-total")).toMatchObject({ from: "50", to: "56", change: "+6 (+12.0%)" });
    expect(fig("uof-latest-year")).toMatchObject({ from: "20", to: "26", change: "+6 (+30.0%)" });
    // 0 of 20 -> 2 of 26 incidents at Level 2 or above.
    expect(fig("uof-level2-share")).toMatchObject({ from: "0.0%", to: "7.7%", change: "+7.7 percentage points" });
    expect(c.figures).toHaveLength(3);
    expect(c.results.changed).toContain("uof.yearly");
  });

  it("a chart pinned to the older release returns that release's CSV byte for byte after the newer load", async () => {
    const { db } = ctx();
    const [latest, older] = await listReleases(db);
    const pinned = await chartCsv(`?release=${older!.number}`);
    expect(pinned.status).toBe(200);
    expect(pinned.release).toBe(older!.number);
    // Byte for byte what the chart answered while the older release was the latest (first test).
    expect(pinned.text).toBe(servedAtFirst!.text);
    expect(pinned.version).toBe(servedAtFirst!.version);
    expect(pinned.version).toBe(older!.snapshot.datasets[0]!.label);
    const now = await chartCsv("");
    expect(now.release).toBe(latest!.number);
    expect(now.version).toBe(latest!.snapshot.datasets[0]!.label);
    expect(now.text).not.toBe(pinned.text);
    // Pinned and latest answers alternate without mixing (per-process copies are keyed by release).
    expect((await chartCsv(`?release=${older!.number}`)).text).toBe(pinned.text);
    expect((await chartCsv("")).text).toBe(now.text);
  });

  it("aggregates, manifests, dictionaries and the OpenAPI document pinned to the older release are the same bytes after the newer load; its rows are refused", async () => {
    await apiCases.compare(ctx().db);
  });

  it("a malformed ?release= is a 400 in the JSON error shape on every endpoint (fuzzed), an unknown one a 404", async () => {
    await apiCases.fuzz();
  });

  it("a malformed release id is a 400 and an unknown one a 404, in the one error shape", async () => {
    const bad = await chartCsv("?release=latest");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: "invalid_release" } });
    const unknown = await chartCsv("?release=1999.01.1");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: { code: "unknown_release" } });
  });

  it("a page pinned to an older release shows that release's figures and notes after a newer load and a later note", async () => {
    const { db } = ctx();
    const [v2, v1] = await listReleases(db);
    const pageNote = (title: string, scopeTarget: string) => ({
      title,
      body: "Written after the loads.",
      kind: "context" as const,
      scopeKind: "page" as const,
      scopeTarget,
      dateStart: null,
      dateEnd: null,
      sourceLabel: null,
      sourceUrl: null,
    });
    // A note for the home page published after both loads: a third release.
    await seedContextAnnotations(db, [pageNote("Home page note", "/")]);
    const third = (await recordRelease(db, "note"))!;
    expect(third.trigger).toBe("note");
    const { publicPage } = await import("@/lib/http/public-page");
    const { getHomePage } = await import("@/lib/dal/home");
    const home = async (release?: string) => {
      const page = await publicPage("/", release ? { release } : {}, () => getHomePage());
      if (!page.ok) throw new Error(page.message);
      return page;
    };
    const shown = (p: Awaited<ReturnType<typeof home>>) =>
      p.data.figures.map((f) => ({ id: f.id, label: f.label, value: f.value }));
    const titles = (p: Awaited<ReturnType<typeof home>>) => p.frame.notes.map((n) => n.title);

    const first = await home(v1!.number);
    expect(first.frame.release).toMatchObject({ number: v1!.number, createdAt: v1!.createdAt.toISOString() });
    // Exactly the headline figures the first release recorded (50 incidents), not today's 56.
    expect(shown(first)).toEqual(v1!.snapshot.figures);
    expect(first.data.figures.find((f) => f.id === "uof-total")?.value).toBe("50");
    expect(first.data.datasets.map((d) => d.label)).toEqual(v1!.snapshot.datasets.map((d) => d.label));
    expect(titles(first)).not.toContain("Home page note");
    // The methodology text the release recorded.
    expect(first.frame.release!.methodology).toEqual(METHODOLOGY_CHANGELOG);

    const second = await home(v2!.number);
    expect(second.data.figures.find((f) => f.id === "uof-total")?.value).toBe("56");
    expect(titles(second)).not.toContain("Home page note");
    const pinnedThird = await home(third.number);
    expect(titles(pinnedThird)).toContain("Home page note");
    const latest = await home();
    expect(latest.frame.release).toBeNull();
    expect(shown(latest)).toEqual(third.snapshot.figures);
    expect(titles(latest)).toContain("Home page note");
    // Pinned and latest alternate without mixing (per-request and per-process copies are keyed by release).
    expect(shown(await home(v1!.number))).toEqual(v1!.snapshot.figures);

    // A malformed id is a message for the page; an unknown one the 404 page (Next.js's notFound), never a 500.
    const bad = await publicPage("/", { release: "garbage" }, () => getHomePage());
    expect(bad).toMatchObject({ ok: false, frame: { path: "/", latestHref: "/" } });
    expect(!bad.ok && bad.message).toMatch(/A release id looks like "2026\.12\.1"/);
    await expect(publicPage("/", { release: "1999.01.1" })).rejects.toMatchObject({
      digest: expect.stringContaining("404"),
    });
  });

  it("every public page shows the notes scoped to it (and the site-wide ones), and no other page's", async () => {
    const { db } = ctx();
    await seedContextAnnotations(db, [
      ...PUBLIC_PAGES.map((p) => ({
        title: `Note for ${p.path}`,
        body: "Scoped to one page.",
        kind: "context" as const,
        scopeKind: "page" as const,
        scopeTarget: p.path,
        dateStart: null,
        dateEnd: null,
        sourceLabel: null,
        sourceUrl: null,
      })),
      {
        title: "Site-wide note",
        body: "Everywhere.",
        kind: "context" as const,
        scopeKind: "site" as const,
        scopeTarget: "",
        dateStart: null,
        dateEnd: null,
        sourceLabel: null,
        sourceUrl: null,
      },
    ]);
    const { publicPage } = await import("@/lib/http/public-page");
    for (const p of PUBLIC_PAGES) {
      const page = await publicPage(p.path, {});
      if (!page.ok) throw new Error(page.message);
      const titles = page.frame.notes.map((n) => n.title);
      expect(titles, p.path).toContain(`Note for ${p.path}`);
      expect(titles, p.path).toContain("Site-wide note");
      expect(
        titles.filter((t) => t.startsWith("Note for ")),
        p.path,
      ).toEqual([`Note for ${p.path}`]);
    }
  });

  it("prune keeps the newest N releases and the payloads they use; a pruned id answers 404", async () => {
    const { db } = ctx();
    const [latest, older, ...rest] = await listReleases(db);
    await expect(pruneReleases(db, 0)).rejects.toMatchObject({ code: "bad_request" });
    expect(await pruneReleases(db, 1)).toEqual([older!, ...rest].map((r) => r.number).reverse());
    expect(await findRelease(db, older!.number)).toBeNull();
    expect((await chartCsv(`?release=${older!.number}`)).status).toBe(404);
    expect((await chartCsv(`?release=${latest!.number}`)).status).toBe(200);
    const used = await db.releaseResult.count();
    expect(await db.releasePayload.count()).toBeLessThanOrEqual(used);
    expect(used).toBeGreaterThan(0);
  });
}

import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCrisisSample } from "@/lib/ingest/synthetic/crisis-sample-file";
import type { ChartContext } from "@/lib/charts/context";
import { crisisCharts } from "@/lib/charts/crisis-charts";
import { alternativeCharts } from "@/lib/charts/alternative-charts";
import { kpiCharts } from "@/lib/charts/kpi-charts";
import { publishChart, unstableIn } from "@/lib/charts/publish";
import { DEFAULT_RULE } from "@/lib/trends/alternative-rule";
import { uofCharts } from "@/lib/charts/uof-charts";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { parseTrendFilters } from "@/lib/trends/filters";
import type { UofAggregates } from "@/lib/trends/uof-aggregates";
import { tempSqliteDb } from "../helpers/temp-db";

const UOF_FILE = "../shared/data/seattle-use-of-force.csv";
const ctx = (params: Record<string, string>, threshold = 0): ChartContext => ({
  filters: parseTrendFilters(params).value,
  threshold,
  sources: [],
  query: "",
  pagePath: "/x",
});

describe("trend charts equal direct SQL over the loaded data", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let cube: CrisisCube;
  let uof: UofAggregates | null = null;
  beforeAll(async () => {
    t = await tempSqliteDb();
    await ingestFile(t.db, {
      source: "seattle-crisis",
      filePath: await writeCrisisSample("trend-test", 20_000),
      origin: "sample",
    });
    if (fs.existsSync(UOF_FILE)) await ingestFile(t.db, { source: "seattle-uof", filePath: UOF_FILE, origin: "file" });
    cube = JSON.parse((await t.db.result.findUniqueOrThrow({ where: { key: "crisis.cube" } })).payload);
    const u = await t.db.result.findUnique({ where: { key: "uof.aggregates" } });
    uof = u ? JSON.parse(u.payload) : null;
  }, 120_000);
  afterAll(async () => t.cleanup());

  const sql = async <T>(query: string) => (await t.db.$queryRawUnsafe(query)) as T[];
  // A template belongs to the quarter and precinct of its earliest officer record (as in the pipeline).
  const TEMPLATE_FIRST = `SELECT templateId, reportedDate, precinct, anyForce FROM (
       SELECT templateId, reportedDate, precinct, MAX(useOfForce) OVER (PARTITION BY templateId) AS anyForce,
              ROW_NUMBER() OVER (PARTITION BY templateId ORDER BY reportedDate, id) AS rn FROM CrisisContact) WHERE rn = 1`;
  const quarterExpr = `substr(reportedDate,1,4) || '-Q' || ((CAST(substr(reportedDate,6,2) AS INTEGER) + 2) / 3)`;

  it("crisis contacts per quarter count Template IDs, not rows", async () => {
    const expected = await sql<{ q: string; n: bigint }>(
      `SELECT ${quarterExpr} AS q, COUNT(*) AS n FROM (${TEMPLATE_FIRST}) GROUP BY q ORDER BY q`,
    );
    const chart = crisisCharts(cube, ctx({}))[0]!;
    expect(chart.id).toBe("crisis-contacts");
    expect(chart.rows.map((r) => [r.period, r.contacts])).toEqual(expected.map((e) => [e.q, Number(e.n)]));
    const rows = await sql<{ n: bigint }>(`SELECT COUNT(*) AS n FROM CrisisRow`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(chart.rows.reduce((s, r) => s + (r.contacts as number), 0));
  });

  it("force share by year, with a precinct filter, matches SQL", async () => {
    const expected = await sql<{ y: string; n: bigint; k: bigint }>(
      `SELECT substr(f.reportedDate,1,4) AS y, COUNT(*) AS n,
              SUM(f.anyForce) AS k
         FROM (${TEMPLATE_FIRST}) f WHERE f.precinct = 'West' GROUP BY y ORDER BY y`,
    );
    const chart = crisisCharts(cube, ctx({ precinct: "West", granularity: "year" })).find(
      (c) => c.id === "crisis-force-share",
    )!;
    expect(chart.rows.map((r) => [r.period, r.contacts, r.withForce])).toEqual(
      expected.map((e) => [e.y, Number(e.n), Number(e.k)]),
    );
    for (const r of chart.rows) expect(r.forceShare).toBeCloseTo((r.withForce as number) / (r.contacts as number), 12);
    expect(chart.takeaway).toMatch(/West precinct/);
  });

  it("shows small cells and flags them unstable once published (reliability policy)", () => {
    const chart = publishChart(
      crisisCharts(cube, ctx({ granularity: "month", callType: cube.callTypes.at(-1)!.callType }, 10))[0]!,
    );
    const small = chart.rows.filter((r) => typeof r.contacts === "number" && r.contacts > 0 && r.contacts < 10);
    expect(small.length).toBeGreaterThan(0);
    expect(chart.rows.every((r) => typeof r.contacts === "number")).toBe(true);
    for (const r of chart.rows) expect(unstableIn(r).has("contacts")).toBe(small.includes(r));
    expect(chart.unstableCells).toBe(small.length);
  });

  it("the KPI force rate equals force contacts / contacts per quarter", () => {
    const kpi = kpiCharts(cube, null, ctx({})).find((c) => c.id === "kpi-force-rate")!;
    const contacts = crisisCharts(cube, ctx({})).find((c) => c.id === "crisis-force-share")!;
    expect(kpi.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual(
      contacts.rows.map((r) => [r.period, r.withForce, r.contacts]),
    );
  });

  it("alternative response: arrest-or-force share per call type matches SQL at the template level", async () => {
    const expected = await sql<{ callType: string; n: bigint; k: bigint }>(
      `SELECT f.initialCallType AS callType, COUNT(*) AS n, SUM(CASE WHEN f.anyForce = 1 OR f.anyArrest = 1 THEN 1 ELSE 0 END) AS k FROM (
         SELECT initialCallType, MAX(useOfForce) OVER (PARTITION BY templateId) AS anyForce,
                MAX(CASE WHEN dispositionGroup = 'arrest' THEN 1 ELSE 0 END) OVER (PARTITION BY templateId) AS anyArrest,
                ROW_NUMBER() OVER (PARTITION BY templateId ORDER BY reportedDate, id) AS rn FROM CrisisContact) f
       WHERE rn = 1 GROUP BY f.initialCallType`,
    );
    const [table] = alternativeCharts(cube, ctx({}), DEFAULT_RULE, "");
    expect(table!.rows).toHaveLength(expected.length);
    for (const e of expected) {
      const row = table!.rows.find((r) => r.group === e.callType)!;
      expect(row.contacts).toBe(Number(e.n));
      expect(row.arrestOrForce).toBeCloseTo(Number(e.k) / Number(e.n), 12);
    }
    const risk = alternativeCharts(cube, ctx({}), DEFAULT_RULE, "").find((c) => c.id === "alt-risk-groups")!;
    expect(risk.rows.reduce((s, r) => s + (r.contacts as number), 0)).toBe(
      expected.reduce((s, e) => s + Number(e.n), 0),
    );
    const loose = alternativeCharts(cube, ctx({}), { ...DEFAULT_RULE, threshold: 50, basis: "estimate" }, "")[0]!;
    const strict = alternativeCharts(cube, ctx({}), { ...DEFAULT_RULE, threshold: 0.5 }, "")[0]!;
    const count = (c: typeof loose) => c.rows.filter((r) => r.classification === "Candidate").length;
    expect(count(loose)).toBeGreaterThan(count(strict));
  });

  it.skipIf(!fs.existsSync(UOF_FILE))(
    "use-of-force incidents by level and year match SQL over the real file",
    async () => {
      const expected = await sql<{ y: string; lvl: bigint; n: bigint }>(
        `SELECT substr(firstAt,1,4) AS y, lvl, COUNT(*) AS n FROM
         (SELECT incidentNum, MIN(occurredAt) AS firstAt, MAX(level) AS lvl FROM UseOfForce GROUP BY incidentNum) GROUP BY y, lvl`,
      );
      const chart = uofCharts(uof!, ctx({ granularity: "year" })).find((c) => c.id === "uof-incidents-by-level")!;
      for (const e of expected) {
        const row = chart.rows.find((r) => r.period === e.y)!;
        expect(row[`level${Number(e.lvl)}`]).toBe(Number(e.n));
      }
      const y2019 = chart.rows.find((r) => r.period === "2019")!;
      expect(y2019.total).toBe(1374);
    },
  );

  it.skipIf(!fs.existsSync(UOF_FILE))(
    "a period the data only partly covers is marked on every use-of-force time chart",
    () => {
      // The real file starts 27 Jan 2014 and ends in Feb 2026: 2014-Q1 / 2014 and 2026-Q1 / 2026 are partial.
      for (const granularity of ["quarter", "year"] as const) {
        for (const raw of uofCharts(uof!, ctx({ granularity }))) {
          if (raw.xKey !== "period") continue;
          const chart = publishChart(raw);
          const periods = chart.rows.map((r) => r.period as string);
          const id = `${chart.id} ${granularity}`;
          expect(chart.partialPeriods, id).toEqual([periods[0], periods.at(-1)]);
          expect(
            chart.rows.map((r) => r.coverage),
            id,
          ).toEqual(periods.map((_, i) => (i === 0 || i === periods.length - 1 ? "partial" : "complete")));
          expect(
            chart.notes.some((n) => n.startsWith(`${periods[0]} and ${periods.at(-1)} are only partly covered`)),
            id,
          ).toBe(true);
        }
      }
      // race, gender and concentration by year: 2014 and 2026 are marked, and no takeaway leans on them
      const year = uofCharts(uof!, ctx({}));
      for (const id of ["uof-subject-race", "uof-subject-gender", "uof-concentration"])
        expect(year.find((c) => c.id === id)!.partialPeriods, id).toEqual(["2014", "2026"]);
    },
  );

  it.skipIf(!fs.existsSync(UOF_FILE))(
    "never uses a partial quarter as a baseline or as the latest figure (kpi, incidents)",
    () => {
      const kpi = kpiCharts(null, uof, ctx({})).find((c) => c.id === "kpi-level2-share")!;
      expect(kpi.partialPeriods).toEqual(["2014-Q1", "2026-Q1"]);
      expect(kpi.takeaway).toMatch(/in 2025-Q4 .*against .* in 2014-Q2\.$/);
      expect(kpi.takeaway).not.toMatch(/2014-Q1|2026-Q1/);
      const incidents = uofCharts(uof!, ctx({})).find((c) => c.id === "uof-incidents-by-level")!;
      expect(incidents.takeaway).toMatch(/in 2025-Q4 .*against .* in 2014-Q2;/);
    },
  );

  it.skipIf(!fs.existsSync(UOF_FILE))(
    "concentration: the top 10% share is computed over distinct incidents",
    async () => {
      const all = uof!.concentration.find((c) => c.period === "all")!;
      const officers = await sql<{ n: bigint }>(
        `SELECT COUNT(DISTINCT officerId) AS n FROM UseOfForce WHERE officerId IS NOT NULL`,
      );
      expect(all.officers).toBe(Number(officers[0]!.n));
      expect(all.top10Share).toBeGreaterThan(0.1);
      expect(all.top10Share).toBeLessThan(1);
      expect(all.curve.at(-1)!.shareOfIncidents).toBe(1);
    },
  );
});

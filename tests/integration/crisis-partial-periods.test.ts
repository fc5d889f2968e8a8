import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crisisCharts } from "@/lib/charts/crisis-charts";
import type { ChartContext } from "@/lib/charts/context";
import { kpiCharts } from "@/lib/charts/kpi-charts";
import { COVERAGE_KEY, publishChart } from "@/lib/charts/publish";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { CRISIS_FIELDS } from "@/lib/ingest/sources/crisis-fields";
import { generateCrisisSample } from "@/lib/ingest/synthetic/crisis-sample";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { parseTrendFilters } from "@/lib/trends/filters";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * Crisis data that start on 27 January 2019 and end on 13 December 2020, loaded through the ingest: the stored
 * crisis summary keeps the first and last reported dates (day precision), so the first and last month, quarter and
 * year are flagged partial and never used as a comparison, as on Use of Force.
 */
const ctx = (params: Record<string, string>): ChartContext => ({
  filters: parseTrendFilters(params).value,
  threshold: 0,
  sources: [],
  query: "",
  pagePath: "/x",
});
const coverage = (rows: Record<string, unknown>[]) =>
  Object.fromEntries(rows.map((r) => [String(r.period), r[COVERAGE_KEY]]));

describe("crisis partial periods at day precision", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let cube: CrisisCube;
  beforeAll(async () => {
    t = await tempSqliteDb();
    const rows = [
      ...generateCrisisSample({ seed: "partial", targetRows: 4_000, startYear: 2019, endYear: 2020 }),
    ].filter((r) => r.reported_date.slice(0, 10) >= "2019-01-27" && r.reported_date.slice(0, 10) <= "2020-12-13");
    const file = path.join(t.dir, "crisis.csv");
    fs.writeFileSync(file, stringify(rows, { header: true, columns: CRISIS_FIELDS.map((f) => f.field) }));
    await ingestFile(t.db, { source: "seattle-crisis", filePath: file, origin: "file" });
    cube = JSON.parse((await t.db.result.findUniqueOrThrow({ where: { key: "crisis.cube" } })).payload);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it("stores the first and last reported dates of the data", () => {
    expect(cube.firstDate).toBe("2019-01-27");
    expect(cube.lastDate).toBe("2020-12-13");
  });

  it("flags the first and last month, quarter and year partial", () => {
    const contacts = (granularity: string) =>
      publishChart(crisisCharts(cube, ctx({ granularity })).find((c) => c.id === "crisis-contacts")!);
    const month = coverage(contacts("month").rows);
    expect([month["2019-01"], month["2019-02"], month["2020-11"], month["2020-12"]]).toEqual([
      "partial",
      "complete",
      "complete",
      "partial",
    ]);
    const quarter = contacts("quarter");
    expect(quarter.partialPeriods).toEqual(["2019-Q1", "2020-Q4"]);
    expect(coverage(quarter.rows)["2019-Q2"]).toBe("complete");
    expect(contacts("year").partialPeriods).toEqual(["2019", "2020"]);
  });

  it("never uses a partial quarter as the baseline or latest figure of a takeaway", () => {
    const force = crisisCharts(cube, ctx({ granularity: "quarter" })).find((c) => c.id === "crisis-force-share")!;
    expect(force.takeaway).not.toMatch(/2019-Q1|2020-Q4/);
    for (const kpi of kpiCharts(cube, null, ctx({}))) {
      expect(kpi.partialPeriods, kpi.id).toEqual(["2019-Q1", "2020-Q4"]);
      expect(kpi.takeaway, kpi.id).toMatch(/in 2020-Q3 .* against .* in 2019-Q2\./);
    }
  });

  it("a from/to filter starts and ends where the reader asked: those periods are complete", () => {
    const chart = crisisCharts(cube, ctx({ granularity: "quarter", from: "2019-04", to: "2020-09" }))[0]!;
    expect(chart.partialPeriods ?? []).toEqual([]);
  });
});

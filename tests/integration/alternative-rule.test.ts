import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alternativeCharts } from "@/lib/charts/alternative-charts";
import type { ChartContext } from "@/lib/charts/context";
import { chartCsvTable } from "@/lib/charts/csv-table";
import { CRISIS_SAMPLE_DEFAULTS } from "@/lib/ingest/synthetic/crisis-sample";
import { writeCrisisSample } from "@/lib/ingest/synthetic/crisis-sample-file";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { wilson } from "@/lib/stats/wilson";
import { DEFAULT_RULE, RULE_PRESETS } from "@/lib/trends/alternative-rule";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { parseTrendFilters } from "@/lib/trends/filters";
import { presetSummaries } from "@/lib/trends/rule-verdict";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * Issue 22 on the data the demo and e2e load (the synthetic sample, its default seed, the e2e size): the default rule
 * finds call types, the strict preset finds none and says why, the call-type chart carries its threshold line and
 * CSV column, and the eras chart draws no empty bars. Shares and intervals are recomputed from SQL.
 */
describe("alternative-response rules on the demo's synthetic sample", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let cube: CrisisCube;
  let bySql: Map<string, { n: number; k: number }>;
  const ctx: ChartContext = {
    filters: parseTrendFilters({}).value,
    threshold: 10,
    sources: [],
    query: "",
    pagePath: "/alternative-response",
  };
  beforeAll(async () => {
    t = await tempSqliteDb();
    await ingestFile(t.db, {
      source: "seattle-crisis",
      filePath: await writeCrisisSample(CRISIS_SAMPLE_DEFAULTS.seed, 40_000),
      origin: "sample",
    });
    cube = JSON.parse((await t.db.result.findUniqueOrThrow({ where: { key: "crisis.cube" } })).payload);
    // Arrest or force per template, the template in the call type of its earliest record (as the pipeline does).
    const rows = (await t.db.$queryRawUnsafe(
      `SELECT f.initialCallType AS callType, COUNT(*) AS n,
              SUM(CASE WHEN f.anyForce = 1 OR f.anyArrest = 1 THEN 1 ELSE 0 END) AS k FROM (
         SELECT initialCallType, MAX(useOfForce) OVER (PARTITION BY templateId) AS anyForce,
                MAX(CASE WHEN dispositionGroup = 'arrest' THEN 1 ELSE 0 END) OVER (PARTITION BY templateId) AS anyArrest,
                ROW_NUMBER() OVER (PARTITION BY templateId ORDER BY reportedDate, id) AS rn FROM CrisisContact) f
       WHERE rn = 1 GROUP BY f.initialCallType`,
    )) as { callType: string; n: bigint; k: bigint }[];
    bySql = new Map(rows.map((r) => [r.callType, { n: Number(r.n), k: Number(r.k) }]));
  }, 180_000);
  afterAll(async () => t.cleanup());

  const candidatesBySql = (threshold: number, minContacts: number) =>
    [...bySql]
      .filter(([, { n, k }]) => n >= minContacts && wilson(k, n)!.high < threshold / 100)
      .map(([c]) => c)
      .sort();

  it("the default rule qualifies call types, exactly those whose interval's upper end is under 10% by SQL", () => {
    const [table] = alternativeCharts(cube, ctx, DEFAULT_RULE, "");
    const got = table!.rows.filter((r) => r.classification === "Candidate").map((r) => String(r.group));
    expect(got.length).toBeGreaterThan(0);
    expect(got.sort()).toEqual(candidatesBySql(10, 50));
    expect(table!.takeaway).toMatch(new RegExp(`Under the rule .*, ${got.length} of ${bySql.size} call types`));
  });

  it("the strict preset (the former default) finds none, and the page says which condition fails", () => {
    expect(candidatesBySql(5, 50)).toEqual([]);
    const strict = presetSummaries(cube, ctx.filters).find((p) => p.preset === "strict")!;
    expect(strict).toMatchObject({ candidates: 0, callTypes: bySql.size });
    // every call type has the 50 contacts; the nearest miss is the lowest upper end, by SQL
    expect(Math.min(...[...bySql.values()].map((v) => v.n))).toBeGreaterThanOrEqual(50);
    const [closest] = [...bySql].sort((a, b) => wilson(a[1].k, a[1].n)!.high - wilson(b[1].k, b[1].n)!.high)[0]!;
    expect(strict.reason).toContain("the minimum is not what stops them: the threshold is");
    expect(strict.reason).toContain(`The closest is ${closest}:`);
    const presets = presetSummaries(cube, ctx.filters);
    expect(presets.map((p) => p.preset)).toEqual(["strict", "default", "broad"]);
    expect(presets[1]!.candidates).toBeGreaterThan(0);
    expect(presets[2]!.candidates).toBeGreaterThanOrEqual(presets[1]!.candidates);
  });

  it("the call-type chart carries the threshold as a line, a definition and a CSV column", () => {
    const [table] = alternativeCharts(cube, ctx, DEFAULT_RULE, "");
    expect(table!.referenceLines).toEqual([{ value: 0.1, label: "Rule threshold 10%" }]);
    expect(table!.definitions.join(" ")).toContain("The dashed line marks the rule's threshold, 10%");
    const csv = chartCsvTable(table!);
    const col = csv.header.indexOf("Rule threshold");
    expect(col).toBeGreaterThan(0);
    expect(new Set(csv.rows.map((r) => r[col]))).toEqual(new Set(["10%"]));
    expect(csv.header).toContain("Rule judged on");
  });

  it("the eras chart draws no empty candidate bars under a rule that finds none, and says why", () => {
    const eras = (rule: typeof DEFAULT_RULE) =>
      alternativeCharts(cube, ctx, rule, "").find((c) => c.id === "alt-eras")!;
    const strict = eras(RULE_PRESETS.strict);
    expect(strict.series.map((s) => s.key)).toEqual(["arrestOrForce"]);
    expect(strict.takeaway).toContain("No call type is a candidate under this rule");
    expect(strict.rows.map((r) => r.candidateShare)).toEqual([0, 0]);
    const byDefault = eras(DEFAULT_RULE);
    expect(byDefault.series.map((s) => s.key)).toEqual(["candidateShare", "arrestOrForce"]);
    expect(byDefault.rows.every((r) => (r.candidateShare as number) > 0)).toBe(true);
  });
});

import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartCsvTable } from "@/lib/charts/csv-table";
import { coverageCharts } from "@/lib/charts/coverage-charts";
import { parseSimParams } from "@/lib/coverage/params";
import { eligibleCallTypes, RULE_PRESETS } from "@/lib/coverage/rules";
import { runCoverage } from "@/lib/coverage/run";
import type { CoverageStore } from "@/lib/coverage/store";
import { writeCrisisSample } from "@/lib/ingest/synthetic/crisis-sample-file";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { parseTrendFilters } from "@/lib/trends/filters";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * The coverage model on a loaded sample: the pipeline's stored input agrees with the crisis cube and with SQL over
 * the contacts, the heat map adds up, CSVs carry the rule, parameters and version, and the CLI keeps its contract.
 */
describe("coverage model on a loaded synthetic sample", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let store: CoverageStore;
  let cube: CrisisCube;
  beforeAll(async () => {
    t = await tempSqliteDb();
    await ingestFile(t.db, {
      source: "seattle-crisis",
      filePath: await writeCrisisSample("coverage-test", 20_000),
      origin: "sample",
    });
    store = JSON.parse((await t.db.result.findUniqueOrThrow({ where: { key: "crisis.coverage" } })).payload);
    cube = JSON.parse((await t.db.result.findUniqueOrThrow({ where: { key: "crisis.cube" } })).payload);
  }, 120_000);
  afterAll(async () => t.cleanup());

  it("stores every template once per year, with the cube's precinct and call type and SQL's hour and weekday", async () => {
    const templates = (await t.db.$queryRawUnsafe(`SELECT COUNT(DISTINCT templateId) AS n FROM CrisisContact`)) as {
      n: bigint;
    }[];
    expect(store.years.reduce((s, y) => s + y.dt.length, 0)).toBe(Number(templates[0]!.n));
    for (const y of store.years) {
      const inCube = cube.cells.filter((c) => c.month.startsWith(String(y.year))).reduce((s, c) => s + c.templates, 0);
      expect(y.dt.length).toBe(inCube);
    }
    // Hour x weekday of the earliest record per template, computed by SQLite from the stored text (no zone shift).
    const rows = (await t.db
      .$queryRawUnsafe(`SELECT strftime('%w', substr(d, 1, 10)) AS wd, substr(d, 12, 2) AS h, COUNT(*) AS n FROM (
        SELECT MIN(reportedDate) AS d FROM CrisisContact GROUP BY templateId) GROUP BY wd, h`)) as {
      wd: string;
      h: string;
      n: bigint;
    }[];
    const heat = new Map<number, number>();
    store.heat.h.forEach((h, i) => heat.set(h, (heat.get(h) ?? 0) + store.heat.n[i]!));
    expect(rows.length).toBe(168);
    for (const r of rows) expect(heat.get(((Number(r.wd) + 6) % 7) * 24 + Number(r.h))).toBe(Number(r.n));
  });

  it("eligible contacts equal the cube's contacts in candidate call types; the heat map sums to them", () => {
    const rule = RULE_PRESETS.broad;
    const names = eligibleCallTypes(cube, rule);
    expect(names.size).toBeGreaterThan(0);
    for (const y of store.years) {
      const out = runCoverage(
        store,
        cube,
        parseSimParams({ year: String(y.year), hours: "Mon-Sun 0-24", teams: "100" }).value,
        rule,
        { windows: false },
      );
      if (!out.ok) throw new Error(out.errors.join());
      const inCube = cube.cells
        .filter((c) => c.month.startsWith(String(y.year)) && names.has(c.callType))
        .reduce((s, c) => s + c.templates, 0);
      expect(out.run.result.eligible).toBe(inCube);
      expect(out.run.heat.counts.reduce((a, b) => a + b, 0)).toBe(inCube);
      const { reached, missed } = out.run.result;
      expect(reached + missed.outsideHours + missed.outsideArea + missed.allTeamsBusy).toBe(inCube);
    }
  });

  it("CSV rows carry the rule, the simulator parameters and the dataset version; bad parameters are reported", () => {
    const { value: params } = parseSimParams({
      teams: "3",
      hours: "Mon-Fri 11-23,Sat-Sun 12-20",
      precincts: "west,East",
    });
    const out = runCoverage(store, cube, params, RULE_PRESETS.broad);
    if (!out.ok) throw new Error(out.errors.join());
    expect(out.run.precincts).toEqual(["East", "West"]);
    expect(out.run.windows!.length).toBe(8 * 3);
    const ctx = {
      filters: parseTrendFilters({}).value,
      threshold: 10,
      sources: [],
      query: "",
      pagePath: "/alternative-response",
    };
    for (const chart of coverageCharts({ run: out.run, ctx, query: "", datasetVersion: "seattle-crisis@test" })) {
      const { header, rows } = chartCsvTable(chart);
      expect(header).toEqual(expect.arrayContaining(["Rule", "Year", "Dataset version"]));
      expect(rows[0]).toContain("seattle-crisis@test");
      if (chart.id !== "alt-heatmap")
        expect(String(rows[0]![header.indexOf("Simulator parameters")])).toContain(
          "hours=Mon-Fri+11-23%2CSat-Sun+12-20",
        );
    }
    const bad = runCoverage(
      store,
      cube,
      parseSimParams({ year: "1999", precincts: "Atlantis" }).value,
      RULE_PRESETS.broad,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join(" ")).toMatch(/no crisis data for 1999.*Atlantis/s);
  });

  it("CLI: coverage simulate --json prints the contract; bad flags exit 2 with the flag named", () => {
    const cli = (args: string[]) =>
      spawnSync("node", ["--import", "tsx", "scripts/cli.ts", "coverage", "simulate", ...args], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: t.url },
      });
    const year = String(store.years.at(-1)!.year);
    const r = cli([
      "--year",
      year,
      "--teams",
      "2",
      "--hours",
      "Mon-Fri 11-23,Sat-Sun 12-20",
      "--precincts",
      "West,East",
      "--minutes-per-contact",
      "45",
      "--rule",
      "broad",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        "datasetVersion",
        "eligible",
        "reached",
        "missed",
        "teamHours",
        "utilisation",
        "staffNeeded",
      ]),
    );
    expect(j.datasetVersion).toMatch(/^seattle-crisis@/);
    expect(j.eligible).toBeGreaterThan(0);
    expect(j.reached + j.missed.outsideHours + j.missed.outsideArea + j.missed.allTeamsBusy).toBe(j.eligible);
    expect(j.missed.outsideArea).toBeGreaterThan(0);
    // The same run through the library gives the same numbers.
    const lib = runCoverage(
      store,
      cube,
      parseSimParams({
        year,
        teams: "2",
        hours: "Mon-Fri 11-23,Sat-Sun 12-20",
        precincts: "West,East",
        minutesPerContact: "45",
      }).value,
      RULE_PRESETS.broad,
      { windows: false },
    );
    if (!lib.ok) throw new Error("lib run failed");
    expect(j.reached).toBe(lib.run.result.reached);
    expect(j.missed).toEqual(lib.run.result.missed);
    const bad = cli(["--year", year, "--teams", "0", "--hours", "Mon-Fri 11-23", "--json"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--teams must be at least 1/);
  }, 60_000);
});

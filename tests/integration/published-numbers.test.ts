import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChartData, Row } from "@/lib/charts/types";
import { writeCrisisSample } from "@/lib/ingest/synthetic/crisis-sample-file";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * The small-count policy is reliability (lib/charts/publish.ts): nothing is withheld, small counts are flagged. This
 * test takes every public aggregate (every chart of every page, through the DAL, the chart CSV route and the
 * aggregates API) and
 *  - tries the recoveries issue 21 found (differences from totals, share x denominator, cross-table margins,
 *    "other" = all - male - female): any withheld value they recover fails the test;
 *  - checks that no count is ever empty, and that the threshold-based flag is present, and the same, in the chart
 *    data, its CSV and its JSON: every count below SMALL_COUNT_THRESHOLD is flagged, every flagged column exists;
 *  - checks that README's and the methodology's meaning of SMALL_COUNT_THRESHOLD is what the code does.
 * Real Use of Force file + a 20,000-row synthetic crisis sample.
 */
const UOF_FILE = "../shared/data/seattle-use-of-force.csv";
const HAS_FILE = fs.existsSync(UOF_FILE);
const T = 10;

type Route = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe.skipIf(!HAS_FILE)("published numbers: one small-count policy (nothing withheld), one counting unit", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  const charts: { chart: ChartData; query: string }[] = [];
  let chartRoute: Route;
  let extractRoute: Route;

  beforeAll(async () => {
    t = await tempSqliteDb();
    vi.stubEnv("DATABASE_URL", t.url);
    vi.stubEnv("SMALL_COUNT_THRESHOLD", String(T));
    vi.stubEnv("EXTRACT_RATE_LIMIT_PER_MIN", "100000");
    await ingestFile(t.db, { source: "seattle-uof", filePath: UOF_FILE, origin: "file" });
    await ingestFile(t.db, {
      source: "seattle-crisis",
      filePath: await writeCrisisSample("small-counts-test", 20_000),
      origin: "sample",
    });
    const dal = await import("@/lib/dal/charts");
    const { listAggregates } = await import("@/lib/extracts/aggregates");
    // The default views, plus the filtered views issue 21 used for its recoveries.
    const trendViews: [string, Record<string, string>][] = [
      ["", {}],
      ["?granularity=year", { granularity: "year" }],
      ["?precinct=Unknown&granularity=year", { precinct: "Unknown", granularity: "year" }],
    ];
    const communityViews: [string, Record<string, string>][] = [
      ["", {}],
      ["?year=2019", { year: "2019" }],
    ];
    for (const a of await listAggregates()) {
      const views = a.chartId.startsWith("cit-")
        ? [trendViews[0]!]
        : a.chartId.startsWith("community-")
          ? communityViews
          : trendViews;
      for (const [query, params] of views) {
        const { value: chart, issues } = await dal.getChart(a.chartId, params);
        expect(issues).toEqual([]);
        if (chart) charts.push({ chart, query });
      }
    }
    ({ GET: chartRoute } = (await import("@/app/api/v1/charts/[id]/route")) as unknown as { GET: Route });
    ({ GET: extractRoute } = (await import("@/app/api/v1/extracts/[dataset]/route")) as unknown as { GET: Route });
  }, 600_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t?.cleanup();
  });

  const byId = (id: string, query = "") => charts.find((c) => c.chart.id === id && c.query === query)?.chart;
  const num = (v: Row[string] | undefined) => (typeof v === "number" ? v : null);

  it("each block of the chart registry builds exactly its registry's charts, in its order", async () => {
    const { CHART_BLOCKS } = await import("@/lib/chart-registry");
    const { getBlockCharts } = await import("@/lib/dal/charts");
    for (const [block, spec] of Object.entries(CHART_BLOCKS)) {
      const { charts } = await getBlockCharts(block as keyof typeof CHART_BLOCKS, {});
      expect(
        charts.map((c) => c.id),
        block,
      ).toEqual(Object.keys(spec.charts));
    }
  });

  it("covers every public chart: trend pages, map, metrics, alternative response, CIT and community", () => {
    const ids = new Set(charts.map((c) => c.chart.id));
    for (const id of [
      "uof-incidents-by-level",
      "crisis-force-share",
      "kpi-level2-share",
      "uof-beat-map",
      "alt-call-types",
      "cit-raw-rates",
      "community-by-beat",
      "community-gender-rates",
    ]) {
      expect(ids, id).toContain(id);
    }
    expect(ids.size).toBeGreaterThanOrEqual(30);
  });

  it("recovers no withheld value: differences from totals, share x denominator, cross-table margins", () => {
    const recovered: string[] = [];
    for (const { chart, query } of charts) {
      const where = `${chart.id}${query}`;
      for (const r of chart.rows) {
        const label = `${where} ${String(r[chart.xKey])}`;
        // a total and all but one of its parts give the missing part (uof-incidents-by-level 2016: OIS = 5)
        if (chart.id === "uof-incidents-by-level") {
          const parts = ["level1", "level2", "level3", "level4"];
          const missing = parts.filter((k) => r[k] === null);
          if (missing.length === 1 && num(r.total) !== null) recovered.push(`${label} ${missing[0]} = total - others`);
        }
        // a share and its denominator give the numerator (crisis-force-share 2015: 0.017964 x 167 = 3; kpi Count)
        for (const [k, share, n] of [
          ["withForce", "forceShare", "contacts"],
          ["numerator", "rate", "denominator"],
          ["black", "shareBlack", "total"],
          ["contacts", "forceShare", "contacts"],
        ] as const) {
          if (k in r && r[k] === null && num(r[share]) !== null && num(r[n]) !== null)
            recovered.push(`${label} ${k} = ${share} x ${n}`);
        }
        // community-gender-rates: other = all - male - female, and male/female from each other
        if (chart.id === "community-gender-rates" && (r.male === null || r.female === null) && num(r.other) !== null)
          recovered.push(`${label} gender from the other column`);
      }
      // cross-table margin: precinct rows against the period totals of the same filter
      if (chart.id === "crisis-by-precinct") {
        const missing = chart.rows.filter((r) => r.contacts === null);
        const total = byId("crisis-contacts", query)?.rows.reduce((s, r) => s + (num(r.contacts) ?? NaN), 0);
        if (missing.length === 1 && total !== undefined && Number.isFinite(total))
          recovered.push(`${where} ${String(missing[0]!.group)} = all contacts - other precincts`);
      }
    }
    expect(recovered).toEqual([]);
  });

  it("never leaves a count empty, and flags exactly the counts below the threshold", () => {
    const problems: string[] = [];
    for (const { chart, query } of charts) {
      expect(chart.smallCountThreshold).toBe(T);
      const keys = new Set(chart.columns.map((c) => c.key));
      let flagged = 0;
      for (const r of chart.rows) {
        const unstable = String(r.unstable ?? "")
          .split(";")
          .filter(Boolean);
        flagged += unstable.length;
        for (const k of unstable) if (!keys.has(k)) problems.push(`${chart.id}${query}: flags unknown column ${k}`);
        for (const c of chart.columns.filter((c) => c.format === "int")) {
          const v = r[c.key];
          if (v === null || v === undefined)
            problems.push(`${chart.id}${query} ${String(r[chart.xKey])}: count ${c.key} is empty`);
          else if (typeof v === "number" && v > 0 && v < T && !unstable.includes(c.key))
            problems.push(`${chart.id}${query}: ${c.key} = ${v} not flagged`);
        }
        if (r.data_status !== "synthetic" && r.data_status !== "real" && r.data_status !== "mixed")
          problems.push(`${chart.id}: data_status ${String(r.data_status)}`);
      }
      expect(chart.unstableCells, chart.id).toBe(flagged);
    }
    expect(problems).toEqual([]);
    // the views the issue used do have small counts: the flags are not vacuous
    const uof2016 = byId("uof-incidents-by-level", "?granularity=year")!.rows.find((r) => r.period === "2016")!;
    expect(num(uof2016.level4)).toBeGreaterThan(0);
    expect(uof2016.total).toBe(
      ["level1", "level2", "level3", "level4"].reduce((s, k) => s + (uof2016[k] as number), 0),
    );
    expect(String(uof2016.unstable).split(";")).toContain("level4");
    const share = byId("crisis-force-share", "?precinct=Unknown&granularity=year")!;
    expect(share.rows.some((r) => String(r.unstable).includes("forceShare"))).toBe(true);
  });

  it("serves the same values and the same flags in the chart CSV and the aggregates API", async () => {
    for (const { chart, query } of charts) {
      const csvRes = await chartRoute(new Request(`http://portal.test/api/v1/charts/${chart.id}${query}`), {
        params: Promise.resolve({ id: chart.id }),
      });
      expect(csvRes.status, chart.id).toBe(200);
      const records = parse(await csvRes.text(), { columns: true }) as Record<string, string>[];
      expect(records, chart.id).toHaveLength(chart.rows.length);
      const unstableLabel = chart.columns.find((c) => c.key === "unstable")!.label;
      expect(unstableLabel).toBe(`Unstable (count below ${T})`);
      // the same column keys as in the API (and the data dictionary), so both files carry one flag
      records.forEach((rec, i) => {
        const row = chart.rows[i]!;
        expect(rec[unstableLabel], chart.id).toBe(row.unstable);
        expect(rec["Data status"]).toBe(row.data_status);
      });
      const sep = query ? "&" : "?";
      const jsonRes = await extractRoute(
        new Request(`http://portal.test/api/v1/extracts/aggregate-${chart.id}${query}${sep}format=json`, {
          headers: { "x-forwarded-for": "198.18.9.9" },
        }),
        {
          params: Promise.resolve({ dataset: `aggregate-${chart.id}` }),
        },
      );
      expect(jsonRes.status, chart.id).toBe(200);
      const body = (await jsonRes.json()) as {
        rows: Row[];
        smallCounts: { policy: string; threshold: number; unstableCells: number };
        dataStatus: string;
      };
      expect(body.smallCounts).toMatchObject({
        policy: "reliability",
        threshold: T,
        unstableCells: chart.unstableCells,
      });
      expect(body.rows.map((r) => r.unstable)).toEqual(chart.rows.map((r) => r.unstable));
      for (const c of chart.columns)
        expect(
          body.rows.map((r) => r[c.key]),
          `${chart.id} ${c.key}`,
        ).toEqual(chart.rows.map((r) => r[c.key] ?? null));
    }
  }, 300_000);

  it("keeps the flags when the API reader chooses columns", async () => {
    const res = await extractRoute(
      new Request(
        "http://portal.test/api/v1/extracts/aggregate-uof-incidents-by-level?granularity=year&columns=period,level4&format=json",
        { headers: { "x-forwarded-for": "198.18.9.9" } },
      ),
      {
        params: Promise.resolve({ dataset: "aggregate-uof-incidents-by-level" }),
      },
    );
    const body = (await res.json()) as { columns: string[] };
    expect(body.columns).toEqual(["period", "level4", "coverage", "unstable", "data_status"]);
  });

  it("community rate trend: each calendar year once, and 2023 (a whole Terry-stop year) is not called partial", () => {
    const trend = byId("community-rate-trend")!;
    const periods = trend.rows.map((r) => r.period);
    expect(new Set(periods).size).toBe(periods.length);
    expect(periods).toContain("2023");
    expect(trend.partialPeriods).toEqual(["2014", "2026"]);
    expect(trend.notes.join(" ")).not.toMatch(/2023 is only partly/);
  });

  it("one counting unit per label: home, /crisis, /extracts and the explainers give the same crisis-contact figures", async () => {
    const { homeFigures } = await import("@/lib/pipeline/home-figures");
    const { getResult } = await import("@/lib/dal/results");
    const { getExtractPage } = await import("@/lib/extracts/page-data");
    const home = homeFigures(
      (await getResult("uof.yearly"))?.payload ?? null,
      (await getResult("crisis.yearly"))!.payload,
    );
    const int = (n: number) => n.toLocaleString("en-US");
    // force share: the home card and the /crisis takeaway count the same crisis contacts (Template IDs)
    const force = byId("crisis-force-share")!;
    const [k, n] = [
      force.rows.reduce((s, r) => s + (r.withForce as number), 0),
      force.rows.reduce((s, r) => s + (r.contacts as number), 0),
    ];
    expect(force.takeaway).toContain(`(${int(k)} of ${int(n)};`);
    const card = home.find((f) => f.id === "crisis-force-share")!;
    expect(card.detail).toContain(`${int(k)} of ${int(n)} crisis contacts (Template IDs)`);
    expect(card.value).toBe(`${((100 * k) / n).toFixed(1)}%`);
    expect(card.detail).toMatch(/counted by officer contacts \(Template ID \+ Officer ID\), [\d,]+ of [\d,]+/);
    // CIT coverage: the home card's year equals that year's row of the yearly /crisis chart, same unit
    const cit = home.find((f) => f.id === "crisis-cit-coverage")!;
    const year = /in (\d{4})$/.exec(cit.label)![1]!;
    const yearly = (await (await import("@/lib/dal/charts")).getChart("crisis-cit-coverage", { granularity: "year" }))
      .value!;
    const row = yearly.rows.find((r) => r.period === year)!;
    expect(cit.value).toBe(`${(100 * (row.citCertified as number)).toFixed(1)}%`);
    expect(cit.label).toMatch(/^Crisis contacts with a CIT-certified officer in/);
    expect(yearly.partialPeriods).not.toContain(year);
    // extracts: a row count that is not the readers' unit is shown with the number of crisis contacts
    const page = await getExtractPage({ dataset: "crisis-contacts", from: `${year}-01-01`, to: `${year}-12-31` });
    expect(page.rowCount).toBeGreaterThan(page.templateCount!);
    const contacts = (await (await import("@/lib/dal/charts")).getChart("crisis-contacts", { granularity: "year" }))
      .value!;
    expect(page.templateCount).toBe(contacts.rows.find((r) => r.period === year)!.contacts);
    // explainers: the force rate in crisis contacts is the home card's, the officer-contact rate the home detail's
    const { getExplainerFigures } = await import("@/lib/dal/explainers");
    const explainer = (await getExplainerFigures()).crisis!;
    expect(`${(100 * explainer.templateForceRate).toFixed(1)}%`).toBe(card.value);
    expect(explainer.templates).toBe(n);
    const [, officerK, officerN] = /officer contacts \(Template ID \+ Officer ID\), ([\d,]+) of ([\d,]+)/.exec(
      card.detail,
    )!;
    expect(int(explainer.contactsWithForce)).toBe(officerK);
    expect(int(explainer.contacts)).toBe(officerN);
    expect(explainer.forceRate).toBeCloseTo(explainer.contactsWithForce / explainer.contacts, 12);
  });

  it("every chart CSV header follows one convention: identifier keys, counts named by unit, flag columns last", async () => {
    const { isTimeChart } = await import("@/lib/charts/publish");
    const { UNIT } = await import("@/lib/charts/units");
    const [crisisUnit, officerUnit] = [UNIT.crisisContact.one, UNIT.officerContact.one];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const { chart, query } of charts) {
      if (seen.has(chart.id)) continue;
      seen.add(chart.id);
      const keys = chart.columns.map((c) => c.key);
      const labels = chart.columns.map((c) => c.label);
      // Keys are the aggregate CSV's header and the JSON keys: identifiers, unique (no '/', no spaces).
      for (const k of keys) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(k)) problems.push(`${chart.id}: key '${k}'`);
      if (new Set(keys).size !== keys.length) problems.push(`${chart.id}: repeated keys`);
      if (new Set(labels).size !== labels.length) problems.push(`${chart.id}: repeated labels ${labels.join(" | ")}`);
      // Flags travel last, in one order; time charts (and only they) say which periods are partial.
      const flags = isTimeChart(chart) ? ["coverage", "unstable", "data_status"] : ["unstable", "data_status"];
      if (keys.slice(-flags.length).join() !== flags.join()) problems.push(`${chart.id}: ends with ${keys.slice(-3)}`);
      if (!isTimeChart(chart) && keys.includes("coverage")) problems.push(`${chart.id}: coverage on a non-time chart`);
      // A count says what it counts: never a bare "Count" or "Contacts", and "contacts" is always crisis contacts
      // (Template IDs: trend, KPI and alternative-response charts) or officer contacts (the CIT models' unit).
      for (const label of labels) {
        if (/^(count|out of|n|contacts|total)$/i.test(label)) problems.push(`${chart.id}: bare count label '${label}'`);
        const named = new RegExp(`\\b(${crisisUnit}|${officerUnit})s?\\b`, "i");
        if (/\bcontacts?\b/i.test(label) && !named.test(label)) problems.push(`${chart.id}: '${label}' has no unit`);
        if (chart.id.startsWith("cit-") && new RegExp(crisisUnit, "i").test(label))
          problems.push(`${chart.id}: the CIT models count officer contacts ('${label}')`);
        if (!chart.id.startsWith("cit-") && new RegExp(officerUnit, "i").test(label))
          problems.push(`${chart.id}: crisis charts count crisis contacts ('${label}')`);
      }
      // The chart CSV's header is the labels in order, the aggregate CSV's the keys.
      const csv = await chartRoute(new Request(`http://portal.test/api/v1/charts/${chart.id}${query}`), {
        params: Promise.resolve({ id: chart.id }),
      });
      const header = (parse(await csv.text(), { to_line: 1 }) as string[][])[0]!;
      if (header.slice(0, labels.length).join("|") !== labels.join("|")) problems.push(`${chart.id}: CSV header`);
      const agg = await extractRoute(
        new Request(`http://portal.test/api/v1/extracts/aggregate-${chart.id}${query}`, {
          headers: { "x-forwarded-for": "198.18.9.9" },
        }),
        { params: Promise.resolve({ dataset: `aggregate-${chart.id}` }) },
      );
      const aggHeader = (parse(await agg.text(), { to_line: 1 }) as string[][])[0]!;
      if (aggHeader.join("|") !== keys.join("|")) problems.push(`${chart.id}: aggregate header ${aggHeader.join(",")}`);
    }
    expect(seen.size).toBeGreaterThanOrEqual(30);
    expect([...seen].filter((id) => id.startsWith("community-") || id.startsWith("cit-")).length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  }, 300_000);

  it("rounds shares to a documented precision (6 significant digits), counts exact", () => {
    for (const { chart } of charts) {
      for (const c of chart.columns.filter(
        (c) => c.format === "percent" || c.format === "decimal" || c.format === "estimate",
      )) {
        for (const r of chart.rows) {
          const v = r[c.key];
          if (typeof v === "number" && v !== 0) expect(Number(v.toPrecision(6)), `${chart.id} ${c.key}`).toBe(v);
        }
      }
    }
  });

  it("draws every chart's series in distinct colours of the one palette, apart for colour-blind readers", async () => {
    // Every chart of every page as the DAL builds it: the per-chart check the palette's unit test cannot make.
    const { SERIES_COLORS } = await import("@/lib/charts/palette");
    const { ciede2000, simulate } = await import("../helpers/colour-vision");
    const problems: string[] = [];
    // A map's one series colour is the darkest step of its sequential scale (lib/charts/beat-map.ts), not a category.
    for (const { chart, query } of charts.filter(({ chart }) => chart.type !== "map")) {
      const colours = chart.series.map((s) => s.color.toLowerCase());
      for (const c of colours)
        if (!SERIES_COLORS.includes(c)) problems.push(`${chart.id}${query}: ${c} not in the palette`);
      if (new Set(colours).size !== colours.length) problems.push(`${chart.id}${query}: a colour is used twice`);
      for (const vision of ["protanopia", "deuteranopia", "tritanopia"] as const)
        for (let i = 0; i < colours.length; i++)
          for (let j = i + 1; j < colours.length; j++)
            if (ciede2000(simulate(colours[i]!, vision), simulate(colours[j]!, vision)) < 10)
              problems.push(`${chart.id}${query}: ${colours[i]} / ${colours[j]} too close for ${vision}`);
    }
    expect(charts.filter(({ chart }) => chart.series.length > 1).length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it("README and the methodology say what SMALL_COUNT_THRESHOLD does", async () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const line = readme.split("\n").find((l) => l.startsWith("| `SMALL_COUNT_THRESHOLD`"))!;
    expect(line).toMatch(/flagged unstable/);
    expect(line).not.toMatch(/withheld in public views/);
    const { smallCountRule } = await import("@/lib/charts/publish");
    expect(smallCountRule(T)).toMatch(/Nothing is withheld/);
    const methodology = fs.readFileSync("app/(public)/methodology/page.tsx", "utf8");
    expect(methodology).toContain("smallCountRule(env().SMALL_COUNT_THRESHOLD)");
  });
});

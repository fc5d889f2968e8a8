import { inPeriod, periodOf } from "@/lib/trends/filters";
import type { UofAggregates } from "@/lib/trends/uof-aggregates";
import type { ChartIdOf } from "@/lib/chart-registry";
import { chartBase, type ChartContext } from "./context";
import { COLORS, completeRange, flag, int, partialPeriods, pct } from "./helpers";
import type { ChartData, Row } from "./types";

const LEVELS = [
  [1, "Level 1", COLORS.blue],
  [2, "Level 2", COLORS.vermillion],
  [3, "Level 3", COLORS.darkRed],
  [4, "Level 3 - OIS", COLORS.indigo],
] as const;
const DEF_INCIDENT =
  "An incident (Incident_Num) is counted once, at its most serious level and at the time and place of its earliest record, however many officers and subjects it involved. Level 1: force causing at most transient pain; Level 2: injury or expected injury; Level 3: substantial injury; OIS: officer-involved shooting.";

/** Years the data cover only in part (yearly tables are whole years whatever the month filter). */
const partialYears = (agg: UofAggregates, years: string[]) =>
  partialPeriods(years, agg.firstDate, agg.lastDate?.slice(0, 7), "year");
/** Yearly tables follow the month filter at year precision (a year is in if any of its months is). */
const yearOk = (year: number, f: ChartContext["filters"]) =>
  (!f.from || year >= Number(f.from.slice(0, 4))) && (!f.to || year <= Number(f.to.slice(0, 4)));

/** What the use-of-force page's charts share: the incident cells under the page's filters, and their periods. */
interface UofView {
  agg: UofAggregates;
  ctx: ChartContext;
  f: ChartContext["filters"];
  /** The page's granularity, with months shown as quarters (monthly incident counts are too small to read). */
  gran: ChartContext["filters"]["granularity"];
  cells: UofAggregates["incidents"];
  periods: string[];
  partial: string[];
  firstIdx: number;
  lastIdx: number;
  /** "citywide" or the precinct, for takeaways. */
  scope: string;
}

function uofView(agg: UofAggregates, ctx: ChartContext): UofView {
  const f = ctx.filters;
  const gran = f.granularity === "month" ? "quarter" : f.granularity; // monthly incident counts are too small to read
  const cells = agg.incidents.filter((c) => inPeriod(c.month, f) && (!f.precinct || c.precinct === f.precinct));
  const periods = [...new Set(cells.map((c) => periodOf(c.month, gran)))].sort();
  const lastMonth = cells.reduce((m, c) => (c.month > m ? c.month : m), "");
  // With a from filter the first period starts where the reader asked it to: it is complete for that question.
  const partial = partialPeriods(periods, f.from ? null : agg.firstDate, lastMonth || undefined, gran);
  const { first: firstIdx, last: lastIdx } = completeRange(periods, partial);
  const scope = f.precinct ? `${f.precinct} precinct` : "citywide";
  return { agg, ctx, f, gran, cells, periods, partial, firstIdx, lastIdx, scope };
}

// Markers come from published annotations, added by the data access layer (lib/charts/notes.ts).

function incidentsByLevelChart({
  agg,
  ctx,
  f,
  gran,
  cells,
  periods,
  partial,
  firstIdx,
  lastIdx,
  scope,
}: UofView): ChartData {
  const levelRows: Row[] = periods.map((p) => {
    const row: Row = { period: p };
    let total = 0;
    for (const [lvl] of LEVELS) {
      const n = cells
        .filter((c) => c.level === lvl && periodOf(c.month, gran) === p)
        .reduce((s, c) => s + c.incidents, 0);
      total += n;
      row[`level${lvl}`] = n;
    }
    row.total = total;
    return row;
  });
  const first = firstIdx >= 0 ? levelRows[firstIdx] : undefined;
  const lastRow = lastIdx >= 0 ? levelRows[lastIdx] : undefined;
  return {
    ...chartBase(ctx, "uof-incidents-by-level"),
    title: "Use-of-force incidents by level",
    takeaway:
      first && lastRow
        ? `${int(lastRow.total as number)} incidents in ${lastRow.period} (${scope}), against ${int(first.total as number)} in ${first.period}; Level 1 force is most of them.`
        : "No incidents match these filters.",
    type: "stacked-bar",
    xKey: "period",
    xLabel: gran,
    yLabel: "Incidents",
    yFormat: "int",
    series: LEVELS.map(([lvl, label, color]) => ({ key: `level${lvl}`, label, color })),
    rows: levelRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "total", label: "All incidents", format: "int" },
      ...LEVELS.map(([lvl, label]) => ({ key: `level${lvl}`, label, format: "int" as const })),
    ],
    definitions: [DEF_INCIDENT],
    notes: [
      ...(partial[0] === periods[0] && agg.firstDate ? [`The data start ${agg.firstDate.slice(0, 10)}.`] : []),
      ...(f.granularity === "month" ? ["Shown by quarter: monthly counts are too small to read."] : []),
    ],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

function officersChart({ agg, ctx, f, gran, periods, partial, lastIdx, scope }: UofView): ChartData {
  const officerPeriod = gran === "year" ? (p: string) => /^\d{4}$/.test(p) : (p: string) => p.includes("-Q");
  const precinctKey = f.precinct ?? "All";
  const officerRows: Row[] = periods.filter(officerPeriod).map((p) => {
    const get = (level: number) =>
      agg.officers.find((o) => o.period === p && o.precinct === precinctKey && o.level === level)?.officers ?? 0;
    return { period: p, any: get(0), level1: get(1), level2plus: get(2) };
  });
  return {
    ...chartBase(ctx, "uof-officers"),
    title: "Officers who used force",
    takeaway:
      lastIdx >= 0 && officerRows[lastIdx]
        ? `${int(officerRows[lastIdx]!.any as number)} officers used force in ${officerRows[lastIdx]!.period} (${scope}).`
        : "No incidents match these filters.",
    type: "line",
    xKey: "period",
    xLabel: gran,
    yLabel: "Officers",
    yFormat: "int",
    series: [
      { key: "any", label: "Any level", color: COLORS.blue },
      { key: "level1", label: "Level 1", color: COLORS.pink },
      { key: "level2plus", label: "Level 2 or above", color: COLORS.darkRed },
    ],
    rows: officerRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "any", label: "Any level", format: "int" },
      { key: "level1", label: "Level 1", format: "int" },
      { key: "level2plus", label: "Level 2 or above", format: "int" },
    ],
    definitions: [
      "Distinct officer keys with at least one use-of-force record in the period. Officer keys are anonymised and are never linked to Crisis Data officer IDs (different ID spaces).",
    ],
    notes: [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

/** Incidents per group of the place table, most first, under the page's years and precinct. */
function placeTotals({ agg, f }: UofView, key: (p: UofAggregates["places"][number]) => string): [string, number][] {
  const places = agg.places.filter((p) => yearOk(p.year, f) && (!f.precinct || p.precinct === f.precinct));
  const m = new Map<string, number>();
  for (const p of places) m.set(key(p), (m.get(key(p)) ?? 0) + p.incidents);
  return [...m].sort((a, b) => b[1] - a[1]);
}
const placeRows = (list: [string, number][]) => list.map(([group, n]) => ({ group, incidents: n }));
const placeCommon = () => ({
  type: "bar" as const,
  xKey: "group",
  yLabel: "Incidents",
  yFormat: "int" as const,
  markers: [],
  explainerHref: "/explainers/counting",
});

function byPrecinctChart(v: UofView): ChartData {
  const precincts = placeTotals(v, (p) => p.precinct);
  const total = precincts.reduce((s, [, n]) => s + n, 0);
  const unknown = precincts
    .filter(([p]) => p === "Unknown" || p === "Out of jurisdiction")
    .reduce((s, [, n]) => s + n, 0);
  return {
    ...chartBase(v.ctx, "uof-by-precinct"),
    ...placeCommon(),
    title: "Use-of-force incidents by precinct",
    takeaway: precincts[0]
      ? `${precincts[0][0]} had the most incidents (${int(precincts[0][1])} of ${int(total)}); ${pct(total ? unknown / total : 0)} have no precinct or were out of jurisdiction.`
      : "No incidents match these filters.",
    xLabel: "Precinct",
    series: [{ key: "incidents", label: "Incidents", color: COLORS.blue }],
    rows: placeRows(precincts),
    columns: [
      { key: "group", label: "Precinct", format: "text" },
      { key: "incidents", label: "Incidents", format: "int" },
    ],
    definitions: [
      "Counts, not rates: precincts differ in population, calls and patrol hours, so counts alone do not show which precinct uses force more often.",
      "OOJ (out of jurisdiction) and '-', 'X' codes are shown, not hidden.",
    ],
    notes: [],
    unstableCells: 0,
  };
}

function bySectorChart(v: UofView): ChartData {
  const sectors = placeTotals(v, (p) => `${p.precinct} / ${p.sector}`);
  return {
    ...chartBase(v.ctx, "uof-by-sector"),
    ...placeCommon(),
    title: "Use-of-force incidents by sector",
    takeaway: sectors[0]
      ? `The sector with the most incidents was ${sectors[0][0]} (${int(sectors[0][1])}).`
      : "No incidents match these filters.",
    xLabel: "Precinct / sector",
    series: [{ key: "incidents", label: "Incidents", color: COLORS.pink }],
    rows: placeRows(sectors),
    columns: [
      { key: "group", label: "Precinct / sector", format: "text" },
      { key: "incidents", label: "Incidents", format: "int" },
    ],
    definitions: ["Sector of the incident's earliest record; Unknown when blank in the source."],
    notes: [],
    unstableCells: 0,
  };
}

const SUBJECT_PALETTE = [
  COLORS.blue,
  COLORS.vermillion,
  COLORS.lavender,
  COLORS.green,
  COLORS.indigo,
  COLORS.darkRed,
  COLORS.pink,
  COLORS.black,
  COLORS.grey,
];

/** People who received force per year, split by one recorded field (race or gender), largest group first. */
function subjectsChart(
  { agg, ctx, f }: UofView,
  id: ChartIdOf<"use-of-force">,
  title: string,
  field: "race" | "gender",
): ChartData {
  const subjects = agg.subjects.filter((s) => yearOk(s.year, f) && (!f.precinct || s.precinct === f.precinct));
  const years = [...new Set(subjects.map((s) => s.year))].sort();
  const totals = new Map<string, number>();
  for (const s of subjects) totals.set(s[field], (totals.get(s[field]) ?? 0) + s.subjects);
  const groups = [...totals].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  const keyOf = (g: string) => `g${groups.indexOf(g)}`;
  const rows: Row[] = years.map((y) => {
    const row: Row = { period: String(y) };
    for (const g of groups)
      row[keyOf(g)] = subjects.filter((s) => s.year === y && s[field] === g).reduce((a, s) => a + s.subjects, 0);
    return row;
  });
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const unspecified = (totals.get("Not Specified") ?? 0) + (totals.get("Unknown") ?? 0);
  return {
    ...chartBase(ctx, id),
    title,
    takeaway: all
      ? `${groups[0]} subjects were ${pct((totals.get(groups[0]!) ?? 0) / all)} of ${int(all)} people who received force; ${pct(unspecified / all)} are recorded as Not Specified or Unknown.`
      : "No incidents match these filters.",
    type: "stacked-bar",
    xKey: "period",
    xLabel: "year",
    yLabel: "People who received force",
    yFormat: "int",
    series: groups.map((g, i) => ({ key: keyOf(g), label: g, color: SUBJECT_PALETTE[i % SUBJECT_PALETTE.length]! })),
    rows,
    columns: [
      { key: "period", label: "Year", format: "text" },
      ...groups.map((g) => ({ key: keyOf(g), label: g, format: "int" as const })),
    ],
    definitions: [
      "A person is counted once per incident in which they received force (Incident_Num + Subject_ID).",
      `${field === "race" ? "Race" : "Gender"} as recorded by the officer. "Not Specified" and "Unknown" are shown, not dropped. These are counts; rates against population or contact benchmarks are on the community impact page when available.`,
    ],
    notes: [],
    partialPeriods: partialYears(agg, years.map(String)),
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

function concentrationChart({ agg, ctx }: UofView): ChartData {
  const all = agg.concentration.find((c) => c.period === "all");
  const byYear = agg.concentration.filter((c) => c.period !== "all" && yearOk(Number(c.period), ctx.filters));
  const rows: Row[] = byYear.map((c) => ({
    period: c.period,
    officers: c.officers,
    top10Share: c.top10Share,
    ...flag(["top10Share"], c.officers < ctx.threshold),
  }));
  const partial = partialYears(
    agg,
    byYear.map((c) => c.period),
  );
  return {
    ...chartBase(ctx, "uof-concentration"),
    title: "How concentrated is use of force among officers?",
    takeaway: all
      ? `Over the whole period, the 10% of officers with the most incidents (${int(all.top10Officers)} of ${int(all.officers)}) were involved in ${pct(all.top10Share)} of incidents.`
      : "No incidents.",
    type: "line",
    xKey: "period",
    xLabel: "year",
    yLabel: "Share of incidents involving the top 10% of officers",
    yFormat: "percent",
    series: [{ key: "top10Share", label: "Top 10% of officers", color: COLORS.indigo }],
    rows,
    columns: [
      { key: "period", label: "Year", format: "text" },
      { key: "officers", label: "Officers with force", format: "int" },
      { key: "top10Share", label: "Share of incidents, top 10%", format: "percent" },
    ],
    definitions: [
      "Officers are ranked by their number of incidents in the period; the share counts each incident once even when several top officers were involved. Citywide only.",
      "Concentration is expected: assignments differ (patrol in busy precincts, specialist units). It is a starting point for questions, not evidence about individual officers.",
    ],
    notes: ctx.filters.precinct ? ["This chart is citywide; the precinct filter does not apply."] : [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

/** The use-of-force page's charts, in page order: one builder per chart id (lib/chart-registry.ts). */
export const UOF_CHARTS = {
  "uof-incidents-by-level": incidentsByLevelChart,
  "uof-officers": officersChart,
  "uof-by-precinct": byPrecinctChart,
  "uof-by-sector": bySectorChart,
  "uof-subject-race": (v) =>
    subjectsChart(v, "uof-subject-race", "People who received force, by recorded race", "race"),
  "uof-subject-gender": (v) =>
    subjectsChart(v, "uof-subject-gender", "People who received force, by recorded gender", "gender"),
  "uof-concentration": concentrationChart,
} satisfies Record<ChartIdOf<"use-of-force">, (v: UofView) => ChartData>;

export function uofCharts(agg: UofAggregates, ctx: ChartContext): ChartData[] {
  const view = uofView(agg, ctx);
  return Object.values(UOF_CHARTS).map((build: (v: UofView) => ChartData) => build(view));
}

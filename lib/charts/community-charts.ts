import type { BenchmarkWindow, CommunityResults, RatioRow } from "@/lib/community/compute";
import { GROUP_KEYS, GROUP_NAMES, RATED_GROUPS, type RaceGroup } from "@/lib/community/race-groups";
import type { RatioCi } from "@/lib/community/stats";
import { formatEstimate } from "@/lib/format";
import { chartBase } from "./context";
import { COLORS, flag, int } from "./helpers";
import type { ChartData, Row, SourceRef } from "./types";

/**
 * Chart blocks of the community impact page. Every ratio is shown with the benchmark it was divided by, in the
 * table itself (a "Benchmark" column) and in the definitions, because the benchmark changes the answer.
 */
export interface CommunityContext {
  threshold: number;
  sources: SourceRef[];
  query: string;
  /** A year ("2019") or null for the complete-year period. */
  year: string | null;
  precinct: string | null;
}

export const EXPLAINER = "/community#benchmarks";
export const BENCHMARK_POPULATION =
  "Residents (ACS 2020 5-year, Seattle city). Assumes everyone living in Seattle is equally exposed to police contact; ignores visitors, commuters and people without a fixed address, and that police contact differs by place and time.";
export const BENCHMARK_TERRY =
  "Terry stops (distinct stop IDs, officer-perceived race, same dates). Assumes stops measure exposure to police; but stops are themselves police decisions, so any disparity in who is stopped is divided away.";
export const GROUP_PALETTE: Record<RaceGroup, string> = {
  White: COLORS.blue,
  Black: COLORS.vermillion,
  "Hispanic/Latino": COLORS.green,
  Asian: COLORS.indigo,
  AIAN: COLORS.darkRed,
  NHPI: COLORS.pink,
  Multiracial: COLORS.lavender,
  "Other/Unknown/Not specified": COLORS.grey,
};
/** Rates and ratios for readers (346.80 -> 347, 7.93 -> 7.9); tables and CSVs keep their own precision. */
const fmt = formatEstimate;

export const base = (ctx: CommunityContext, id: string) => ({
  ...chartBase({ ...ctx, pagePath: "/community" }, id),
  explainerHref: EXPLAINER,
  markers: [],
});

/**
 * Small counts are flagged, not withheld (lib/charts/publish.ts): a ratio is unstable when either of its counts is
 * below the threshold. It is missing only when it cannot be estimated (a zero count).
 */
export const ratioUnstable = (a: number, b: number, threshold: number) => a < threshold || b < threshold;

function ratioCells(prefix: string, ci: RatioCi | null, unstable: boolean): Row {
  return {
    [prefix]: ci?.ratio ?? null,
    [`${prefix}Low`]: ci?.low ?? null,
    [`${prefix}High`]: ci?.high ?? null,
    ...flag([prefix, `${prefix}Low`, `${prefix}High`], unstable && ci !== null),
  };
}
const ratioColumns = (prefix: string, label: string) => [
  { key: prefix, label, format: "estimate" as const },
  { key: `${prefix}Low`, label: `${label}: 95% CI low`, format: "estimate" as const },
  { key: `${prefix}High`, label: `${label}: 95% CI high`, format: "estimate" as const },
];

/** One table row per group of a benchmark window, with counts, rate and both ratios, flagged consistently. */
export function ratioRow(w: BenchmarkWindow, r: RatioRow, T: number, benchmark: string): Row {
  const white = w.rows.find((x) => x.group === "White");
  return {
    group: GROUP_NAMES[r.group as RaceGroup] ?? r.group,
    force: r.force,
    denominator: r.denominator,
    rate: r.rate,
    ...flag(["rate"], r.rate !== null && r.force < T),
    ...ratioCells("vsWhite", r.vsWhite, ratioUnstable(r.force, white?.force ?? 0, T)),
    ...ratioCells("vsAll", r.vsAll, ratioUnstable(r.force, w.allForce, T)),
    benchmark,
  };
}

export function describeRatio(name: string, ci: RatioCi | null, ref: string, unstable = false): string {
  return ci
    ? `${name} ${fmt(ci.ratio)} times the ${ref} rate (95% CI ${fmt(ci.low)} to ${fmt(ci.high)}${unstable ? "; unstable: a count is below the small-count threshold" : ""})`
    : "the ratio cannot be estimated (a count is zero)";
}

export function populationWindow(res: CommunityResults, year: string | null): BenchmarkWindow | undefined {
  const period = year ?? (res.completeYears.length ? `${res.completeYears[0]}-${res.completeYears.at(-1)}` : "");
  return res.populationRates.find((w) => w.period === period);
}

export function populationRatioChart(res: CommunityResults, ctx: CommunityContext): ChartData | null {
  const w = populationWindow(res, ctx.year);
  if (!w) return null;
  const T = ctx.threshold;
  const rows = w.rows.map((r) => ratioRow(w, r, T, BENCHMARK_POPULATION));
  const black = w.rows.find((r) => r.group === "Black");
  const whiteForce = w.rows.find((r) => r.group === "White")?.force ?? 0;
  return {
    ...base(ctx, "community-population-ratios"),
    title: `Use of force per 10,000 residents, by race (${w.period})`,
    takeaway: `Against the resident population, ${describeRatio("Black residents received force at", black?.vsWhite ?? null, "White", ratioUnstable(black?.force ?? 0, whiteForce, T))}, in ${w.period}.`,
    type: "bar",
    xKey: "group",
    xLabel: "Group",
    yLabel: "Rate ratio vs White residents",
    yFormat: "estimate",
    series: [
      {
        key: "vsWhite",
        label: "Rate ratio vs White (residents)",
        color: COLORS.vermillion,
        interval: { low: "vsWhiteLow", high: "vsWhiteHigh" },
      },
    ],
    rows,
    columns: [
      { key: "group", label: "Group", format: "text" },
      { key: "force", label: "People who received force", format: "int" },
      { key: "denominator", label: "Residents (ACS 2020)", format: "int" },
      { key: "rate", label: "Per 10,000 residents", format: "estimate" },
      ...ratioColumns("vsWhite", "Ratio vs White"),
      ...ratioColumns("vsAll", "Ratio vs city"),
      { key: "benchmark", label: "Benchmark", format: "text" },
    ],
    definitions: [
      `Benchmark: ${BENCHMARK_POPULATION}`,
      "Rate = people who received force (distinct incident + subject pairs) / residents x 10,000, over the period shown (not per year when the period spans several years). Ratio vs White divides by the White non-Hispanic rate; ratio vs city by the rate of everyone who received force (any recorded race, including Not Specified) over the total population.",
      "95% CI on the log scale, Poisson counts with populations as fixed: se(log RR) = sqrt(1/a + 1/b). The ratio vs city is conservative because the group is part of the city. The ACS estimates' own margins of error are not included.",
      `Race as recorded by the officer. ${int(w.allForce - w.rows.reduce((s, r) => s + r.force, 0))} people whose race was Not Specified are in the city rate but in no group, so every group rate is an undercount.`,
    ],
    notes: [
      ...(w.partial ? [`${w.period} is only partly covered by the data.`] : []),
      "Population is the ACS 2020 estimate for every year: Seattle's population changed over the period.",
    ],
    unstableCells: 0,
  };
}

export function rateTrendChart(res: CommunityResults, ctx: CommunityContext): ChartData {
  // Calendar years only: a benchmark window named after a year (the 2023 Terry-stop window) is not a second 2023.
  const years = res.populationRates.filter(
    (w, i, all) =>
      /^\d{4}$/.test(w.period) &&
      w.from === `${w.period}-01-01` &&
      w.to === `${w.period}-12-31` &&
      all.findIndex((x) => x.period === w.period) === i,
  );
  const rows: Row[] = years.map((w) => {
    const row: Row = { period: w.period };
    for (const r of w.rows)
      Object.assign(
        row,
        { [GROUP_KEYS[r.group as RaceGroup]]: r.rate },
        flag([GROUP_KEYS[r.group as RaceGroup]], r.rate !== null && r.force < ctx.threshold),
      );
    return row;
  });
  const groups = RATED_GROUPS.filter((g) => rows.some((r) => r[GROUP_KEYS[g]] !== null));
  const last = years.filter((w) => !w.partial).at(-1);
  const b = last?.rows.find((r) => r.group === "Black");
  const wh = last?.rows.find((r) => r.group === "White");
  return {
    ...base(ctx, "community-rate-trend"),
    title: "Use of force per 10,000 residents, by race, each year",
    takeaway:
      last && b?.rate != null && wh?.rate != null
        ? `In ${last.period}, ${fmt(b.rate)} Black and ${fmt(wh.rate)} White residents per 10,000 received force (benchmark: residents, ACS 2020).`
        : "No rates available.",
    type: "line",
    xKey: "period",
    xLabel: "year",
    yLabel: "People who received force per 10,000 residents",
    yFormat: "estimate",
    series: groups.map((g) => ({ key: GROUP_KEYS[g], label: GROUP_NAMES[g], color: GROUP_PALETTE[g] })),
    rows,
    columns: [
      { key: "period", label: "Year", format: "text" },
      ...groups.map((g) => ({
        key: GROUP_KEYS[g],
        label: `${GROUP_NAMES[g]} per 10,000`,
        format: "estimate" as const,
      })),
    ],
    definitions: [
      `Benchmark: ${BENCHMARK_POPULATION}`,
      "Each year's count of people who received force (by the officer-recorded race) divided by the 2020 population of the same group. Rates from counts below the small-count threshold are shown and flagged unstable.",
    ],
    notes: [],
    partialPeriods: years.filter((w) => w.partial).map((w) => w.period),
    unstableCells: 0,
  };
}

export function genderChart(res: CommunityResults, ctx: CommunityContext): ChartData {
  const rows: Row[] = res.genderRates.map((w) => {
    const m = w.rows.find((r) => r.group === "Male")!;
    const f = w.rows.find((r) => r.group === "Female")!;
    const small = (n: number) => n < ctx.threshold;
    return {
      period: w.period,
      male: m.force,
      female: f.force,
      maleRate: m.rate,
      femaleRate: f.rate,
      ...flag(["maleRate"], small(m.force)),
      ...flag(["femaleRate"], small(f.force)),
      other: w.allForce - m.force - f.force,
      benchmark: "Male / female residents (ACS 2020)",
    };
  });
  const period = rows.find((r) => String(r.period).includes("-"));
  return {
    ...base(ctx, "community-gender-rates"),
    title: "Use of force by recorded gender, per 10,000 residents",
    takeaway:
      period && period.maleRate !== null && period.femaleRate !== null
        ? `Over ${period.period}, ${fmt(period.maleRate as number)} men and ${fmt(period.femaleRate as number)} women per 10,000 residents received force.`
        : "No rates available.",
    type: "line",
    xKey: "period",
    xLabel: "year",
    yLabel: "Per 10,000 residents",
    yFormat: "estimate",
    series: [
      { key: "maleRate", label: "Male", color: COLORS.blue },
      { key: "femaleRate", label: "Female", color: COLORS.vermillion },
    ],
    rows: rows.filter((r) => r !== period),
    columns: [
      { key: "period", label: "Year", format: "text" },
      { key: "male", label: "Male: people", format: "int" },
      { key: "maleRate", label: "Male per 10,000", format: "estimate" },
      { key: "female", label: "Female: people", format: "int" },
      { key: "femaleRate", label: "Female per 10,000", format: "estimate" },
      { key: "other", label: "Other, unknown or not recorded", format: "int" },
      { key: "benchmark", label: "Benchmark", format: "text" },
    ],
    definitions: [
      "Benchmark: male and female residents (ACS 2020 DP05, Seattle city). The census table has only these two categories, so people recorded as transgender, non-binary, other or unknown are counted but have no rate.",
    ],
    notes: [],
    partialPeriods: res.genderRates.filter((w) => w.partial && /^\d{4}$/.test(w.period)).map((w) => w.period),
    unstableCells: 0,
  };
}

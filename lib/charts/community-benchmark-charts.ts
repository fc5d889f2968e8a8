import type { CommunityResults } from "@/lib/community/compute";
import { formatEstimate } from "@/lib/format";
import { GROUP_KEYS, GROUP_NAMES, RACE_GROUPS, RATED_GROUPS } from "@/lib/community/race-groups";
import {
  BENCHMARK_POPULATION,
  BENCHMARK_TERRY,
  base,
  describeRatio,
  GROUP_PALETTE,
  ratioRow,
  ratioUnstable,
  type CommunityContext,
} from "./community-charts";
import { COLORS, flag, int, pct, shareCell } from "./helpers";
import type { ChartData, Row } from "./types";

/** The contact benchmark (Terry stops), the side-by-side comparison, and the precinct and beat views (counts only). */
const KATZ =
  "95% CI: Katz log interval for a ratio of proportions, se(log RR) = sqrt(1/a - 1/n1 + 1/b - 1/n2), treating people who received force per stop as a proportion.";

export function terryRatioChart(res: CommunityResults, ctx: CommunityContext): ChartData | null {
  if (!res.terryRates.length) return null;
  const T = ctx.threshold;
  const rows: Row[] = res.terryRates.flatMap((w) =>
    w.rows.map((r) => {
      const row = ratioRow(w, r, T, BENCHMARK_TERRY);
      return { ...row, period: `${w.from} to ${w.to}`, group: `${row.group} (${w.period})` };
    }),
  );
  const first = res.terryRates[0]!;
  const b = first.rows.find((r) => r.group === "Black")!;
  const wh = first.rows.find((r) => r.group === "White")!;
  return {
    ...base(ctx, "community-terry-ratios"),
    title: "Use of force per Terry stop, by perceived race",
    takeaway: `Against Terry stops (${first.from} to ${first.to}), ${describeRatio("Black people received force per stop at", b.vsWhite, "White", ratioUnstable(b.force, wh.force, T))}.`,
    type: "bar",
    xKey: "group",
    xLabel: "Group",
    yLabel: "Ratio vs White (per stop)",
    yFormat: "estimate",
    series: [
      {
        key: "vsWhite",
        label: "Ratio vs White (per Terry stop)",
        color: COLORS.pink,
        interval: { low: "vsWhiteLow", high: "vsWhiteHigh" },
      },
    ],
    rows,
    columns: [
      { key: "period", label: "Dates (both counts)", format: "text" },
      { key: "group", label: "Group", format: "text" },
      { key: "force", label: "People who received force", format: "int" },
      { key: "denominator", label: "Terry stops", format: "int" },
      { key: "rate", label: "Per 100 stops", format: "estimate" },
      { key: "vsWhite", label: "Ratio vs White", format: "estimate" },
      { key: "vsWhiteLow", label: "Ratio vs White: 95% CI low", format: "estimate" },
      { key: "vsWhiteHigh", label: "Ratio vs White: 95% CI high", format: "estimate" },
      { key: "vsAll", label: "Ratio vs all stops", format: "estimate" },
      { key: "vsAllLow", label: "Ratio vs all stops: 95% CI low", format: "estimate" },
      { key: "vsAllHigh", label: "Ratio vs all stops: 95% CI high", format: "estimate" },
      { key: "benchmark", label: "Benchmark", format: "text" },
    ],
    definitions: [
      `Benchmark: ${BENCHMARK_TERRY}`,
      "Use of force is counted only between the first and last Reported Date of each Terry stop file (2015-03-15 to 2018-07-11; 2023-01-01 to 2023-12-31), so numerator and denominator cover the same days. Force is not limited to stopped people: the two datasets cannot be linked.",
      "Stops: distinct Terry Stop IDs (the 2023 file repeats 12 IDs). The 2023 file has no Hispanic category and the 2015-2018 file no Pacific Islander one: those ratios cannot be computed and are shown as unavailable.",
      KATZ,
    ],
    notes: ["Force per crisis contact by race cannot be computed: the Crisis Data has no subject race."],
    unstableCells: 0,
  };
}

/** Same numerators, different denominators: the ratio vs White for each Terry window, against residents and against stops. */
export function benchmarkComparisonChart(res: CommunityResults, ctx: CommunityContext): ChartData | null {
  if (!res.terryRates.length || !res.population) return null;
  const T = ctx.threshold;
  const windows = res.terryRates
    .map((tw) => ({ tw, pw: res.populationRates.find((p) => p.period === tw.period)! }))
    .filter((x) => x.pw);
  const rows: Row[] = RATED_GROUPS.filter((g) => g !== "White").map((g) => {
    const row: Row = { group: GROUP_NAMES[g] };
    windows.forEach(({ tw, pw }, i) => {
      for (const [kind, w] of [
        ["pop", pw],
        ["stop", tw],
      ] as const) {
        const r = w.rows.find((x) => x.group === g)!;
        const ci = r.vsWhite;
        row[`${kind}${i}`] = ci?.ratio ?? null;
        row[`${kind}${i}Low`] = ci?.low ?? null;
        row[`${kind}${i}High`] = ci?.high ?? null;
        Object.assign(
          row,
          flag(
            [`${kind}${i}`, `${kind}${i}Low`, `${kind}${i}High`],
            ci !== null && ratioUnstable(r.force, w.rows.find((x) => x.group === "White")!.force, T),
          ),
        );
      }
    });
    return row;
  });
  const black = rows.find((r) => r.group === GROUP_NAMES.Black);
  const label = (i: number) => res.terryRates[i]!.period;
  return {
    ...base(ctx, "community-benchmark-comparison"),
    title: "How the disparity changes with the benchmark",
    takeaway:
      black && black.pop0 !== null && black.stop0 !== null
        ? `For ${label(0)}, the Black vs White ratio is ${formatEstimate(black.pop0 as number)} against residents but ${formatEstimate(black.stop0 as number)} against Terry stops: same use-of-force counts, different denominators.`
        : "The Black vs White ratios cannot be computed for these windows (no force, residents or stops recorded for a group).",
    type: "bar",
    xKey: "group",
    xLabel: "Group",
    yLabel: "Ratio vs White",
    yFormat: "estimate",
    series: windows.flatMap((_, i) => [
      {
        key: `pop${i}`,
        label: `${label(i)}: per resident`,
        color: i ? COLORS.darkRed : COLORS.vermillion,
        interval: { low: `pop${i}Low`, high: `pop${i}High` },
      },
      {
        key: `stop${i}`,
        label: `${label(i)}: per Terry stop`,
        color: i ? COLORS.indigo : COLORS.pink,
        interval: { low: `stop${i}Low`, high: `stop${i}High` },
      },
    ]),
    rows,
    columns: [
      { key: "group", label: "Group (vs White)", format: "text" },
      ...windows.flatMap((_, i) =>
        (["pop", "stop"] as const).flatMap((k) => [
          {
            key: `${k}${i}`,
            label: `${label(i)}, benchmark ${k === "pop" ? "residents" : "Terry stops"}: ratio`,
            format: "estimate" as const,
          },
          {
            key: `${k}${i}Low`,
            label: `${label(i)}, ${k === "pop" ? "residents" : "Terry stops"}: 95% CI low`,
            format: "estimate" as const,
          },
          {
            key: `${k}${i}High`,
            label: `${label(i)}, ${k === "pop" ? "residents" : "Terry stops"}: 95% CI high`,
            format: "estimate" as const,
          },
        ]),
      ),
    ],
    definitions: [
      `Per resident: ${BENCHMARK_POPULATION}`,
      `Per Terry stop: ${BENCHMARK_TERRY}`,
      "Both use the same people who received force in the same dates; only the denominator differs. Neither is 'the' answer: a population benchmark includes any disparity in who police meet; a stop benchmark takes it as given.",
    ],
    notes: ["Force per crisis contact by race cannot be computed: the Crisis Data has no subject race."],
    unstableCells: 0,
  };
}

/** What lib/ingest/normalise.ts records for a place that is blank or a placeholder ('-', 'X', '99', 'XX'). */
const UNKNOWN_PLACE = "Unknown";

/** Leads with the largest recorded place and says how many people have no recorded place at all. */
function placeTakeaway(places: Map<string, Record<string, number>>, level: "precinct" | "beat"): string {
  const totals = [...places].map(([place, p]) => ({ place, n: Object.values(p).reduce((a, b) => a + b, 0) }));
  const all = totals.reduce((s, t) => s + t.n, 0);
  if (all === 0) return "No data for these filters.";
  const top = totals.filter((t) => t.place !== UNKNOWN_PLACE).sort((a, b) => b.n - a.n)[0];
  const unknown = totals.find((t) => t.place === UNKNOWN_PLACE)?.n ?? 0;
  const lead = top
    ? `${level === "beat" ? "Beat" : "The"} ${top.place}${level === "precinct" ? " precinct" : ""} had the most people who received force (${int(top.n)})`
    : `No person who received force has a recorded ${level}`;
  const share = unknown / all;
  const rest =
    unknown > 0 && top
      ? `; ${int(unknown)} of the ${int(all)} (${pct(share, share < 0.1 ? 1 : 0)}) have no recorded ${level}`
      : "";
  return `${lead}${rest}. These are counts and shares, not rates.`;
}

/** Counts and shares of people who received force by place: no population exists for precincts or beats here. */
export function placeChart(res: CommunityResults, ctx: CommunityContext, level: "precinct" | "beat"): ChartData {
  const T = ctx.threshold;
  const cells = res.subjects.filter(
    (c) =>
      (!ctx.year || String(c.year) === ctx.year) &&
      (level === "precinct" || !ctx.precinct || c.precinct === ctx.precinct),
  );
  const places = new Map<string, Record<string, number>>();
  for (const c of cells) {
    const p = places.get(c[level]) ?? {};
    p[c.group] = (p[c.group] ?? 0) + c.subjects;
    places.set(c[level], p);
  }
  const total = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0);
  // Places by size, the unrecorded place last: it is not a place, and leading with it told readers nothing.
  const rows: Row[] = [...places]
    .sort((a, b) => Number(a[0] === UNKNOWN_PLACE) - Number(b[0] === UNKNOWN_PLACE) || total(b[1]) - total(a[1]))
    .map(([place, p]) => {
      const row: Row = { group: place, total: total(p) };
      for (const g of RACE_GROUPS) row[GROUP_KEYS[g]] = p[g] ?? 0;
      Object.assign(row, shareCell("shareBlack", p.Black ?? 0, total(p), T));
      return row;
    });
  const shown = RACE_GROUPS.filter((g) => rows.some((r) => (r[GROUP_KEYS[g]] ?? 0) !== 0));
  const scope = `${ctx.year ?? "all years"}${level === "beat" && ctx.precinct ? `, ${ctx.precinct} precinct` : ""}`;
  return {
    ...base(ctx, `community-by-${level}`),
    title: `People who received force by ${level} and recorded race (${scope})`,
    takeaway: placeTakeaway(places, level),
    type: "stacked-bar",
    xKey: "group",
    xLabel: level,
    yLabel: "People who received force",
    yFormat: "int",
    series: shown.map((g) => ({ key: GROUP_KEYS[g], label: GROUP_NAMES[g], color: GROUP_PALETTE[g] })),
    rows,
    columns: [
      { key: "group", label: level === "beat" ? "Beat" : "Precinct", format: "text" },
      { key: "total", label: "All people", format: "int" },
      ...shown.map((g) => ({ key: GROUP_KEYS[g], label: GROUP_NAMES[g], format: "int" as const })),
      { key: "shareBlack", label: "Share recorded Black", format: "percent" },
    ],
    definitions: [
      "No benchmark: counts and shares only. The data folder has a 2020 census tract table but no tract-to-beat or tract-to-precinct crosswalk, and we do not invent one, so no population rate or disparity ratio is computed for places.",
      `Place of the incident's earliest record; '-', 'X', '99', 'XX' and OOJ codes are shown as recorded.${level === "beat" ? " Beats as recorded (the beat map on the Use of force page shows their boundaries)." : ""}`,
    ],
    notes: [],
    markers: [],
    unstableCells: 0,
  };
}

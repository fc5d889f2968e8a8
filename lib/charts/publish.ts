import { COVERAGE_KEY, dataStatusOf, FLAG_SEP, smallCountRule, UNSTABLE_KEY } from "./flags";
import type { Cell, ChartData, ColumnSpec, Row } from "./types";

/**
 * The one step every public chart passes before it reaches a page, a CSV, the aggregates API or an exported image
 * (called by lib/dal/annotations.ts for every chart the DAL serves). It applies the published-number rules in one
 * place:
 *
 * - Small counts (reliability policy, README "Small counts"): nothing is withheld. Counts below SMALL_COUNT_THRESHOLD
 *   and shares whose numerator or denominator is below it are listed in the row's `unstable` column (column keys,
 *   separated by ";"); the charts draw them as open, lighter points and bars.
 * - Rounding: shares (0-1) and other non-integers to RATE_DIGITS significant digits (0.334944, not
 *   0.33494363929146537; six digits so that a value shown to 2 or 3 digits rounds as the unrounded one does; a p-value of 3e-12 stays 3e-12); counts are exact.
 * - Complete periods: on time charts, a `coverage` column says partial or complete, and a note names the partial
 *   periods (which the builders never use as a baseline).
 * - Data status: a `data_status` column (real | synthetic | mixed) on every row, so a CSV row pasted anywhere keeps
 *   its label; `dataStatus` on the chart for the block's badge and the image stamp.
 */
export const RATE_DIGITS = 6;
export { COVERAGE_KEY, dataStatusOf, smallCountRule, UNSTABLE_KEY, unstableIn } from "./flags";
export const DATA_STATUS_KEY = "data_status";

const round = (v: Cell, format: ColumnSpec["format"] | undefined): Cell => {
  if (typeof v === "number" && format === "usd") return Math.round(v); // whole dollars
  if (typeof v !== "number" || (format !== "percent" && format !== "decimal" && format !== "estimate")) return v;
  if (!Number.isFinite(v) || v === 0) return v === 0 ? 0 : v;
  return Number(v.toPrecision(RATE_DIGITS));
};

/** Row keys a builder flagged (keys ending in "!", lib/charts/helpers.ts flagKey) plus small counts. */
function unstableKeys(row: Row, columns: ColumnSpec[], threshold: number): string[] {
  const flagged = new Set<string>();
  for (const [k, v] of Object.entries(row))
    if (k.endsWith("!") && typeof v === "string") for (const key of v.split(FLAG_SEP)) if (key) flagged.add(key);
  for (const c of columns) {
    const v = row[c.key];
    if (c.format === "int" && typeof v === "number" && v > 0 && v < threshold) flagged.add(c.key);
  }
  return columns.map((c) => c.key).filter((k) => flagged.has(k));
}

export const isTimeChart = (chart: Pick<ChartData, "xKey" | "type">) => chart.xKey === "period" && chart.type !== "map";

export function publishChart(chart: ChartData): ChartData {
  if (chart.columns.some((c) => c.key === UNSTABLE_KEY)) return chart; // already published
  const T = chart.smallCountThreshold;
  const format = new Map(chart.columns.map((c) => [c.key, c.format]));
  const status = dataStatusOf(chart.sources);
  const partial = new Set(chart.partialPeriods ?? []);
  const time = isTimeChart(chart);
  let unstableCells = 0;
  const rows = chart.rows.map((r) => {
    const keys = unstableKeys(r, chart.columns, T);
    unstableCells += keys.length;
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) if (!k.endsWith("!")) out[k] = round(v, format.get(k));
    if (time) out[COVERAGE_KEY] = partial.has(String(r[chart.xKey])) ? "partial" : "complete";
    out[UNSTABLE_KEY] = keys.join(FLAG_SEP);
    out[DATA_STATUS_KEY] = status;
    return out;
  });
  const columns: ColumnSpec[] = [
    ...chart.columns,
    ...(time ? [{ key: COVERAGE_KEY, label: "Period coverage", format: "text" as const }] : []),
    { key: UNSTABLE_KEY, label: `Unstable (count below ${T})`, format: "text" },
    { key: DATA_STATUS_KEY, label: "Data status", format: "text", hiddenInTable: true },
  ];
  const partialList = chart.rows.map((r) => String(r[chart.xKey])).filter((p) => partial.has(p));
  const notes = partialList.length
    ? [
        ...chart.notes,
        `${partialList.join(" and ")} ${partialList.length > 1 ? "are" : "is"} only partly covered by the data: drawn lighter, flagged "partial" in the coverage column, and never used as a comparison.`,
      ]
    : chart.notes;
  return { ...chart, rows, columns, notes, unstableCells, dataStatus: status, partialPeriods: partialList };
}

export interface SmallCountPolicy {
  policy: "reliability";
  threshold: number;
  unstableCells: number;
  rule: string;
}

export const smallCountPolicy = (
  chart: Pick<ChartData, "smallCountThreshold" | "unstableCells">,
): SmallCountPolicy => ({
  policy: "reliability",
  threshold: chart.smallCountThreshold,
  unstableCells: chart.unstableCells,
  rule: smallCountRule(chart.smallCountThreshold),
});

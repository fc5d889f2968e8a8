import { FLAG_SEP } from "./helpers";
import type { Cell, ChartData, ColumnSpec, DataStatus, Row, SourceRef } from "./types";

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
export const UNSTABLE_KEY = "unstable";
export const COVERAGE_KEY = "coverage";
export const DATA_STATUS_KEY = "data_status";

export function dataStatusOf(sources: readonly Pick<SourceRef, "synthetic">[]): DataStatus {
  const synthetic = sources.filter((s) => s.synthetic).length;
  return synthetic === 0 ? "real" : synthetic === sources.length ? "synthetic" : "mixed";
}

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

/** The keys flagged unstable in a published row. */
export const unstableIn = (row: Row): Set<string> =>
  new Set(typeof row[UNSTABLE_KEY] === "string" ? (row[UNSTABLE_KEY] as string).split(FLAG_SEP).filter(Boolean) : []);

/** The small-count rule in words: the same sentence on chart blocks, the methodology page, dictionaries and manifests. */
export const smallCountRule = (T: number) =>
  `Nothing is withheld: the row-level sources are public, so hiding small cells would protect no one and only hide numbers. ` +
  `Counts below ${T}, and shares, rates and ratios whose numerator or denominator is below ${T}, are shown and flagged unstable ` +
  `(the "unstable" column lists their columns; charts draw them as open, lighter marks): a count below ${T} has a relative ` +
  `standard error above about 30% (1/√n), the point where public-health agencies stop treating a rate as reliable.`;

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

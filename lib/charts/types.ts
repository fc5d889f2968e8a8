import type { PublicNote } from "@/lib/annotations/model";

/**
 * The data contract of the one chart block used everywhere (components/chart-block): plain, serialisable data that a
 * server component computes from stored results and passes to the client chart, the table view, the CSV download
 * and the permalink alike, so all four always show the same numbers.
 */
export type Cell = number | string | null;
export type Row = Record<string, Cell>;
export type DataStatus = "real" | "synthetic" | "mixed";
/**
 * "usd": whole US dollars (an estimate, not a count: never flagged as a small count, may be n/a). "estimate": a rate,
 * ratio or model figure shown with the precision its data support (lib/format.ts formatEstimate: 347, 7.9, 0.88);
 * "decimal": two decimals (staff scores). Downloads keep full precision for both.
 */
export type ValueFormat = "int" | "percent" | "text" | "decimal" | "estimate" | "usd";

export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  /** Keys of the lower and upper bound of a 95% interval, drawn as a band or error bar. */
  interval?: { low: string; high: string };
}

export interface ColumnSpec {
  key: string;
  label: string;
  format: ValueFormat;
  /** Added by lib/charts/publish.ts for downloads and the API; the block shows it as a badge, not a table column. */
  hiddenInTable?: boolean;
}

export interface SourceRef {
  dataset: string;
  label: string;
  sourceName: string;
  sourceUrl: string;
  retrievedAt: string;
  synthetic: boolean;
}

export interface Marker {
  x: string;
  /** Last period of a dated range (drawn as a band from x to xEnd). */
  xEnd?: string;
  label: string;
  /** A word or two drawn on the axis; the full label is in the tooltip and the notes. */
  short: string;
  kind: "context" | "policy" | "data" | "correction";
  /** The published annotation behind the marker (lib/annotations) and its place on the public notes page. */
  noteId?: number;
  href?: string;
}

export interface ChartData {
  id: string;
  title: string;
  /** One sentence written from the data. */
  takeaway: string;
  type: "line" | "bar" | "stacked-bar" | "stacked-area" | "map";
  xKey: string;
  xLabel: string;
  yLabel: string;
  yFormat: ValueFormat;
  series: SeriesSpec[];
  rows: Row[];
  columns: ColumnSpec[];
  /** Definitions of what is counted, shown under Sources. */
  definitions: string[];
  notes: string[];
  sources: SourceRef[];
  markers: Marker[];
  /**
   * Lines across the plot at a value of the value axis (e.g. a rule's threshold), each with a short label, drawn by
   * the server SVG and the interactive view alike; the builder says in a note or CSV column what a line means.
   */
  referenceLines?: { value: number; label: string }[];
  /** Published annotations that apply to this chart (set by the DAL, lib/charts/notes.ts). */
  annotations?: PublicNote[];
  /**
   * The reliability threshold (SMALL_COUNT_THRESHOLD): nothing is withheld; counts below it, and shares whose
   * numerator or denominator is below it, are flagged unstable (lib/charts/publish.ts).
   */
  smallCountThreshold: number;
  /** Cells flagged unstable, counted by lib/charts/publish.ts (0 until the chart is published). */
  unstableCells: number;
  /** Periods the data cover only in part: drawn lighter, noted, flagged in the coverage column, never a baseline. */
  partialPeriods?: string[];
  /** real, synthetic or mixed, from the sources (lib/charts/publish.ts). */
  dataStatus?: DataStatus;
  methodologyHref: string;
  /** Where "How to read this" points. */
  explainerHref: string;
  /** Same filters as the page, so the download matches what is shown. */
  csvHref: string;
  /** Constant columns added to every row of the CSV only (e.g. the rule and parameters a chart was computed under). */
  csvContext?: { label: string; value: string }[];
  permalink: string;
  /**
   * The numbered release the chart was built from (lib/dal/releases.ts): the pinned one, else the latest; null
   * before the first release. The block offers a permalink pinned to it beside the latest one.
   */
  release?: { number: string; pinned: boolean } | null;
}

/** `href` with `?release=` (or `&release=`) added before its fragment: the same view pinned to one release. */
export function pinnedHref(href: string, release: string): string {
  const [path, hash] = href.split("#", 2) as [string, string | undefined];
  return `${path}${path.includes("?") ? "&" : "?"}release=${encodeURIComponent(release)}${hash ? `#${hash}` : ""}`;
}

import type { AnnotationKind, PublicNote } from "@/lib/annotations/model";
import { CHART_TARGETS } from "@/lib/annotations/targets";
import type { ChartData, Marker } from "./types";

/**
 * Which published notes apply to a chart, and where a note's date or range falls on the chart's time axis.
 * A note applies to a chart when its scope is the whole site, the chart's page, the chart itself, one of the chart's
 * datasets, or the precinct the chart is filtered to. On a time axis (periods YYYY-MM, YYYY-Qn or YYYY) a dated note
 * applies only when it overlaps the periods shown, and becomes a marker (a range: from its first to its last period);
 * a chart without a time axis takes no dated site- or page-wide notes.
 */
export type Granularity = "month" | "quarter" | "year";

export function granularityOf(periods: readonly string[]): Granularity | null {
  if (periods.length === 0) return null;
  if (periods.every((p) => /^\d{4}-(0[1-9]|1[0-2])$/.test(p))) return "month";
  if (periods.every((p) => /^\d{4}-Q[1-4]$/.test(p))) return "quarter";
  if (periods.every((p) => /^\d{4}$/.test(p))) return "year";
  return null;
}

/** The period of a calendar day (YYYY-MM-DD) at a granularity. */
export function periodOfDay(day: string, g: Granularity): string {
  const year = day.slice(0, 4);
  if (g === "year") return year;
  if (g === "month") return day.slice(0, 7);
  return `${year}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** First and last calendar day of a period. */
export function periodBounds(period: string): [string, string] {
  const y = period.slice(0, 4);
  const lastDay = (year: number, month: number) =>
    String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0");
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  if (q) {
    const m0 = (Number(q[1]) - 1) * 3 + 1;
    return [
      `${y}-${String(m0).padStart(2, "0")}-01`,
      `${y}-${String(m0 + 2).padStart(2, "0")}-${lastDay(Number(y), m0 + 2)}`,
    ];
  }
  if (/^\d{4}-\d{2}$/.test(period))
    return [`${period}-01`, `${period}-${lastDay(Number(y), Number(period.slice(5, 7)))}`];
  return [`${y}-01-01`, `${y}-12-31`];
}

const rangeOf = (n: Pick<PublicNote, "dateStart" | "dateEnd">): [string, string] | null =>
  n.dateStart ? [n.dateStart, n.dateEnd ?? n.dateStart] : null;

/** Where a dated note falls on an axis of `periods` (sorted): its first and last period shown, or null if outside. */
export function placeOnAxis(
  n: Pick<PublicNote, "dateStart" | "dateEnd">,
  periods: readonly string[],
): { x: string; xEnd?: string } | null {
  const g = granularityOf(periods);
  const range = rangeOf(n);
  if (!g || !range) return null;
  const covered = periods.filter((p) => {
    const [a, b] = periodBounds(p);
    return a <= range[1] && b >= range[0];
  });
  if (covered.length === 0) return null;
  const x = covered[0]!;
  const xEnd = covered.at(-1)!;
  return xEnd === x ? { x } : { x, xEnd };
}

export interface ChartScope {
  chartId: string;
  page: string | null;
  datasets: readonly string[];
  /** The precinct the chart is filtered to, if any. */
  precinct: string | null;
}

export function chartScope(chartId: string, precinct: string | null = null): ChartScope {
  const t = CHART_TARGETS[chartId];
  return { chartId, page: t?.page ?? null, datasets: t?.datasets ?? [], precinct };
}

export function appliesTo(n: Pick<PublicNote, "scopeKind" | "scopeTarget">, s: ChartScope): boolean {
  switch (n.scopeKind) {
    case "site":
      return true;
    case "page":
      return n.scopeTarget === s.page;
    case "chart":
      return n.scopeTarget === s.chartId;
    case "dataset":
      return s.datasets.includes(n.scopeTarget);
    case "precinct":
      return s.precinct !== null && s.precinct.toLowerCase() === n.scopeTarget.toLowerCase();
  }
}

const MARKER_KIND: Record<AnnotationKind, Marker["kind"]> = {
  policy_change: "policy",
  data_change: "data",
  context: "context",
  correction: "correction",
};

/** A word or two for the axis: the part before a colon when short, else the first words. */
export function shortLabel(title: string): string {
  const head = title.split(/[:;(]/)[0]!.trim();
  if (head.length > 0 && head.length <= 20) return head;
  const words = title.split(/\s+/);
  let out = "";
  for (const w of words) {
    if ((out + " " + w).trim().length > 18) break;
    out = (out + " " + w).trim();
  }
  return `${out || title.slice(0, 18)}…`;
}

const timePeriods = (chart: Pick<ChartData, "xKey" | "rows">): string[] | null => {
  if (chart.xKey !== "period") return null;
  const periods = chart.rows.map((r) => String(r.period ?? ""));
  return granularityOf(periods) ? [...periods].sort() : null;
};

/**
 * The chart with the published notes that apply to it: `annotations` (every one, for the notes list, the CSV and the
 * manifest) and, on a time axis, one marker per dated note. Markers computed elsewhere are replaced.
 */
export function annotateChart(
  chart: ChartData,
  notes: readonly PublicNote[],
  precinct: string | null = null,
): ChartData {
  const scope = chartScope(chart.id, precinct);
  const periods = timePeriods(chart);
  const markers: Marker[] = [];
  const applicable: PublicNote[] = [];
  for (const n of notes) {
    if (n.state !== "published" || !appliesTo(n, scope)) continue;
    // A dated site- or page-wide note is about a moment: a chart without a time axis has no place for it (it is
    // listed on the page instead). Notes aimed at the chart, its dataset or its precinct apply whatever their date.
    if (!periods && n.dateStart && (n.scopeKind === "site" || n.scopeKind === "page")) continue;
    if (periods && n.dateStart) {
      const place = placeOnAxis(n, periods);
      if (!place) continue;
      markers.push({
        ...place,
        label: n.title,
        short: shortLabel(n.title),
        kind: MARKER_KIND[n.kind],
        href: n.href,
        noteId: n.id,
      });
    }
    applicable.push(n);
  }
  return { ...chart, markers, annotations: applicable };
}

/** A site-wide or page note: the page head lists it in full (components/page-frame.tsx), so a chart block on a page
 * only refers to it, by this anchor, instead of repeating its text under every chart. */
export const inPageHead = (n: Pick<PublicNote, "scopeKind">): boolean =>
  n.scopeKind === "site" || n.scopeKind === "page";

export const pageNoteAnchor = (id: number): string => `page-note-${id}`;

/** The chart's markers as a page shows them: those of notes the page head lists link to the note there. */
export function markersOnPage(chart: Pick<ChartData, "annotations" | "markers">): Marker[] {
  const head = new Set((chart.annotations ?? []).filter(inPageHead).map((n) => n.id));
  return chart.markers.map((m) =>
    m.noteId !== undefined && head.has(m.noteId) ? { ...m, href: `#${pageNoteAnchor(m.noteId)}` } : m,
  );
}

/** Notes listed under a chart: those aimed at it (chart, dataset, precinct) and any marked on its axis; site- and
 * page-wide notes without a marker are listed once on the page instead. */
export function notesUnderChart(chart: Pick<ChartData, "annotations" | "markers">): PublicNote[] {
  const marked = new Set(chart.markers.map((m) => m.noteId));
  return (chart.annotations ?? []).filter(
    (n) => marked.has(n.id) || n.scopeKind === "chart" || n.scopeKind === "dataset" || n.scopeKind === "precinct",
  );
}

/** Notes that concern one row of a chart's table: on a time axis those overlapping the row's period (and undated
 * ones); otherwise every note of the chart. */
export function notesForRow(
  chart: Pick<ChartData, "xKey" | "rows" | "annotations">,
  row: Record<string, unknown>,
): PublicNote[] {
  const notes = chart.annotations ?? [];
  if (!timePeriods(chart)) return notes;
  const [a, b] = periodBounds(String(row.period));
  return notes.filter((n) => {
    const r = rangeOf(n);
    return !r || (a <= r[1] && b >= r[0]);
  });
}

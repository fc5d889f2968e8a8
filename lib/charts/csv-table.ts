import type { PublicNote } from "@/lib/annotations/model";
import { notesForRow } from "./notes";
import type { Cell, ChartData } from "./types";

/**
 * Annotation text in downloads. Staff type it, so a spreadsheet must never read it as a formula: a text that starts
 * with =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's CSV injection advice). The numbers of
 * the chart are not touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutraliseFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ").trim();

/**
 * Markdown as plain text for a CSV cell: links become "text (absolute URL)", emphasis, code, heading, quote and list
 * markers are dropped; a spreadsheet shows no Markdown.
 */
export function plainText(markdown: string, origin = ""): string {
  const abs = (url: string) => (url.startsWith("/") ? `${origin}${url}` : url);
  return markdown
    .replace(
      /!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
      (_, text: string, url: string) => `${text} (${abs(url)})`,
    )
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s.,;:!?)]|$)/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "");
}

/** One note as a line of text: title, kind and date, body, source and its public address. */
export function noteText(n: PublicNote, origin = ""): string {
  const source = n.sourceLabel ? ` Source: ${oneLine(n.sourceLabel)}${n.sourceUrl ? ` (${n.sourceUrl})` : ""}.` : "";
  return `${oneLine(n.title)} (${n.kindLabel}, ${n.dateLabel}): ${oneLine(plainText(n.body, origin))}${source} ${origin}${n.href}`;
}

export const notesCell = (notes: readonly PublicNote[], origin = ""): string =>
  neutraliseFormula(notes.map((n) => noteText(n, origin)).join(" | "));

export const NOTES_COLUMN = "Notes";

/** The chart's table for its CSV: its columns, plus a trailing Notes column when notes apply (each row lists the
 * notes about its period). */
export function chartCsvTable(chart: ChartData, origin = ""): { header: string[]; rows: Cell[][] } {
  const withNotes = (chart.annotations?.length ?? 0) > 0;
  const context = chart.csvContext ?? [];
  const header = [
    ...chart.columns.map((c) => c.label),
    ...context.map((c) => c.label),
    ...(withNotes ? [NOTES_COLUMN] : []),
  ];
  const rows = chart.rows.map((r) => [
    ...chart.columns.map((c) => r[c.key] ?? ""),
    ...context.map((c) => neutraliseFormula(c.value)),
    ...(withNotes ? [notesCell(notesForRow(chart, r), origin)] : []),
  ]);
  return { header, rows };
}

export interface ManifestNote {
  id: number;
  title: string;
  body: string;
  kind: string;
  scope: string;
  dateStart: string | null;
  dateEnd: string | null;
  sourceLabel: string | null;
  sourceUrl: string | null;
  seeded: boolean;
  publishedAt: string | null;
  url: string;
}

/** Notes as they go into a manifest (JSON that people also open in spreadsheets: the same neutralising applies). */
export function manifestNotes(notes: readonly PublicNote[], origin = ""): ManifestNote[] {
  return notes.map((n) => ({
    id: n.id,
    title: neutraliseFormula(n.title),
    body: neutraliseFormula(n.body),
    kind: n.kind,
    scope: n.scopeLabel,
    dateStart: n.dateStart,
    dateEnd: n.dateEnd,
    sourceLabel: n.sourceLabel === null ? null : neutraliseFormula(n.sourceLabel),
    sourceUrl: n.sourceUrl,
    seeded: n.seeded,
    publishedAt: n.publishedAt,
    url: `${origin}${n.href}`,
  }));
}

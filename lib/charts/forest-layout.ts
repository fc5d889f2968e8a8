import { lineHeight, textWidth, wrapText } from "./svg-legend";

/**
 * Geometry of the forest plot (components/forest-plot.tsx): odds ratios with 95% intervals on a log scale, a term's
 * label beside its interval on a wide screen, above it on a phone, wrapped rather than cut so that a term keeps its
 * reference group ("(vs Welfare check)"); the height follows the rows. Pure, so it is unit-tested.
 */
export interface ForestTerm {
  label: string;
  oddsRatio: number;
  ciLow: number;
  ciHigh: number;
}
export interface ForestOptions {
  width: number;
  fontSize: number;
  /** Labels on their own lines above each interval (phones), instead of in a column to the left. */
  stacked: boolean;
}
export interface ForestRowGeom {
  label: string;
  lines: string[];
  labelX: number;
  /** Centre of the label's first line. */
  labelY: number;
  /** Centre line of the interval, and its ends and estimate along x. */
  y: number;
  low: number;
  high: number;
  estimate: number;
}
export interface ForestLayout {
  width: number;
  height: number;
  fontSize: number;
  lineHeight: number;
  anchor: "start" | "end";
  plot: { x: number; width: number; top: number; bottom: number };
  rows: ForestRowGeom[];
  ticks: { pos: number; label: string }[];
  tickY: number;
  /** The reference line at 1 ("no difference"): over all rows, or (stacked) one piece per interval, clear of labels. */
  reference: { x: number; segments: { y1: number; y2: number }[] };
  title: { x: number; y: number; text: string };
}

/**
 * The two layouts the page draws, one shown per box width (globals.css): each viewBox is at most the narrowest box
 * it is shown in (wide from 40rem = 640 px, narrow from 320 px), so that 12 units of text are never under 12 CSS px.
 */
export const FOREST_VARIANTS = {
  wide: { width: 640, fontSize: 12, stacked: false },
  narrow: { width: 320, fontSize: 12, stacked: true },
} as const satisfies Record<string, ForestOptions>;

export const FOREST_AXIS_TITLE = "odds ratio, log scale, 1 = no difference";
/** Round odds ratios to mark, in order of preference: 1 first, then the doublings, then the rest. */
const TICKS = [1, 2, 0.5, 4, 0.25, 8, 0.125, 16, 10, 0.1, 1.5, 0.75, 3, 5, 20, 0.2, 32];
const round = (v: number) => Math.round(v * 10) / 10;

export function layoutForest(terms: ForestTerm[], { width, fontSize, stacked }: ForestOptions): ForestLayout {
  const lh = lineHeight(fontSize);
  const values = terms.flatMap((t) => [t.ciLow, t.ciHigh, 1]).filter((v) => v > 0);
  const lo = Math.log(Math.min(...values) * 0.9);
  const hi = Math.log(Math.max(...values) * 1.1);
  const labelRoom = stacked
    ? width - 16
    : Math.min(Math.max(...terms.map((t) => textWidth(t.label, fontSize))), width * 0.45);
  const plotX = stacked ? 16 : Math.ceil(labelRoom) + 20;
  const plotW = width - plotX - 20;
  const x = (v: number) => round(plotX + ((Math.log(v) - lo) / (hi - lo)) * plotW);

  const top = 8;
  let y = top;
  const rows = terms.map((t) => {
    const lines = wrapText(t.label, labelRoom, fontSize, 4);
    const labelsH = lines.length * lh;
    // Stacked: the label's lines, then its interval under them; side by side: both centred in a row as tall as
    // the label needs.
    const rowH = stacked ? labelsH + 20 : Math.max(26, labelsH + 8);
    const centre = stacked ? y + labelsH + 10 : y + rowH / 2;
    const row: ForestRowGeom = {
      label: t.label,
      lines,
      labelX: stacked ? 8 : plotX - 12,
      labelY: round(stacked ? y + lh / 2 : centre - ((lines.length - 1) * lh) / 2),
      y: round(centre),
      low: x(t.ciLow),
      high: x(t.ciHigh),
      estimate: x(t.oddsRatio),
    };
    y += rowH;
    return row;
  });
  const bottom = y + 2;

  // Ticks that fit between their neighbours, 1 always among them.
  const ticks: { pos: number; label: string }[] = [];
  for (const v of TICKS) {
    if (Math.log(v) < lo || Math.log(v) > hi) continue;
    const pos = x(v);
    const half = textWidth(String(v), fontSize) / 2 + 6;
    if (ticks.every((t) => Math.abs(t.pos - pos) >= half + textWidth(t.label, fontSize) / 2)) {
      ticks.push({ pos, label: String(v) });
    }
  }
  ticks.sort((a, b) => a.pos - b.pos);
  const tickY = round(bottom + 6 + fontSize);
  const titleY = round(tickY + lh + 2);
  const segments = stacked ? rows.map((r) => ({ y1: r.y - 8, y2: r.y + 8 })) : [{ y1: top, y2: bottom }];
  return {
    width,
    height: Math.ceil(titleY + fontSize * 0.4 + 4),
    fontSize,
    lineHeight: lh,
    anchor: stacked ? "start" : "end",
    plot: { x: plotX, width: plotW, top, bottom },
    rows,
    ticks,
    tickY,
    reference: { x: x(1), segments },
    title: { x: round(plotX + plotW / 2), y: titleY, text: FOREST_AXIS_TITLE },
  };
}

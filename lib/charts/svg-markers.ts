import { lineHeight, textWidth, wrapText } from "./svg-legend";
import type { ChartData, Marker } from "./types";

/**
 * Context markers and direct line labels of the server-drawn time charts (svg-layout.ts), laid out so that no label
 * ever overlaps another or the data: a marker is a dashed line with its number above the plot, its label in a
 * numbered key under the chart; a line's series label sits beside its last point, in the right margin.
 */
export interface MarkerGeom {
  x: number;
  /** A dated range, drawn as a shaded band. */
  range?: { x: number; width: number };
  short: string;
  label: string;
  href?: string;
  noteId?: number;
  /** Its number above the plot and in the key. */
  n: number;
  /** Row of the number above the plot, 0 nearest the plot: numbers that would touch go up a row. */
  row: number;
  /** Centre of the number. */
  numberX: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Context markers on the time axis, at their period (a dated range as a band); periods off the chart are left out. */
export function placeMarkers(
  chart: Pick<ChartData, "markers">,
  centre: (c: string) => number | undefined,
  band: { (c: string): number | undefined; bandwidth(): number } | null,
) {
  return chart.markers
    .filter((m) => centre(m.x) !== undefined)
    .map((m) => {
      const x = round(centre(m.x)!);
      const endCentre = m.xEnd ? centre(m.xEnd) : undefined;
      const range =
        endCentre === undefined
          ? undefined
          : band
            ? { x: round(band(m.x)!), width: round(band(m.xEnd!)! + band.bandwidth() - band(m.x)!) }
            : { x, width: round(endCentre - x) };
      return { m, x, range };
    });
}

interface Placed {
  m: Marker;
  x: number;
  range?: { x: number; width: number };
}

/** Room a number takes above the plot (the digits and a little air). */
const numberWidth = (n: number, fontSize: number) => textWidth(String(n), fontSize) + 6;

/**
 * Numbers the markers in time order and puts each number in the lowest row above the plot where it does not touch
 * another, kept inside the chart's width; rows are added as needed, so every marker keeps its number.
 */
export function numberMarkers(
  placed: Placed[],
  width: number,
  fontSize: number,
): { markers: MarkerGeom[]; rows: number } {
  const rowEnds: number[] = [];
  const markers = [...placed]
    .sort((a, b) => a.x - b.x)
    .map(({ m, x, range }, i) => {
      const n = i + 1;
      const w = numberWidth(n, fontSize);
      const numberX = Math.min(Math.max(x, w / 2), width - w / 2);
      const from = numberX - w / 2;
      let row = rowEnds.findIndex((end) => end + 2 <= from);
      if (row < 0) row = rowEnds.push(-Infinity) - 1;
      rowEnds[row] = numberX + w / 2;
      return {
        x,
        ...(range ? { range } : {}),
        short: m.short,
        label: keyLabel(m),
        ...(m.href ? { href: m.href } : {}),
        ...(m.noteId !== undefined ? { noteId: m.noteId } : {}),
        n,
        row,
        numberX: Math.round(numberX * 10) / 10,
      };
    });
  return { markers, rows: rowEnds.length };
}

/** The key's text: the full label with its period, which tells apart markers that sit close together. */
export const keyLabel = (m: Pick<Marker, "label" | "x" | "xEnd">) => `${m.label} (${m.x}${m.xEnd ? `–${m.xEnd}` : ""})`;

/** Whether a marker's dashed line can rise to its number without crossing a number in a row below it. */
export function lineReachesNumber(m: MarkerGeom, all: MarkerGeom[], fontSize: number): boolean {
  return !all.some((o) => o.row < m.row && Math.abs(o.numberX - m.x) <= numberWidth(o.n, fontSize) / 2 + 1);
}

export interface LineLabel {
  key: string;
  color: string;
  lines: string[];
  /** Left edge of the text and the centre of its first line. */
  x: number;
  y: number;
  /** The line's last point, joined to the label by a short stroke in the series colour. */
  fromX: number;
  fromY: number;
}

/**
 * Series labels at the right ends of the lines, wrapped to the margin's room and moved apart vertically (in order
 * of their points) so that no two touch, kept between the top and bottom of the plot where they can be.
 */
export function layoutLineLabels(
  ends: { key: string; color: string; label: string; x: number; y: number }[],
  {
    x,
    room,
    maxLines = 3,
    top,
    bottom,
    fontSize,
  }: { x: number; room: number; maxLines?: number; top: number; bottom: number; fontSize: number },
): LineLabel[] {
  const lh = lineHeight(fontSize);
  const gap = 3;
  const items = ends
    .map((e) => ({ ...e, lines: wrapText(e.label, room, fontSize, maxLines) }))
    .sort((a, b) => a.y - b.y)
    .map((e) => ({ ...e, h: e.lines.length * lh, top: e.y - (e.lines.length * lh) / 2 }));
  // Down from the top, then back up from the bottom: each label as near its point as its neighbours allow.
  items.forEach((it, i) => {
    it.top = Math.max(it.top, i === 0 ? top - lh / 2 : items[i - 1]!.top + items[i - 1]!.h + gap);
  });
  for (let i = items.length - 1; i >= 0; i--) {
    const limit = i === items.length - 1 ? bottom : items[i + 1]!.top - gap;
    items[i]!.top = Math.min(items[i]!.top, limit - items[i]!.h);
  }
  return items.map((it) => ({
    key: it.key,
    color: it.color,
    lines: it.lines,
    x,
    y: Math.round((it.top + lh / 2) * 10) / 10,
    fromX: it.x,
    fromY: it.y,
  }));
}

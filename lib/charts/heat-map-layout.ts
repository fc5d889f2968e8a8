import { lineHeight, textWidth, wrapText } from "./svg-legend";

/**
 * Geometry of the coverage heat map (app/(public)/alternative-response/heat-map.tsx): one cell per weekday and hour
 * with its count. Two orientations, because 24 hours across need a desktop's width to keep 12 px numbers in their
 * cells: "across" (weekdays down, hours across) for wide boxes, "down" (hours down, weekdays across) for phones and
 * narrow tablets. Each is drawn at a viewBox no wider than the smallest box it is shown in (globals.css), so its
 * text is never scaled below its font size. Pure, so it is unit-tested.
 */
export type HeatOrientation = "across" | "down";
export interface HeatCell {
  /** Index of the weekday (row of the data's columns) and of the hour (row of the data). */
  day: number;
  hour: number;
  x: number;
  y: number;
  /** Where the count is written: the cell's centre, on the text's baseline. */
  textX: number;
  textY: number;
  value: number;
  /** The count as printed in the cell ("1.2k" from a thousand, so four digits fit). */
  text: string;
}
export interface HeatLayout {
  orientation: HeatOrientation;
  width: number;
  height: number;
  fontSize: number;
  lineHeight: number;
  /** Cell size (square cells, 1 unit apart). */
  cellW: number;
  cellH: number;
  dayLabels: { x: number; y: number; text: string; anchor: "start" | "middle" | "end" }[];
  hourLabels: { x: number; y: number; text: string; anchor: "start" | "middle" | "end" }[];
  cells: HeatCell[];
  /** The caption under the grid, wrapped to the width. */
  caption: { x: number; y: number; lines: string[] };
}

/** The viewBox widths: at most the narrowest box each orientation is shown in (globals.css .heat-map--*). */
export const HEAT_WIDTHS: Record<HeatOrientation, number> = { across: 720, down: 320 };
const FONT = 12;
const round = (v: number) => Math.round(v * 10) / 10;

/** A count short enough for its cell: thousands as "1.2k" (the Table view and the cell's title keep the exact value). */
export function cellText(v: number): string {
  if (v < 1000) return String(v);
  const k = v / 1000;
  return `${k < 10 ? k.toFixed(1).replace(/\.0$/, "") : Math.round(k)}k`;
}

/**
 * `values[hour][day]`: 24 rows of 7 counts. `days` are the short weekday names shown ("Mon"), in the same order.
 */
export function layoutHeatMap(
  values: number[][],
  days: readonly string[],
  caption: string,
  orientation: HeatOrientation,
): HeatLayout {
  const width = HEAT_WIDTHS[orientation];
  const lh = lineHeight(FONT);
  const hours = values.length;
  const across = orientation === "across";
  const dayW = Math.ceil(Math.max(...days.map((d) => textWidth(d, FONT))));
  const hourW = Math.ceil(Math.max(...values.map((_, h) => textWidth(String(h), FONT))));
  // Labels' column and row: weekdays at the left (across) or on top (down); hours on top (across) or at the left.
  const left = (across ? dayW : hourW) + 10;
  const top = FONT + 10;
  const columns = across ? hours : days.length;
  const cellW = Math.floor(((width - left - 4) / columns) * 10) / 10;
  const cellH = across ? 26 : 22;
  const rowsN = across ? days.length : hours;
  const cells: HeatCell[] = [];
  values.forEach((row, hour) =>
    row.forEach((value, day) => {
      const [col, r] = across ? [hour, day] : [day, hour];
      const [x, y] = [left + col * cellW, top + r * cellH];
      cells.push({
        day,
        hour,
        x: round(x),
        y: round(y),
        textX: round(x + (cellW - 1) / 2),
        textY: round(y + (cellH - 1) / 2 + FONT * 0.35),
        value,
        text: cellText(value),
      });
    }),
  );
  const label = (i: number, onTop: boolean) =>
    onTop
      ? { x: round(left + i * cellW + cellW / 2), y: top - 7, anchor: "middle" as const }
      : { x: left - 8, y: round(top + i * cellH + cellH / 2 + FONT * 0.35), anchor: "end" as const };
  const dayLabels = days.map((text, i) => ({ ...label(i, !across), text }));
  const hourLabels = values.map((_, h) => ({ ...label(h, across), text: String(h) }));
  const gridBottom = top + rowsN * cellH;
  const lines = wrapText(caption, width - 8, FONT, 6);
  const captionY = gridBottom + FONT + 8;
  return {
    orientation,
    width,
    height: Math.ceil(captionY + (lines.length - 1) * lh + FONT * 0.4 + 4),
    fontSize: FONT,
    lineHeight: lh,
    cellW: round(cellW - 1),
    cellH: cellH - 1,
    dayLabels,
    hourLabels,
    cells,
    caption: { x: 4, y: captionY, lines },
  };
}

/** Legend and text measuring for the server-drawn charts (svg-layout.ts). */
export interface LegendItem {
  label: string;
  color: string;
  /** How the entry is drawn: a line for line series, a square for bars and areas, a pale square for intervals. */
  symbol: "line" | "rect" | "band";
  /** Left edge of the symbol and the text baseline. */
  x: number;
  y: number;
}

/**
 * Approximate width of a label in a proportional sans-serif (about 0.57 em a lowercase letter, capitals and
 * digits wider, as in Inter): the server cannot measure text, and a slight overestimate only spaces labels a little more.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text)
    em += /[A-Zmw%]/.test(ch) ? 0.72 : /[0-9]/.test(ch) ? 0.62 : /[ il.,:;'|!()ftjr-]/.test(ch) ? 0.32 : 0.57;
  return em * fontSize;
}

const SYMBOL = 12;
const GAP = 5;
const SPACING = 20;

/** Entries in centred rows that wrap at the chart's width; y is relative to the legend's top. */
export function layoutLegend(
  items: Omit<LegendItem, "x" | "y">[],
  width: number,
  fontSize: number,
): { items: LegendItem[]; height: number } {
  const lineH = fontSize + 8;
  const widths = items.map((it) => SYMBOL + GAP + textWidth(it.label, fontSize));
  const rows: number[][] = [];
  let used = Infinity;
  widths.forEach((w, i) => {
    if (rows.length && used + SPACING + w <= width - 16) {
      rows.at(-1)!.push(i);
      used += SPACING + w;
    } else {
      rows.push([i]);
      used = w;
    }
  });
  const out: LegendItem[] = [];
  rows.forEach((row, r) => {
    const rowW = row.reduce((s, i) => s + widths[i]!, 0) + SPACING * (row.length - 1);
    let x = Math.max(0, (width - rowW) / 2);
    for (const i of row) {
      out.push({ ...items[i]!, x: Math.round(x * 10) / 10, y: r * lineH + fontSize });
      x += widths[i]! + SPACING;
    }
  });
  return { items: out, height: rows.length * lineH };
}

/** Line height of wrapped text: 1.2 em, so that the boxes of two lines do not overlap. */
export const lineHeight = (fontSize: number) => Math.ceil(fontSize * 1.2);

/**
 * Greedy word wrap into lines of at most `room` (estimated with textWidth), at most maxLines of them; the last line
 * ends in an ellipsis when the text does not fit. A word may also break after a slash or a hyphen
 * ("BEHAVIORAL/ EMOTIONAL"); a piece still wider than the room is cut with an ellipsis.
 */
export function wrapText(text: string, room: number, fontSize: number, maxLines = 3): string[] {
  // Pieces, each with the separator that joins it to the previous one: a space, or nothing inside a word.
  const pieces = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=[/-])(?=[^/-])/).map((p, k) => ({ p, sep: k === 0 ? " " : "" })));
  const lines: string[] = [];
  let current = "";
  let i = 0;
  for (; i < pieces.length; i++) {
    const { p, sep } = pieces[i]!;
    const next = current ? `${current}${sep}${p}` : p;
    if (textWidth(next, fontSize) <= room || !current) {
      current = next;
      continue;
    }
    lines.push(current);
    current = p;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && current) {
    lines.push(current);
    i = pieces.length;
  }
  const fit = (line: string, cut: boolean) => {
    if (!cut && textWidth(line, fontSize) <= room) return line;
    let out = line;
    while (out.length > 1 && textWidth(`${out}…`, fontSize) > room) out = out.slice(0, -1);
    return `${out.trimEnd()}…`;
  };
  return lines.map((line, k) => fit(line, k === lines.length - 1 && i < pieces.length));
}

/** An entry of the key to the numbered context markers under a time chart: its number and wrapped label. */
export interface MarkerKeyEntry {
  n: number;
  lines: string[];
  /** Left edge of the number; baseline of the first line (relative to the key's top). */
  x: number;
  y: number;
  /** Left edge of the label lines. */
  textX: number;
}

/**
 * The numbered key: entries flow left to right in rows that fit the width (two or three to a row on a wide chart,
 * one on a phone), a label too long for the width wrapped under itself.
 */
export function layoutMarkerKey(
  labels: string[],
  width: number,
  fontSize: number,
): { entries: MarkerKeyEntry[]; height: number } {
  const lh = lineHeight(fontSize);
  const room = width - 16;
  const numberW = (n: number) => textWidth(`${n}`, fontSize) + 6;
  const entries: MarkerKeyEntry[] = [];
  let [x, y, rowLines] = [8, fontSize, 1];
  labels.forEach((label, i) => {
    const n = i + 1;
    const nw = numberW(n);
    const oneLine = nw + textWidth(label, fontSize);
    if (x > 8 && x + oneLine > room + 8) {
      y += rowLines * lh + 4;
      [x, rowLines] = [8, 1];
    }
    const lines = x === 8 && oneLine > room ? wrapText(label, room - nw, fontSize) : [label];
    entries.push({ n, lines, x: round1(x), y, textX: round1(x + nw) });
    rowLines = Math.max(rowLines, lines.length);
    x += Math.max(...lines.map((l) => textWidth(l, fontSize))) + nw + SPACING;
  });
  return { entries, height: labels.length ? y + (rowLines - 1) * lh + lh - fontSize + 4 : 0 };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

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

import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { area, stack } from "d3-shape";
import { formatAxis } from "./format";
import { adjacent, isWeak } from "./periods";
import { layoutLegend, type LegendItem, textWidth } from "./svg-legend";
import type { Cell, ChartData, Row } from "./types";

/**
 * Geometry of a chart drawn as plain SVG (components/chart-block/static-chart.tsx): pure, so it is unit-tested. It
 * runs in the server render and again in the browser (the chart block draws from the chart's data, so the geometry
 * is sent once, as HTML: d3 is part of chart pages' first-load JavaScript). Category bars when xKey is "group", otherwise a time axis with bars, stacks or lines, 95%
 * interval bands and context markers.
 */
export interface LayoutOptions {
  /** viewBox width; the SVG scales to its container. */
  width: number;
  /** viewBox height of time-axis charts; category bars grow with their rows. */
  height?: number;
  fontSize?: number;
  /** Room for the category labels of horizontal bars. */
  categoryLabelWidth?: number;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Tick {
  pos: number;
  label: string;
}
export interface BarGeom extends Rect {
  key: string;
  row: number;
  color: string;
  /** A partial period or a value on a small count: drawn lighter (lib/charts/periods.ts). */
  weak?: boolean;
}
export interface PathGeom {
  key: string;
  color: string;
  d: string;
}
export interface LineGeom extends PathGeom {
  /** Segments that touch a weak point (partial period or small count): drawn dashed. */
  weakD: string;
  /** weak dots are drawn open. */
  dots: { x: number; y: number; weak?: boolean }[];
}
export interface MarkerGeom {
  x: number;
  /** A dated range, drawn as a shaded band. */
  range?: { x: number; width: number };
  short: string;
  label: string;
  href?: string;
  noteId?: number;
  labelX: number;
  labelY: number;
  anchor: "start" | "end";
  /** False when the label found no free row: only the line is drawn. */
  labelled: boolean;
}
/** A labelled line across the plot at one value (ChartData.referenceLines), e.g. a rule's threshold. */
export interface ReferenceLineGeom {
  /** Position along the value axis (x for category bars, y otherwise). */
  pos: number;
  label: string;
  labelX: number;
  labelY: number;
  anchor: "start" | "end";
}
export interface ChartLayout {
  width: number;
  height: number;
  fontSize: number;
  /** Category bars: categories down the y axis, values along x. */
  horizontal: boolean;
  plot: Rect;
  /** Along the value axis (y, or x when horizontal), with gridlines. */
  valueTicks: Tick[];
  /** Category labels (thinned so they do not overlap); pos is the band or point centre. */
  categoryTicks: Tick[];
  bars: BarGeom[];
  lines: LineGeom[];
  bands: PathGeom[];
  areas: PathGeom[];
  markers: MarkerGeom[];
  referenceLines: ReferenceLineGeom[];
  legend: LegendItem[];
  /** Centre of every row's band or point along the category axis (x, or y when horizontal): for tooltips. */
  centres: number[];
}
export type { LegendItem } from "./svg-legend";

const ROW_HEIGHT = 26;
/** Coordinates to 0.1 of a unit: plenty for a viewBox, and keeps the server HTML small. */
export const round = (v: number) => Math.round(v * 10) / 10;
export const num = (v: Cell | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function layoutChart(chart: ChartData, opts: LayoutOptions): ChartLayout {
  const fontSize = opts.fontSize ?? 12;
  const horizontal = chart.xKey === "group";
  const stacked = chart.type === "stacked-bar" || chart.type === "stacked-area";
  const barType = chart.type === "bar" || chart.type === "stacked-bar";
  const rows = chart.rows;
  const categories = rows.map((r) => String(r[chart.xKey] ?? ""));
  const banded = chart.series.filter((s) => s.interval && !horizontal);

  const value = valueScale(chart, stacked, banded.length > 0);
  const format = (v: number) => formatAxis(v, chart.yFormat);
  const ticks = value.ticks(5).filter((t) => chart.yFormat !== "int" || Number.isInteger(t));
  const legendItems: Omit<LegendItem, "x" | "y">[] = chart.series.map((s) => ({
    label: s.label,
    color: s.color,
    symbol: chart.type === "line" ? "line" : "rect",
  }));
  if (banded.length) legendItems.push({ label: "95% interval", color: banded[0]!.color, symbol: "band" });
  if (rows.some((r) => chart.series.some((s) => num(r[s.key]) !== null && isWeak(r, s.key)))) {
    legendItems.push({
      label:
        chart.type === "line"
          ? "Open dot, dashed: partial period or small count"
          : "Lighter: partial period or small count",
      color: "#9aa1a9",
      symbol: chart.type === "line" ? "line" : "rect",
    });
  }

  const width = opts.width;
  const legend = layoutLegend(legendItems, width, fontSize);
  const top = 16;
  const axisLabelsH = fontSize + 12;
  const bottom = axisLabelsH + legend.height + 4;
  const valueLabelW = Math.max(...ticks.map((t) => textWidth(format(t), fontSize)), 0);
  const left = horizontal ? (opts.categoryLabelWidth ?? 150) : Math.max(40, Math.ceil(valueLabelW) + 12);
  // Room for half of the last period's label, centred on the plot's right edge (or near it).
  const right = horizontal
    ? Math.ceil(valueLabelW / 2) + 8
    : Math.max(16, Math.ceil(textWidth(categories.at(-1) ?? "", fontSize) / 2) + 4);
  const plotH = horizontal ? Math.max(200, rows.length * ROW_HEIGHT) : (opts.height ?? 320) - top - bottom;
  const height = horizontal ? top + plotH + bottom : (opts.height ?? 320);
  const plot: Rect = { x: left, y: top, width: width - left - right, height: plotH };
  const legendOut = legend.items.map((it) => ({ ...it, y: round(it.y + top + plotH + axisLabelsH + 4) }));

  // Value axis: up the plot, or along it for category bars.
  if (horizontal) value.range([plot.x, plot.x + plot.width]);
  else value.range([plot.y + plot.height, plot.y]);
  const valueTicks = ticks.map((t) => ({ pos: round(value(t)), label: format(t) }));

  // Category axis: bands for bars, points for lines and areas (as recharts does).
  const span: [number, number] = horizontal ? [plot.y, plot.y + plot.height] : [plot.x, plot.x + plot.width];
  const band = scaleBand<string>()
    .domain(categories)
    .range(span)
    .paddingInner(horizontal ? 0.2 : 0.1)
    .paddingOuter(0.05);
  const point = scalePoint<string>()
    .domain(categories)
    .range(span)
    .padding(categories.length === 1 ? 0.5 : 0);
  const usesBands = horizontal || barType;
  const centre = (c: string): number | undefined =>
    usesBands ? (band(c) === undefined ? undefined : band(c)! + band.bandwidth() / 2) : point(c);
  const at = (i: number) => centre(categories[i]!)!;

  const categoryTicks = thinCategories(categories, horizontal ? plot.height : plot.width, fontSize, horizontal).map(
    (i) => ({
      pos: round(at(i)),
      label: horizontal ? truncate(categories[i]!, (opts.categoryLabelWidth ?? 150) - 10, fontSize) : categories[i]!,
    }),
  );

  const bars: BarGeom[] = [];
  const areas: PathGeom[] = [];
  const rect = (
    key: string,
    row: number,
    color: string,
    start: number,
    from: number,
    to: number,
    thickness: number,
  ): BarGeom => {
    const [a, b] = [value(from), value(to)].sort((p, q) => p - q) as [number, number];
    return horizontal
      ? { key, row, color, x: round(a), y: round(start), width: round(b - a), height: round(thickness) }
      : { key, row, color, x: round(start), y: round(a), width: round(thickness), height: round(b - a) };
  };
  const weakBar = (bar: BarGeom): BarGeom => (isWeak(rows[bar.row]!, bar.key) ? { ...bar, weak: true } : bar);
  if (stacked) {
    const keys = chart.series.map((s) => s.key);
    const layers = stack<Row, string>()
      .keys(keys)
      .value((r, k) => num(r[k]) ?? 0)(rows);
    layers.forEach((layer, si) => {
      const s = chart.series[si]!;
      if (chart.type === "stacked-bar") {
        layer.forEach(([y0, y1], i) => {
          if (y1 !== y0) bars.push(weakBar(rect(s.key, i, s.color, band(categories[i]!)!, y0, y1, band.bandwidth())));
        });
      } else {
        const d = area<[number, number]>()
          .defined((_, i) => num(rows[i]![s.key]) !== null)
          .x((_, i) => round(at(i)))
          .y0(([y0]) => round(value(y0)))
          .y1(([, y1]) => round(value(y1)))(layer.map(([y0, y1]) => [y0, y1] as [number, number]));
        if (d) areas.push({ key: s.key, color: s.color, d });
      }
    });
  } else if (barType) {
    const inner = scaleBand<string>()
      .domain(chart.series.map((s) => s.key))
      .range([0, band.bandwidth()])
      .paddingInner(chart.series.length > 1 ? 0.1 : 0);
    rows.forEach((r, i) => {
      for (const s of chart.series) {
        const v = num(r[s.key]);
        if (v !== null)
          bars.push(weakBar(rect(s.key, i, s.color, band(categories[i]!)! + inner(s.key)!, 0, v, inner.bandwidth())));
      }
    });
  }

  const bands: PathGeom[] = banded.map((s) => {
    const { low, high } = s.interval!;
    const d = area<Row>()
      .defined((r) => num(r[low]) !== null && num(r[high]) !== null)
      .x((_, i) => round(at(i)))
      .y0((r) => round(value(num(r[low])!)))
      .y1((r) => round(value(num(r[high])!)))(rows);
    return { key: s.key, color: s.color, d: d ?? "" };
  });

  const lines: LineGeom[] =
    chart.type === "line"
      ? chart.series.map((s) => {
          const defined = rows.map((r) => num(r[s.key]) !== null);
          const weak = rows.map((r) => isWeak(r, s.key));
          const xy = (i: number) => `${round(at(i))},${round(value(num(rows[i]![s.key])!))}`;
          // Gaps at missing values and between periods that are not next to each other (a missing quarter is a gap);
          // a segment touching a partial period or a small count is drawn dashed, in its own path.
          const joined = rows.map(
            (_, i) => i > 0 && defined[i - 1]! && defined[i]! && adjacent(categories[i - 1]!, categories[i]!),
          );
          const path = (want: boolean) =>
            rows
              .map((_, i) => (joined[i] && (weak[i - 1]! || weak[i]!) === want ? `M${xy(i - 1)}L${xy(i)}` : ""))
              .join("")
              .replace(/L([\d.-]+,[\d.-]+)M\1/g, "L$1");
          const isolated = (i: number) => !joined[i] && !joined[i + 1];
          const dots = rows.flatMap((r, i) =>
            defined[i] && (rows.length <= 24 || isolated(i) || weak[i])
              ? [{ x: round(at(i)), y: round(value(num(r[s.key])!)), ...(weak[i] ? { weak: true } : {}) }]
              : [],
          );
          return { key: s.key, color: s.color, d: path(false), weakD: path(true), dots };
        })
      : [];

  const markers = horizontal ? [] : layoutMarkers(chart, { centre, band: usesBands ? band : null, plot, fontSize });
  return {
    width,
    height,
    fontSize,
    horizontal,
    plot,
    valueTicks,
    categoryTicks,
    bars,
    lines,
    bands,
    areas,
    markers,
    referenceLines: layoutReferenceLines(chart, value, plot, horizontal, fontSize),
    legend: legendOut,
    centres: rows.map((_, i) => round(at(i))),
  };

  function valueScale(c: ChartData, isStacked: boolean, withBands: boolean) {
    if (isStacked && c.yFormat === "percent") return scaleLinear().domain([0, 1]);
    // Reference lines (a threshold) stay inside the plot even when every bar is short of them.
    const values: number[] = [0, ...(c.referenceLines ?? []).map((l) => l.value)];
    for (const r of c.rows) {
      if (isStacked) values.push(c.series.reduce((sum, s) => sum + Math.max(0, num(r[s.key]) ?? 0), 0));
      else
        for (const s of c.series) {
          values.push(num(r[s.key]) ?? 0);
          if (withBands && s.interval) values.push(num(r[s.interval.low]) ?? 0, num(r[s.interval.high]) ?? 0);
        }
    }
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    return scaleLinear()
      .domain([lo, hi > lo ? hi : lo + 1])
      .nice(5);
  }
}

/**
 * Reference lines on the value axis. Category bars (horizontal): a vertical line with its label in the top margin,
 * to the right of the line unless that would run past the plot, then to its left. Time charts: a horizontal line
 * with its label just above it at the plot's right end.
 */
export function layoutReferenceLines(
  chart: Pick<ChartData, "referenceLines">,
  value: (v: number) => number,
  plot: Rect,
  horizontal: boolean,
  fontSize: number,
): ReferenceLineGeom[] {
  const labelSize = fontSize - 1;
  return (chart.referenceLines ?? []).map((l) => {
    const pos = round(value(l.value));
    if (!horizontal)
      return { pos, label: l.label, labelX: round(plot.x + plot.width - 4), labelY: round(pos - 4), anchor: "end" };
    const fits = pos + 4 + textWidth(l.label, labelSize) <= plot.x + plot.width;
    return {
      pos,
      label: l.label,
      labelX: round(fits ? pos + 4 : pos - 4),
      labelY: round(plot.y - 3),
      anchor: fits ? "start" : "end",
    };
  });
}

/** Indices of the category labels to draw: every step-th counted back from the last, so the latest period is labelled. */
export function thinCategories(labels: string[], length: number, fontSize: number, horizontal: boolean): number[] {
  const n = labels.length;
  if (n === 0) return [];
  const need = horizontal ? fontSize + 2 : Math.max(...labels.map((l) => textWidth(l, fontSize))) + 10;
  const step = Math.max(1, Math.ceil(need / (length / n)));
  return labels.map((_, i) => i).filter((i) => (n - 1 - i) % step === 0);
}

export function truncate(label: string, room: number, fontSize: number): string {
  if (textWidth(label, fontSize) <= room) return label;
  let out = label;
  while (out.length > 1 && textWidth(`${out}…`, fontSize) > room) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

interface MarkerContext {
  centre: (c: string) => number | undefined;
  band: { (c: string): number | undefined; bandwidth(): number } | null;
  plot: Rect;
  fontSize: number;
}

/**
 * Context markers on the time axis; periods outside the chart are left out. Labels go in up to three rows, each in
 * the first row (from the top) where it does not overlap a label to its left, so nearby markers (2020 has three)
 * stay legible.
 */
function layoutMarkers(chart: ChartData, { centre, band, plot, fontSize }: MarkerContext): MarkerGeom[] {
  const labelSize = fontSize - 1;
  const rowEnds = [-Infinity, -Infinity, -Infinity];
  return chart.markers
    .filter((m) => centre(m.x) !== undefined)
    .map((m) => ({ m, x: round(centre(m.x)!) }))
    .sort((a, b) => a.x - b.x)
    .map(({ m, x }) => {
      const endCentre = m.xEnd ? centre(m.xEnd) : undefined;
      const range =
        endCentre === undefined
          ? undefined
          : band
            ? { x: round(band(m.x)!), width: round(band(m.xEnd!)! + band.bandwidth() - band(m.x)!) }
            : { x, width: round(endCentre - x) };
      // A label that would run past the plot's right edge is drawn to the left of its line instead.
      const w = textWidth(m.short, labelSize);
      const fits = x + 4 + w <= plot.x + plot.width;
      const [from, to] = fits ? [x + 4, x + 4 + w] : [x - 4 - w, x - 4];
      // With no free row the label is left out (the line stays; the Sources view lists every marker) rather than
      // drawn over another one, which happens on narrow charts with several notes close together.
      const row = rowEnds.findIndex((end) => end + 4 <= from);
      if (row >= 0) rowEnds[row] = to;
      return {
        x,
        range,
        short: m.short,
        label: m.label,
        href: m.href,
        noteId: m.noteId,
        labelX: round(fits ? x + 4 : x - 4),
        labelY: round(plot.y + labelSize + Math.max(0, row) * (labelSize + 3)),
        labelled: row >= 0,
        anchor: fits ? ("start" as const) : ("end" as const),
      };
    });
}

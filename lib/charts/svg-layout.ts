import { areaPath, scaleBand, scaleLinear, scalePoint, stackLayers } from "./scales";
import { formatAxis } from "./format";
import { adjacent, isWeak } from "./periods";
import {
  layoutLegend,
  layoutMarkerKey,
  type LegendItem,
  lineHeight,
  type MarkerKeyEntry,
  textWidth,
  wrapText,
} from "./svg-legend";
import { layoutLineLabels, lineReachesNumber, numberMarkers, placeMarkers } from "./svg-markers";
import type { Cell, ChartData } from "./types";
import type { LineLabel, MarkerGeom } from "./svg-markers";

/**
 * Geometry of a chart drawn as plain SVG (components/chart-block/static-chart.tsx): pure, so it is unit-tested. It
 * runs in the server render and again in the browser (the chart block draws from the chart's data, so the geometry
 * is sent once, as HTML; its scales are scales.ts, not d3, to keep that JavaScript small). Category bars when xKey is "group",
 * otherwise a time axis with bars, stacks or lines, 95% interval bands and context markers. No label is drawn where
 * it could overlap another or the data: markers are numbered above the plot with a key under the chart, lines are
 * labelled at their ends, long category labels wrap (svg-markers.ts, svg-legend.ts).
 */
export interface LayoutOptions {
  /** viewBox width; the SVG scales to its container. */
  width: number;
  /** viewBox height of time-axis charts; category bars grow with their rows. */
  height?: number;
  fontSize?: number;
  /** Most room for the category labels of horizontal bars: the column takes what its longest label needs, up to
   * this; longer labels wrap onto more lines. */
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
  /** A category label wrapped onto lines (centred on pos, lineHeight apart). */
  lines?: string[];
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
/** A labelled line across the plot at one value (ChartData.referenceLines), e.g. a rule's threshold. */
export interface ReferenceLineGeom {
  /** Position along the value axis (x for category bars, y otherwise). */
  pos: number;
  label: string;
  labelX: number;
  labelY: number;
  anchor: "start" | "end";
}
export type { LineLabel, MarkerGeom } from "./svg-markers";
export type { MarkerKeyEntry } from "./svg-legend";
export interface ChartLayout {
  /** What is drawn, for the SVG's data-chart-type (tests measure every kind). */
  kind: ChartData["type"] | "category-bar";
  width: number;
  height: number;
  fontSize: number;
  /** Spacing of wrapped lines of text. */
  lineHeight: number;
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
  markers: (MarkerGeom & { numberY: number; lineTop: number })[];
  /** The markers' numbered labels, under the legend. */
  markerKey: MarkerKeyEntry[];
  /** Line charts: each series named at the end of its line. */
  lineLabels: LineLabel[];
  referenceLines: ReferenceLineGeom[];
  legend: LegendItem[];
  /** Centre of every row's band or point along the category axis (x, or y when horizontal): for tooltips. */
  centres: number[];
}
export type { LegendItem } from "./svg-legend";

const ROW_HEIGHT = 26;
/** Up to this many bars of named categories keep every label, wrapped under its bar, instead of every other one. */
const FEW_BARS = 8;
/** More lines than this are named in the legend: their labels would need a fan of leaders. */
const MAX_NAMED_LINES = 4;
/** Lines of a series name at its line end (a narrow margin takes about a dozen letters a line). */
export const LINE_LABEL_LINES = 4;
/** Coordinates to 0.1 of a unit: plenty for a viewBox, and keeps the server HTML small. */
export const round = (v: number) => Math.round(v * 10) / 10;
export const num = (v: Cell | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function layoutChart(chart: ChartData, opts: LayoutOptions): ChartLayout {
  const fontSize = opts.fontSize ?? 12;
  const stacked = chart.type === "stacked-bar" || chart.type === "stacked-area";
  const barType = chart.type === "bar" || chart.type === "stacked-bar";
  const rows = chart.rows;
  const categories = rows.map((r) => String(r[chart.xKey] ?? ""));
  // Categories down the y axis for "group" charts, and for a few named bars whose labels would not fit under them
  // even on three lines (a phone's width): laid sideways, each keeps its whole label.
  const horizontal = chart.xKey === "group" || (barType && crampedLabels(categories, opts.width, fontSize));
  const banded = chart.series.filter((s) => s.interval && !horizontal);

  const value = valueScale(chart, stacked, banded.length > 0);
  const valueTop = value.domain()[1]!;
  const format = (v: number) => formatAxis(v, chart.yFormat, valueTop);
  const ticks = value.ticks(5).filter((t) => chart.yFormat !== "int" || Number.isInteger(t));
  const lineChart = chart.type === "line" && !horizontal;
  const lh = lineHeight(fontSize);
  const width = opts.width;
  const axisLabelsH = fontSize + 12;
  const timePlotH = (opts.height ?? 320) - 16 - axisLabelsH - (fontSize + 8) - 4;
  // Lines are named at their ends, in a right margin as wide as the longest name needs (up to a quarter of the
  // chart), so readers need not match colours against a legend: when the names fit down the plot's height, four
  // lines at most (more make a fan of leaders); otherwise, and for bars and areas, the legend names the series.
  const lineLabelRoom = Math.min(Math.max(...chart.series.map((s) => textWidth(s.label, fontSize))), width * 0.24);
  // A name that would be cut even on four lines (a phone's margin: "Crisis contacts with a CIT-certified…") goes to
  // the legend, whole, with the others.
  const endLabels = chart.series.map((s) => wrapText(s.label, lineLabelRoom, fontSize, LINE_LABEL_LINES));
  const named =
    lineChart &&
    chart.series.length <= MAX_NAMED_LINES &&
    endLabels.every((lines) => !lines.some((l) => l.endsWith("…"))) &&
    endLabels.reduce((h, lines) => h + lines.length * lh + 3, 0) <= timePlotH;
  const legendItems: Omit<LegendItem, "x" | "y">[] = named
    ? []
    : chart.series.map((s) => ({
        label: s.label,
        color: s.color,
        symbol: lineChart ? "line" : "rect",
      }));
  if (banded.length)
    legendItems.push({
      label: "95% interval",
      color: banded[0]!.color,
      symbol: "band",
    });
  if (rows.some((r) => chart.series.some((s) => num(r[s.key]) !== null && isWeak(r, s.key)))) {
    legendItems.push({
      label: lineChart ? "Open dot, dashed: partial period or small count" : "Lighter: partial period or small count",
      color: "#9aa1a9",
      symbol: lineChart ? "line" : "rect",
    });
  }

  const legend = layoutLegend(legendItems, width, fontSize);
  const valueLabelW = Math.max(...ticks.map((t) => textWidth(format(t), fontSize)), 0);
  // Category bars: a label column as wide as the longest label needs (up to its cap), longer labels wrapped, and
  // rows tall enough for the most lines any label takes.
  const labelRoom = Math.min(
    Math.max(0, ...categories.map((c) => textWidth(c, fontSize))),
    (opts.categoryLabelWidth ?? width * 0.4) - 12,
  );
  const wrapped = horizontal ? categories.map((c) => wrapText(c, labelRoom, fontSize)) : [];
  const rowH = Math.max(ROW_HEIGHT, Math.max(1, ...wrapped.map((w) => w.length)) * lh + 10);
  const left = horizontal ? Math.ceil(labelRoom) + 12 : Math.max(40, Math.ceil(valueLabelW) + 12);
  // A few bars (outcomes, rules, eras: not a run of periods) each keep their label, wrapped within the bar's step.
  const fewBars = !horizontal && barType && categories.length > 0 && categories.length <= FEW_BARS;
  // Room for half of the last period's label, centred on the plot's right edge (or near it), or for line labels.
  const right = horizontal
    ? Math.ceil(valueLabelW / 2) + 8
    : fewBars
      ? 16
      : Math.max(16, Math.ceil(textWidth(categories.at(-1) ?? "", fontSize) / 2) + 4, named ? lineLabelRoom + 14 : 0);
  const plotW = width - left - right;
  const stepRoom = plotW / Math.max(1, categories.length) - 8;
  const catLines =
    fewBars && categories.some((c) => textWidth(c, fontSize) > stepRoom)
      ? categories.map((c) => wrapText(c, stepRoom, fontSize, 3))
      : null;
  const extraLinesH = catLines ? (Math.max(...catLines.map((l) => l.length)) - 1) * lh : 0;

  // Category axis: bands for bars, points for lines and areas (the usual charting convention). Time charts run along x whatever
  // the plot's height; category bars down from the fixed top.
  const plotH = horizontal ? Math.max(2, rows.length) * rowH : timePlotH - extraLinesH;
  const span: [number, number] = horizontal ? [16, 16 + plotH] : [left, left + plotW];
  const band = scaleBand()
    .domain(categories)
    .range(span)
    .paddingInner(horizontal ? 0.2 : 0.1)
    .paddingOuter(0.05);
  const point = scalePoint()
    .domain(categories)
    .range(span)
    .padding(categories.length === 1 ? 0.5 : 0);
  const usesBands = horizontal || barType;
  const centre = (c: string): number | undefined =>
    usesBands ? (band(c) === undefined ? undefined : band(c)! + band.bandwidth() / 2) : point(c);
  const at = (i: number) => centre(categories[i]!)!;

  // Markers' numbers take rows above the plot, so the plot starts under them.
  const numbered = horizontal
    ? { markers: [], rows: 0 }
    : numberMarkers(placeMarkers(chart, centre, usesBands ? band : null), width, fontSize);
  const top = numbered.rows ? numbered.rows * (lh + 1) + 8 : 16;
  const plot: Rect = { x: left, y: top, width: plotW, height: plotH };
  const legendTop = top + plotH + axisLabelsH + extraLinesH + 4;
  const legendOut = legend.items.map((it) => ({ ...it, y: round(it.y + legendTop) }));
  const key = layoutMarkerKey(
    numbered.markers.map((m) => m.label),
    width,
    fontSize,
  );
  const keyTop = legendTop + legend.height + (legend.height ? 6 : 2);
  const markerKey = key.entries.map((e) => ({ ...e, y: round(e.y + keyTop) }));
  const height = Math.ceil(keyTop + key.height + 4);
  const markers = numbered.markers.map((m) => {
    const numberY = round(top - 6 - m.row * (lh + 1));
    const reaches = lineReachesNumber(m, numbered.markers, fontSize);
    return {
      ...m,
      numberY,
      lineTop: reaches ? round(numberY + fontSize * 0.3) : plot.y,
    };
  });

  // Value axis: up the plot, or along it for category bars.
  if (horizontal) value.range([plot.x, plot.x + plot.width]);
  else value.range([plot.y + plot.height, plot.y]);
  // Category bars write their values along x: on a narrow plot, fewer of them, so that no two labels touch.
  const integral = (t: number) => chart.yFormat !== "int" || Number.isInteger(t);
  const apart = (ts: number[]) =>
    ts.every(
      (t, i) =>
        i === 0 ||
        Math.abs(value(t) - value(ts[i - 1]!)) >=
          (textWidth(format(t), fontSize) + textWidth(format(ts[i - 1]!), fontSize)) / 2 + 8,
    );
  const shown = !horizontal
    ? ticks
    : ([5, 4, 3, 2].map((n) => value.ticks(n).filter(integral)).find(apart) ?? value.ticks(2).filter(integral));
  const valueTicks = shown.map((t) => ({ pos: round(value(t)), label: format(t) }));

  const categoryTicks: Tick[] = horizontal
    ? categories.map((c, i) => ({ pos: round(at(i)), label: c, lines: wrapped[i]! }))
    : catLines
      ? categories.map((c, i) => ({ pos: round(at(i)), label: c, lines: catLines[i]! }))
      : thinCategories(categories, plot.width, fontSize, false).map((i) => ({
          pos: round(at(i)),
          label: categories[i]!,
        }));

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
      ? {
          key,
          row,
          color,
          x: round(a),
          y: round(start),
          width: round(b - a),
          height: round(thickness),
        }
      : {
          key,
          row,
          color,
          x: round(start),
          y: round(a),
          width: round(thickness),
          height: round(b - a),
        };
  };
  const weakBar = (bar: BarGeom): BarGeom => (isWeak(rows[bar.row]!, bar.key) ? { ...bar, weak: true } : bar);
  if (stacked) {
    const keys = chart.series.map((s) => s.key);
    const layers = stackLayers(rows, keys, (r, k) => num(r[k]) ?? 0);
    layers.forEach((layer, si) => {
      const s = chart.series[si]!;
      if (chart.type === "stacked-bar") {
        layer.forEach(([y0, y1], i) => {
          if (y1 !== y0) bars.push(weakBar(rect(s.key, i, s.color, band(categories[i]!)!, y0, y1, band.bandwidth())));
        });
      } else {
        const d = areaPath(
          layer,
          (_, i) => num(rows[i]![s.key]) !== null,
          (_, i) => round(at(i)),
          ([y0]) => round(value(y0)),
          ([, y1]) => round(value(y1)),
        );
        if (d) areas.push({ key: s.key, color: s.color, d });
      }
    });
  } else if (barType) {
    const inner = scaleBand()
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
    const d = areaPath(
      rows,
      (r) => num(r[low]) !== null && num(r[high]) !== null,
      (_, i) => round(at(i)),
      (r) => round(value(num(r[low])!)),
      (r) => round(value(num(r[high])!)),
    );
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
              ? [
                  {
                    x: round(at(i)),
                    y: round(value(num(r[s.key])!)),
                    ...(weak[i] ? { weak: true } : {}),
                  },
                ]
              : [],
          );
          return {
            key: s.key,
            color: s.color,
            d: path(false),
            weakD: path(true),
            dots,
          };
        })
      : [];

  // Each line's label beside its last point, in the right margin.
  const lineLabels = layoutLineLabels(
    (named ? lines : []).flatMap((ln, si) => {
      const s = chart.series[si]!;
      const last = rows.findLastIndex((r) => num(r[s.key]) !== null);
      return last < 0
        ? []
        : [
            {
              key: s.key,
              color: s.color,
              label: s.label,
              x: round(at(last)),
              y: round(value(num(rows[last]![s.key])!)),
            },
          ];
    }),
    {
      x: plot.x + plot.width + 12,
      room: lineLabelRoom,
      maxLines: LINE_LABEL_LINES,
      top: plot.y,
      bottom: plot.y + plot.height,
      fontSize,
    },
  );
  return {
    kind: horizontal ? "category-bar" : chart.type,
    width,
    height,
    fontSize,
    lineHeight: lh,
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
    markerKey,
    lineLabels,
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
      return {
        pos,
        label: l.label,
        labelX: round(plot.x + plot.width - 4),
        labelY: round(pos - 4),
        anchor: "end",
      };
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

/** Whether a few bars' labels, wrapped onto three lines under their bars, would still be cut. */
function crampedLabels(categories: string[], width: number, fontSize: number): boolean {
  if (categories.length === 0 || categories.length > FEW_BARS) return false;
  // The plot is the width less the value axis (at least 40) and the right margin (16).
  const room = (width - 56) / categories.length - 8;
  return categories.some((c) => wrapText(c, room, fontSize, 3).some((line) => line.endsWith("…")));
}

/** Indices of the category labels to draw: every step-th counted back from the last, so the latest period is labelled. */
export function thinCategories(labels: string[], length: number, fontSize: number, horizontal: boolean): number[] {
  const n = labels.length;
  if (n === 0) return [];
  const need = horizontal ? fontSize + 2 : Math.max(...labels.map((l) => textWidth(l, fontSize))) + 10;
  const step = Math.max(1, Math.ceil(need / (length / n)));
  return labels.map((_, i) => i).filter((i) => (n - 1 - i) % step === 0);
}

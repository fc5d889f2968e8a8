import { describe, expect, it } from "vitest";
import { layoutLegend, textWidth } from "@/lib/charts/svg-legend";
import { layoutChart, thinCategories, truncate } from "@/lib/charts/svg-layout";
import type { ChartData, Marker, Row, SeriesSpec } from "@/lib/charts/types";

function chart(over: Partial<ChartData> & Pick<ChartData, "type" | "rows" | "series">): ChartData {
  return {
    id: "t",
    title: "T",
    takeaway: "",
    xKey: "period",
    xLabel: "year",
    yLabel: "",
    yFormat: "int",
    columns: [],
    definitions: [],
    notes: [],
    sources: [],
    markers: [],
    smallCountThreshold: 10,
    unstableCells: 0,
    methodologyHref: "",
    explainerHref: "",
    csvHref: "",
    permalink: "",
    ...over,
  };
}
const blue: SeriesSpec = { key: "n", label: "Contacts", color: "#1f5fa8" };
const years = (values: (number | null)[], key = "n"): Row[] =>
  values.map((v, i) => ({ period: String(2016 + i), [key]: v }));
/** The subpaths of an SVG path: one per unbroken run of points. */
const runs = (d: string) =>
  d
    .split("M")
    .filter(Boolean)
    .map((run) => run.split("L").map((pt) => pt.split(",").map(Number)));
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.11);

describe("server-drawn chart layout: value axis", () => {
  const l = layoutChart(chart({ type: "bar", series: [blue], rows: years([10, 20, null, 40]) }), {
    width: 400,
    height: 300,
  });
  const base = l.plot.y + l.plot.height;

  it("scales values linearly from zero to a nice maximum, with ticks at round numbers", () => {
    expect(l.valueTicks.map((t) => t.label)).toEqual(["0", "10", "20", "30", "40"]);
    close(l.valueTicks[0]!.pos, base);
    close(l.valueTicks[4]!.pos, l.plot.y);
    close(l.valueTicks[2]!.pos, l.plot.y + l.plot.height / 2);
  });

  it("draws one bar per known value, none for a withheld one, from the baseline to the value", () => {
    expect(l.bars.map((b) => b.row)).toEqual([0, 1, 3]);
    const [b10, b20, b40] = l.bars as [(typeof l.bars)[0], (typeof l.bars)[0], (typeof l.bars)[0]];
    for (const b of l.bars) close(b.y + b.height, base);
    close(b40.height, l.plot.height);
    close(b20.height, l.plot.height / 2);
    close(b10.height, l.plot.height / 4);
    // equal bands: rows 1 to 3 are twice as far apart as rows 0 to 1
    close(b40.x - b20.x, 2 * (b20.x - b10.x));
    expect(b10.width).toBeGreaterThan(0);
    close(b10.width, b40.width);
  });

  it("labels every period that fits, and always the latest", () => {
    expect(l.categoryTicks.map((t) => t.label)).toEqual(["2016", "2017", "2018", "2019"]);
    close(l.categoryTicks[1]!.pos, l.bars[1]!.x + l.bars[1]!.width / 2);
    const many = Array.from({ length: 40 }, (_, i) => `${2010 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
    const kept = thinCategories(many, 300, 12, false);
    expect(kept.at(-1)).toBe(39);
    expect(kept.length).toBeLessThan(many.length);
    expect(new Set(kept.slice(1).map((k, i) => k - kept[i]!)).size).toBe(1);
  });

  it("formats the axis like the recharts view (formatAxis) and keeps whole-number ticks for counts", () => {
    const pct = layoutChart(chart({ type: "line", yFormat: "percent", series: [blue], rows: years([0.012, 0.031]) }), {
      width: 400,
    });
    expect(pct.valueTicks.map((t) => t.label)).toEqual(["0%", "0.5%", "1%", "1.5%", "2%", "2.5%", "3%", "3.5%"]);
    const small = layoutChart(chart({ type: "bar", series: [blue], rows: years([1, 3]) }), { width: 400 });
    expect(small.valueTicks.map((t) => t.label)).toEqual(["0", "1", "2", "3"]);
    const big = layoutChart(chart({ type: "bar", series: [blue], rows: years([12_000, 48_500]) }), { width: 400 });
    expect(big.valueTicks.map((t) => t.label)).toEqual(["0", "10k", "20k", "30k", "40k", "50k"]);
  });
});

describe("server-drawn chart layout: lines and intervals", () => {
  const rate: SeriesSpec = {
    key: "r",
    label: "Share with force",
    color: "#b2182b",
    interval: { low: "lo", high: "hi" },
  };
  const rows: Row[] = [0.1, 0.2, null, 0.4, 0.3].map((r, i) => ({
    period: String(2016 + i),
    r,
    lo: r === null ? null : r - 0.05,
    hi: r === null ? null : r + 0.05,
  }));
  const l = layoutChart(chart({ type: "line", yFormat: "percent", series: [rate], rows }), { width: 500, height: 300 });

  it("puts the points on the category positions, first and last at the plot's edges", () => {
    const [first, second] = runs(l.lines[0]!.d);
    expect(first!.map(([x]) => x)).toEqual([l.plot.x, l.plot.x + l.plot.width / 4].map((v) => Math.round(v * 10) / 10));
    close(second!.at(-1)![0]!, l.plot.x + l.plot.width);
  });

  it("breaks the line at a withheld value instead of joining across it", () => {
    const parts = runs(l.lines[0]!.d);
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.length)).toEqual([2, 2]);
    expect(l.lines[0]!.dots).toHaveLength(4);
  });

  it("draws the 95% band around the line, broken at the same gap, and names it in the legend", () => {
    expect(l.bands).toHaveLength(1);
    const band = runs(l.bands[0]!.d.replaceAll("Z", ""));
    expect(band).toHaveLength(2);
    const ys = band.flat().map(([, y]) => y!);
    const lineYs = runs(l.lines[0]!.d)
      .flat()
      .map(([, y]) => y!);
    expect(Math.min(...ys)).toBeLessThan(Math.min(...lineYs));
    expect(Math.max(...ys)).toBeGreaterThan(Math.max(...lineYs));
    // the scale covers the interval, not just the estimate: 0.45 is inside the nice domain
    expect(l.valueTicks.at(-1)!.label).toBe("50%");
    expect(l.legend.map((e) => [e.label, e.symbol])).toEqual([
      ["Share with force", "line"],
      ["95% interval", "band"],
    ]);
  });

  it("keeps a dot on a lone point between gaps when a long series has no dots", () => {
    const long = Array.from({ length: 30 }, (_, i) => (i === 10 ? 5 : i === 9 || i === 11 ? null : 3));
    const ll = layoutChart(chart({ type: "line", series: [blue], rows: years(long) }), { width: 600 });
    expect(ll.lines[0]!.dots).toHaveLength(1);
    // two runs of line; the lone point is its dot (a path of one point draws nothing)
    expect(runs(ll.lines[0]!.d)).toHaveLength(2);
  });

  it("never joins periods that are not next to each other (a missing year is a gap)", () => {
    const rows: Row[] = [2016, 2017, 2019, 2020].map((y) => ({ period: String(y), n: 5 }));
    const ll = layoutChart(chart({ type: "line", series: [blue], rows }), { width: 600 });
    expect(runs(ll.lines[0]!.d)).toHaveLength(2);
  });

  it("draws partial periods and small-count values as weak: dashed segments, open dots, lighter bars, a legend entry", () => {
    const rows: Row[] = [
      { period: "2016", n: 30, coverage: "partial", unstable: "" },
      { period: "2017", n: 40, coverage: "complete", unstable: "" },
      { period: "2018", n: 42, coverage: "complete", unstable: "" },
      { period: "2019", n: 4, coverage: "complete", unstable: "n" },
    ];
    const ll = layoutChart(chart({ type: "line", series: [blue], rows }), { width: 600 });
    expect(runs(ll.lines[0]!.d)).toHaveLength(1); // 2017-2018 only
    expect(runs(ll.lines[0]!.weakD)).toHaveLength(2); // 2016-2017 and 2018-2019
    expect(ll.lines[0]!.dots.filter((d) => d.weak)).toHaveLength(2);
    expect(ll.legend.map((e) => e.label)).toContain("Open dot, dashed: partial period or small count");
    const bars = layoutChart(chart({ type: "bar", series: [blue], rows }), { width: 600 });
    expect(bars.bars.map((b) => Boolean(b.weak))).toEqual([true, false, false, true]);
  });
});

describe("server-drawn chart layout: stacks", () => {
  const keys = ["a", "b", "c"];
  const series = keys.map((key, i) => ({ key, label: key.toUpperCase(), color: ["#111", "#222", "#333"][i]! }));
  const rows: Row[] = [
    { period: "2019", a: 0.5, b: 0.3, c: 0.2 },
    { period: "2020", a: 0.25, b: null, c: 0.25 },
  ];

  it("stacks shares to their sum on a 0-100% axis, in series order, skipping withheld parts", () => {
    const l = layoutChart(chart({ type: "stacked-bar", yFormat: "percent", series, rows }), {
      width: 400,
      height: 300,
    });
    const base = l.plot.y + l.plot.height;
    expect(l.valueTicks.at(-1)!.label).toBe("100%");
    const first = l.bars.filter((b) => b.row === 0);
    expect(first.map((b) => b.key)).toEqual(keys);
    close(first[0]!.y + first[0]!.height, base);
    for (let i = 1; i < first.length; i++) close(first[i]!.y + first[i]!.height, first[i - 1]!.y);
    close(
      first.reduce((s, b) => s + b.height, 0),
      l.plot.height,
    );
    close(first[0]!.height, l.plot.height / 2);
    const second = l.bars.filter((b) => b.row === 1);
    expect(second.map((b) => b.key)).toEqual(["a", "c"]);
    close(
      second.reduce((s, b) => s + b.height, 0),
      l.plot.height / 2,
    );
  });

  it("stacks counts to a nice maximum over the row totals", () => {
    const counts: Row[] = [
      { period: "2019", a: 30, b: 50, c: 0 },
      { period: "2020", a: 20, b: 10, c: 5 },
    ];
    const l = layoutChart(chart({ type: "stacked-bar", series, rows: counts }), { width: 400, height: 300 });
    expect(l.valueTicks.at(-1)!.label).toBe("80");
    const top = Math.min(...l.bars.filter((b) => b.row === 0).map((b) => b.y));
    close(top, l.plot.y);
    expect(l.bars.filter((b) => b.row === 0)).toHaveLength(2);
  });

  it("stacked areas: each layer's upper edge is the running total", () => {
    const counts: Row[] = [
      { period: "2019", a: 10, b: 10, c: 20 },
      { period: "2020", a: 20, b: 10, c: 10 },
    ];
    const l = layoutChart(chart({ type: "stacked-area", series, rows: counts }), { width: 400, height: 300 });
    expect(l.areas.map((a) => a.key)).toEqual(keys);
    const y = (v: number) => l.plot.y + l.plot.height * (1 - v / 40);
    const top = runs(l.areas[2]!.d.replaceAll("Z", ""))[0]!;
    close(top[0]![1]!, y(40));
    close(top[1]![1]!, y(40));
    const middle = runs(l.areas[1]!.d.replaceAll("Z", ""))[0]!;
    close(middle[0]![1]!, y(20));
    close(middle[1]![1]!, y(30));
  });
});

describe("server-drawn chart layout: category bars", () => {
  const groups = Array.from({ length: 30 }, (_, i) => ({
    group: `Call type number ${i} with a rather long name`,
    n: 100 + i,
  }));
  const l = layoutChart(chart({ type: "bar", xKey: "group", series: [blue], rows: groups }), {
    width: 600,
    categoryLabelWidth: 150,
  });

  it("runs horizontally, one row per group, and grows with the rows", () => {
    expect(l.horizontal).toBe(true);
    expect(l.plot.height).toBeGreaterThanOrEqual(30 * 26);
    expect(l.height).toBeGreaterThan(l.plot.height);
    expect(l.bars).toHaveLength(30);
    for (const b of l.bars) close(b.x, l.plot.x);
    expect(l.bars[29]!.width).toBeGreaterThan(l.bars[0]!.width);
    expect(l.bars[1]!.y).toBeGreaterThan(l.bars[0]!.y);
    // values along the bottom
    close(l.valueTicks[0]!.pos, l.plot.x);
    expect(l.markers).toEqual([]);
  });

  it("labels every row, shortened with an ellipsis to fit the label column", () => {
    expect(l.categoryTicks).toHaveLength(30);
    expect(l.categoryTicks[0]!.label.endsWith("…")).toBe(true);
    expect(textWidth(l.categoryTicks[0]!.label, 12)).toBeLessThanOrEqual(140);
    expect(truncate("Welfare check", 140, 12)).toBe("Welfare check");
  });

  it("draws no interval bands on category bars (the table lists them)", () => {
    const s: SeriesSpec = { ...blue, interval: { low: "lo", high: "hi" } };
    const ll = layoutChart(
      chart({ type: "bar", xKey: "group", series: [s], rows: [{ group: "A", n: 1, lo: 0.5, hi: 2 }] }),
      { width: 600 },
    );
    expect(ll.bands).toEqual([]);
  });

  it("places several series side by side within a row", () => {
    const two = [blue, { key: "m", label: "Other", color: "#b35806" }];
    const ll = layoutChart(chart({ type: "bar", xKey: "group", series: two, rows: [{ group: "A", n: 2, m: 4 }] }), {
      width: 600,
    });
    const [a, b] = ll.bars as [(typeof ll.bars)[0], (typeof ll.bars)[0]];
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    close(b.width, 2 * a.width);
  });
});

describe("server-drawn chart layout: markers", () => {
  const rows = years([5, 6, 7, 8, 9]);
  const m = (x: string, short: string, extra: Partial<Marker> = {}): Marker => ({
    x,
    short,
    label: `${short}: full`,
    kind: "context",
    ...extra,
  });

  it("puts a marker on its period and leaves out periods that are not on the chart", () => {
    const l = layoutChart(
      chart({
        type: "line",
        series: [blue],
        rows,
        markers: [m("2018", "Mid", { href: "/notes#note-3", noteId: 3 }), m("2031", "Later")],
      }),
      { width: 500 },
    );
    expect(l.markers).toHaveLength(1);
    close(l.markers[0]!.x, l.plot.x + l.plot.width / 2);
    expect(l.markers[0]).toMatchObject({
      short: "Mid",
      label: "Mid: full",
      href: "/notes#note-3",
      noteId: 3,
      anchor: "start",
    });
  });

  it("on bars, lines sit on the bar's centre and a dated range covers whole bars", () => {
    const l = layoutChart(chart({ type: "bar", series: [blue], rows, markers: [m("2017", "A", { xEnd: "2019" })] }), {
      width: 500,
    });
    const [b1, , b3] = l.bars.slice(1) as [(typeof l.bars)[0], (typeof l.bars)[0], (typeof l.bars)[0]];
    close(l.markers[0]!.x, b1.x + b1.width / 2);
    const r = l.markers[0]!.range!;
    expect(r.x).toBeLessThanOrEqual(b1.x);
    expect(r.x + r.width).toBeGreaterThanOrEqual(b3.x + b3.width - 0.1);
  });

  it("staggers nearby labels in different rows and turns a label at the right edge to the left", () => {
    const l = layoutChart(
      chart({
        type: "line",
        series: [blue],
        rows,
        markers: [m("2017", "Protests"), m("2017", "COVID-19"), m("2018", "CIT training"), m("2020", "Late note")],
      }),
      { width: 500 },
    );
    const [p, c, t, late] = l.markers as [
      (typeof l.markers)[0],
      (typeof l.markers)[0],
      (typeof l.markers)[0],
      (typeof l.markers)[0],
    ];
    expect(new Set([p.labelY, c.labelY]).size).toBe(2);
    expect(t.labelY).not.toBe(c.labelY);
    expect(late.anchor).toBe("end");
    expect(late.labelX).toBeLessThan(late.x);
    expect(l.markers.every((mk) => mk.labelled)).toBe(true);
  });

  it("leaves out a label that finds no free row rather than drawing it over another, and keeps its line", () => {
    const crowded = ["First note", "Second note", "Third note", "Fourth note", "Fifth note"].map((s) => m("2018", s));
    const l = layoutChart(chart({ type: "line", series: [blue], rows, markers: crowded }), { width: 400 });
    expect(l.markers).toHaveLength(5);
    expect(l.markers.filter((mk) => mk.labelled)).toHaveLength(3);
    const shown = l.markers.filter((mk) => mk.labelled);
    expect(new Set(shown.map((mk) => mk.labelY)).size).toBe(3);
  });
});

describe("legend", () => {
  it("centres entries and wraps them into rows that fit the width without overlapping", () => {
    const items = ["Arrest", "Emergent detention", "Referral to services", "No action", "Not recorded"].map(
      (label) => ({ label, color: "#000", symbol: "rect" as const }),
    );
    const wide = layoutLegend(items, 760, 12);
    expect(wide.height).toBe(20);
    const narrow = layoutLegend(items, 300, 12);
    expect(narrow.height).toBeGreaterThan(20);
    for (const [legend, width] of [
      [wide, 760],
      [narrow, 300],
    ] as const) {
      for (const y of new Set(legend.items.map((it) => it.y))) {
        const row = legend.items.filter((it) => it.y === y);
        const end = (it: (typeof row)[0]) => it.x + 17 + textWidth(it.label, 12);
        for (let i = 1; i < row.length; i++) expect(row[i]!.x).toBeGreaterThan(end(row[i - 1]!));
        expect(end(row.at(-1)!)).toBeLessThanOrEqual(width);
        expect(Math.abs(row[0]!.x - (width - end(row.at(-1)!)))).toBeLessThan(1);
      }
    }
  });
});

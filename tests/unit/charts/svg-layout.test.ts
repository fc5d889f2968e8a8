import { describe, expect, it } from "vitest";
import { layoutLegend, textWidth } from "@/lib/charts/svg-legend";
import { layoutChart, thinCategories } from "@/lib/charts/svg-layout";
import type { ChartData, Row, SeriesSpec } from "@/lib/charts/types";

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
    // One axis never mixes "8,000" with "10k": from 10,000 up, every label is in thousands.
    const mixed = layoutChart(chart({ type: "bar", series: [blue], rows: years([3_000, 9_200]) }), { width: 400 });
    expect(mixed.valueTicks.map((t) => t.label)).toEqual(["0", "2k", "4k", "6k", "8k", "10k"]);
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

  it("draws the 95% band around the line, broken at the same gap, and names it in the legend (the line is named at its end)", () => {
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
    expect(l.legend.map((e) => [e.label, e.symbol])).toEqual([["95% interval", "band"]]);
    expect(l.lineLabels.map((lb) => lb.lines.join(" "))).toEqual(["Share with force"]);
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

  it("sizes the label column from its longest label, up to its cap, and wraps longer labels onto rows tall enough", () => {
    expect(l.categoryTicks).toHaveLength(30);
    const lines = l.categoryTicks[0]!.lines!;
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("Call type number 0 with a rather long name");
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(150 - 12);
    expect(l.plot.x).toBeLessThanOrEqual(150);
    // rows hold every line of their label: consecutive labels never overlap
    const rowGap = l.categoryTicks[1]!.pos - l.categoryTicks[0]!.pos;
    expect(rowGap).toBeGreaterThanOrEqual(lines.length * l.lineHeight);
    // short labels: a column just wide enough, one line each, no wasted room
    const short = layoutChart(
      chart({
        type: "bar",
        xKey: "group",
        series: [blue],
        rows: [
          { group: "Arrest", n: 3 },
          { group: "Referral", n: 4 },
        ],
      }),
      { width: 600, categoryLabelWidth: 150 },
    );
    expect(short.plot.x).toBe(Math.ceil(textWidth("Referral", 12)) + 12);
    expect(short.categoryTicks.map((t) => t.lines)).toEqual([["Arrest"], ["Referral"]]);
    expect(short.plot.height).toBe(2 * 26);
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

import { describe, expect, it } from "vitest";
import { layoutChart } from "@/lib/charts/svg-layout";
import { layoutMarkerKey, lineHeight, textWidth, wrapText } from "@/lib/charts/svg-legend";
import { layoutLineLabels } from "@/lib/charts/svg-markers";
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
const rows: Row[] = [5, 6, 7, 8, 9].map((n, i) => ({ period: String(2016 + i), n }));
const m = (x: string, short: string, extra: Partial<Marker> = {}): Marker => ({
  x,
  short,
  label: `${short}: full`,
  kind: "context",
  ...extra,
});
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.11);
/** Estimated text boxes (as the layout measures them): left, right, top, bottom. */
type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3];
const noneOverlap = (boxes: Box[]) => {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${i} / ${j}`).toBe(false);
};

describe("markers: numbered on the axis, labelled in a key", () => {
  it("puts a marker on its period, leaves out periods not on the chart, and keys it with its full label and period", () => {
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
      n: 1,
      short: "Mid",
      label: "Mid: full (2018)",
      href: "/notes#note-3",
      noteId: 3,
    });
    expect(l.markerKey.map((e) => [e.n, e.lines.join(" ")])).toEqual([[1, "Mid: full (2018)"]]);
    // the number sits above the plot, on its line; the key under the legend, inside the chart
    expect(l.markers[0]!.numberY).toBeLessThan(l.plot.y);
    close(l.markers[0]!.numberX, l.markers[0]!.x);
    expect(l.markerKey[0]!.y).toBeGreaterThan(l.plot.y + l.plot.height + 12);
    expect(l.markerKey[0]!.y).toBeLessThan(l.height);
  });

  it("on bars, lines sit on the bar's centre and a dated range covers whole bars (its period range in the key)", () => {
    const l = layoutChart(chart({ type: "bar", series: [blue], rows, markers: [m("2017", "A", { xEnd: "2019" })] }), {
      width: 500,
    });
    const [b1, , b3] = l.bars.slice(1) as [(typeof l.bars)[0], (typeof l.bars)[0], (typeof l.bars)[0]];
    close(l.markers[0]!.x, b1.x + b1.width / 2);
    const r = l.markers[0]!.range!;
    expect(r.x).toBeLessThanOrEqual(b1.x);
    expect(r.x + r.width).toBeGreaterThanOrEqual(b3.x + b3.width - 0.1);
    expect(l.markers[0]!.label).toBe("A: full (2017–2019)");
  });

  it("numbers every marker, even five on one period, in rows above the plot where no two numbers touch", () => {
    const crowded = ["First", "Second", "Third", "Fourth", "Fifth"].map((s) => m("2018", s));
    const wide = layoutChart(chart({ type: "line", series: [blue], rows, markers: [m("2016", "Early"), ...crowded] }), {
      width: 400,
      fontSize: 14,
    });
    expect(wide.markers.map((mk) => mk.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(wide.markerKey).toHaveLength(6);
    const fs = 14;
    const numberBoxes = wide.markers.map((mk): Box => [
      mk.numberX - textWidth(String(mk.n), fs) / 2,
      mk.numberX + textWidth(String(mk.n), fs) / 2,
      mk.numberY - fs * 0.9,
      mk.numberY + fs * 0.25,
    ]);
    noneOverlap(numberBoxes);
    for (const b of numberBoxes) {
      expect(b[3]).toBeLessThanOrEqual(wide.plot.y);
      expect(b[2]).toBeGreaterThanOrEqual(0);
      expect(b[0]).toBeGreaterThanOrEqual(0);
      expect(b[1]).toBeLessThanOrEqual(400);
    }
    // the numbers stacked over the crowded period: only the lowest one's line rises to it
    const stacked = wide.markers.filter((mk) => mk.x === wide.markers[1]!.x);
    expect(stacked.filter((mk) => mk.lineTop < wide.plot.y)).toHaveLength(1);
    // without markers the plot starts higher: the rows are taken from the top
    const plain = layoutChart(chart({ type: "line", series: [blue], rows }), { width: 400, fontSize: 14 });
    expect(plain.plot.y).toBeLessThan(wide.plot.y);
    expect(plain.plot.height).toBe(wide.plot.height);
  });

  it("lays out the key in rows that fit the width, wrapping a label too long for a phone", () => {
    const labels = [
      "Settlement Agreement (consent decree) with the U.S. Department of Justice (2012)",
      "COVID-19 (2020-Q1)",
      "Protests after the murder of George Floyd (2020-Q2)",
    ];
    for (const [width, fs] of [
      [760, 12],
      [400, 14],
    ] as const) {
      const key = layoutMarkerKey(labels, width, fs);
      expect(key.entries.map((e) => e.lines.join(" "))).toEqual(labels);
      const lh = lineHeight(fs);
      const boxes = key.entries.flatMap((e) =>
        e.lines.map((line, k): Box => [
          e.x,
          e.textX + textWidth(line, fs),
          e.y + k * lh - fs * 0.9,
          e.y + k * lh + fs * 0.25,
        ]),
      );
      noneOverlap(boxes);
      for (const b of boxes) expect(b[1]).toBeLessThanOrEqual(width - 8);
      expect(key.height).toBeGreaterThanOrEqual(Math.max(...boxes.map((b) => b[3])));
    }
    expect(layoutMarkerKey(labels, 400, 14).entries[0]!.lines.length).toBeGreaterThan(1);
    expect(layoutMarkerKey([], 400, 14)).toEqual({ entries: [], height: 0 });
  });
});

describe("line labels at the ends of the lines", () => {
  it("names each line beside its last point, in a right margin clear of the plot", () => {
    const two: SeriesSpec[] = [blue, { key: "k", label: "Referrals to services", color: "#b35806" }];
    const data: Row[] = rows.map((r, i) => ({ ...r, k: i < 4 ? 3 : null }));
    const l = layoutChart(chart({ type: "line", series: two, rows: data }), { width: 400, fontSize: 14 });
    expect(l.lineLabels.map((lb) => lb.key).sort()).toEqual(["k", "n"]);
    for (const lb of l.lineLabels) expect(lb.x).toBeGreaterThan(l.plot.x + l.plot.width);
    const k = l.lineLabels.find((lb) => lb.key === "k")!;
    // a line that stops early is named at its own last point, joined to it by the leader
    close(k.fromX, l.lines[1]!.dots.at(-1)!.x);
    expect(l.legend).toEqual([]);
    // a long name wraps whole in the narrow margin
    const one = layoutChart(
      chart({ type: "line", series: [{ ...blue, label: "Crisis contacts referred to services" }], rows }),
      { width: 400, fontSize: 14 },
    );
    expect(one.lineLabels[0]!.lines.join(" ")).toBe("Crisis contacts referred to services");
    // bars keep their legend and have no line labels
    expect(layoutChart(chart({ type: "bar", series: two, rows: data }), { width: 400 }).lineLabels).toEqual([]);
  });

  it("names more than four lines in the legend instead: their labels would need a fan of leaders", () => {
    const many: SeriesSpec[] = ["a", "b", "c", "d", "e"].map((key) => ({ key, label: `Group ${key}`, color: "#000" }));
    const data: Row[] = rows.map((r) => ({ period: r.period!, a: 1, b: 2, c: 3, d: 4, e: 5 }));
    const l = layoutChart(chart({ type: "line", series: many, rows: data }), { width: 400, fontSize: 14 });
    expect(l.lineLabels).toEqual([]);
    expect(l.legend.map((e) => [e.label, e.symbol])).toEqual(many.map((s) => [s.label, "line"]));
    const four = layoutChart(chart({ type: "line", series: many.slice(0, 4), rows: data }), {
      width: 400,
      fontSize: 14,
    });
    expect(four.lineLabels).toHaveLength(4);
  });

  it("moves labels of lines that end close together apart, in order, inside the plot's height", () => {
    const ends = ["A", "B long enough to wrap onto a second line", "C"].map((label, i) => ({
      key: label[0]!,
      color: "#000",
      label,
      x: 300,
      y: 100 + i,
    }));
    const lh = lineHeight(14);
    const out = layoutLineLabels(ends, { x: 310, room: 90, top: 20, bottom: 220, fontSize: 14 });
    expect(out.map((o) => o.key)).toEqual(["A", "B", "C"]);
    expect(out[1]!.lines.length).toBeGreaterThan(1);
    for (let i = 1; i < out.length; i++)
      expect(out[i]!.y - lh / 2).toBeGreaterThanOrEqual(out[i - 1]!.y + (out[i - 1]!.lines.length - 0.5) * lh);
    // crowded at the bottom: pushed back up so the last stays within the plot
    const low = layoutLineLabels(
      ends.map((e) => ({ ...e, y: 219 })),
      { x: 310, room: 90, top: 20, bottom: 220, fontSize: 14 },
    );
    const last = low.at(-1)!;
    expect(last.y + (last.lines.length - 0.5) * lh).toBeLessThanOrEqual(220 + 0.11);
  });
});

describe("wrapText", () => {
  it("wraps at word boundaries within the room, and cuts with an ellipsis past the last line", () => {
    expect(wrapText("Welfare check", 200, 12)).toEqual(["Welfare check"]);
    const lines = wrapText("PERSON IN BEHAVIORAL CRISIS (vs Welfare check)", 160, 12);
    expect(lines.join(" ")).toBe("PERSON IN BEHAVIORAL CRISIS (vs Welfare check)");
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(160);
    const cut = wrapText("one two three four five six seven eight nine ten", 40, 12, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith("…")).toBe(true);
    expect(textWidth(cut[1]!, 12)).toBeLessThanOrEqual(40);
    expect(wrapText("Supercalifragilistic", 50, 12)[0]!.endsWith("…")).toBe(true);
    // a long word breaks after a slash or a hyphen before it is cut
    expect(wrapText("PERSON IN BEHAVIORAL/EMOTIONAL CRISIS", 160, 12)).toEqual([
      "PERSON IN",
      "BEHAVIORAL/",
      "EMOTIONAL CRISIS",
    ]);
    expect(wrapText("ASLT - IP/JO - WITH", 400, 12)).toEqual(["ASLT - IP/JO - WITH"]);
  });
});

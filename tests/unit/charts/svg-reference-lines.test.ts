import { describe, expect, it } from "vitest";
import { layoutChart } from "@/lib/charts/svg-layout";
import type { ChartData, Row } from "@/lib/charts/types";

// Reference lines (ChartData.referenceLines): the alternative-response rule's threshold drawn across the plot.
function chart(over: Partial<ChartData> & Pick<ChartData, "rows" | "xKey">): ChartData {
  return {
    id: "t",
    title: "T",
    takeaway: "",
    type: "bar",
    xLabel: "",
    yLabel: "",
    yFormat: "percent",
    series: [{ key: "share", label: "Arrest or force", color: "#b3261e" }],
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
const groups: Row[] = [
  { group: "Welfare check", share: 0.046 },
  { group: "Person down", share: 0.046 },
  { group: "Behavioral crisis", share: 0.06 },
];

describe("server-drawn chart layout: reference lines", () => {
  it("category bars: a vertical line at the threshold, inside the plot even when every bar is short of it", () => {
    const l = layoutChart(
      chart({ xKey: "group", rows: groups, referenceLines: [{ value: 0.1, label: "Rule threshold 10%" }] }),
      { width: 760, categoryLabelWidth: 170 },
    );
    expect(l.horizontal).toBe(true);
    const [ref] = l.referenceLines;
    expect(l.referenceLines).toHaveLength(1);
    // the axis reaches the threshold: 0 .. 10% here, so the line sits on the plot's right edge
    expect(l.valueTicks.at(-1)!.label).toBe("10%");
    expect(ref!.pos).toBeCloseTo(l.plot.x + l.plot.width, 0);
    // its label sits in the top margin, turned to the left of the line because it would run past the plot
    expect(ref!.label).toBe("Rule threshold 10%");
    expect(ref!.anchor).toBe("end");
    expect(ref!.labelX).toBeLessThan(ref!.pos);
    expect(ref!.labelY).toBeLessThan(l.plot.y);
    expect(ref!.labelY).toBeGreaterThan(0);
    // bars stay proportional on the widened axis: 6% is 60% of the way to 10%
    const crisis = l.bars.find((b) => b.row === 2)!;
    expect(crisis.width / l.plot.width).toBeCloseTo(0.6, 2);
  });

  it("category bars: a threshold inside the data gets its label to the right of the line", () => {
    const rows = [...groups, { group: "Assault", share: 0.38 }];
    const l = layoutChart(chart({ xKey: "group", rows, referenceLines: [{ value: 0.1, label: "Threshold 10%" }] }), {
      width: 760,
      categoryLabelWidth: 170,
    });
    const [ref] = l.referenceLines;
    const zero = l.valueTicks[0]!.pos;
    const forty = l.valueTicks.find((t) => t.label === "40%")!.pos;
    expect(ref!.pos).toBeCloseTo(zero + (forty - zero) / 4, 0);
    expect(ref!.anchor).toBe("start");
    expect(ref!.labelX).toBeGreaterThan(ref!.pos);
  });

  it("time charts: a horizontal line at the value, labelled at the right end just above it", () => {
    const rows = ["2019", "2020", "2021"].map((period, i) => ({ period, share: 0.1 + i * 0.05 }));
    const l = layoutChart(chart({ xKey: "period", rows, referenceLines: [{ value: 0.15, label: "Target" }] }), {
      width: 400,
      height: 300,
    });
    const [ref] = l.referenceLines;
    const base = l.plot.y + l.plot.height;
    // axis 0 .. 20%: 15% is three quarters of the way up
    expect(ref!.pos).toBeCloseTo(base - 0.75 * l.plot.height, 0);
    expect(ref!.anchor).toBe("end");
    expect(ref!.labelX).toBeCloseTo(l.plot.x + l.plot.width - 4, 0);
    expect(ref!.labelY).toBeLessThan(ref!.pos);
  });

  it("no reference lines: none drawn, and the axis is the data's alone", () => {
    const l = layoutChart(chart({ xKey: "group", rows: groups }), { width: 760 });
    expect(l.referenceLines).toEqual([]);
    expect(l.valueTicks.at(-1)!.label).toBe("6%");
  });
});

import { describe, expect, it } from "vitest";
import { fittedOptions, SERVER_VARIANTS } from "@/lib/charts/svg-fit";
import { layoutChart } from "@/lib/charts/svg-layout";
import { textWidth } from "@/lib/charts/svg-legend";
import type { ChartData } from "@/lib/charts/types";

const chart = {
  id: "t",
  type: "bar",
  xKey: "group",
  yFormat: "int",
  series: [{ key: "n", label: "Contacts", color: "#1f5fa8" }],
  rows: [
    { group: "PERSON IN BEHAVIORAL CRISIS", n: 120 },
    { group: "SUSPICIOUS PERSON", n: 40 },
  ],
  markers: [],
  referenceLines: [],
} as unknown as ChartData;

/** CSS px of the chart's text when a layout is drawn in a box `box` px wide (an SVG scales to its box). */
const textPx = (fontSize: number, viewBox: number, box: number) => (fontSize * Math.min(box, 920)) / viewBox;

describe("the layout a chart box gets (svg-fit)", () => {
  it("below the wide layout's width, lays the chart out at the box's own width: text at full size", () => {
    // Boxes of a 360 and a 390 px phone, a 768 px tablet (main has 1rem padding each side) and a narrow desktop.
    for (const box of [328, 358, 600, 736, 759.6]) {
      const opts = fittedOptions(box)!;
      expect(opts.width).toBe(Math.floor(box));
      expect(textPx(opts.fontSize!, opts.width, box)).toBeGreaterThanOrEqual(12);
      const layout = layoutChart(chart, opts);
      expect(layout.width).toBe(opts.width);
      expect(layout.plot.x + layout.plot.width).toBeLessThanOrEqual(opts.width);
    }
  });

  it("shows why: the server's wide layout in a 736 px box and its narrow one in a 328 px box draw text under 12 px", () => {
    const [wide, narrow] = SERVER_VARIANTS;
    expect(textPx(wide!.fontSize!, wide!.width, 736)).toBeLessThan(12);
    expect(textPx(narrow!.fontSize!, narrow!.width, 328)).toBeLessThan(12);
  });

  it("keeps the wide layout from its own width up (drawn at scale 1 or more), and ignores a box of no width", () => {
    expect(fittedOptions(760)).toBeNull();
    expect(fittedOptions(1152)).toBeNull();
    expect(fittedOptions(0)).toBeNull();
    const [wide] = SERVER_VARIANTS;
    for (const box of [760, 920, 1152]) expect(textPx(wide!.fontSize!, wide!.width, box)).toBeGreaterThanOrEqual(12);
  });
});

describe("category bars' value labels at a phone's width", () => {
  it("are fewer on a narrow plot, so that no two touch (0 1,000 2,000 ... 6,000 ran together at 358 px)", () => {
    const wide = { ...chart, rows: [...chart.rows, { group: "West", n: 5342 }] } as ChartData;
    for (const box of [328, 358, 600]) {
      const opts = fittedOptions(box)!;
      const l = layoutChart(wide, opts);
      expect(l.valueTicks.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < l.valueTicks.length; i++) {
        const [a, b] = [l.valueTicks[i - 1]!, l.valueTicks[i]!];
        const half = (textWidth(a.label, opts.fontSize!) + textWidth(b.label, opts.fontSize!)) / 2;
        expect(b.pos - a.pos, `${box} px: ${a.label} / ${b.label}`).toBeGreaterThanOrEqual(half + 8);
      }
    }
  });
});

describe("a few bars of named categories", () => {
  it("keep every label: wrapped under their bars on a tablet, bars laid sideways on a phone", () => {
    const outcomes = {
      ...chart,
      xKey: "outcome",
      rows: [
        "Reached by a civilian team",
        "Missed: outside the hours",
        "Missed: outside the covered precincts",
        "Missed: every team busy",
        "All eligible contacts",
      ].map((outcome, i) => ({ outcome, n: 100 * (i + 1) })),
    } as ChartData;
    // On a phone they do not fit under their bars even wrapped: the bars are laid sideways, labels whole.
    const phone = layoutChart(outcomes, fittedOptions(358)!);
    expect(phone.horizontal).toBe(true);
    expect(phone.kind).toBe("category-bar");
    expect(phone.categoryTicks.map((t) => (t.lines ?? [t.label]).join(" "))).toEqual(
      outcomes.rows.map((r) => r.outcome),
    );
    for (const box of [736]) {
      const opts = fittedOptions(box)!;
      const l = layoutChart(outcomes, opts);
      expect(l.horizontal).toBe(false);
      expect(l.categoryTicks.map((t) => t.label)).toEqual(outcomes.rows.map((r) => r.outcome));
      const step = l.plot.width / outcomes.rows.length;
      for (const t of l.categoryTicks) {
        expect((t.lines ?? [t.label]).join(" ")).toBe(t.label);
        for (const line of t.lines ?? [t.label]) expect(textWidth(line, opts.fontSize!)).toBeLessThanOrEqual(step);
      }
      // The legend sits under the wrapped labels: below the last line of the tallest label.
      const lines = Math.max(...l.categoryTicks.map((t) => t.lines?.length ?? 1));
      expect(l.legend[0]!.y).toBeGreaterThan(l.plot.y + l.plot.height + lines * l.lineHeight);
    }
  });
});

describe("a line's name at its end", () => {
  it("goes to the legend, whole, when a phone's margin would cut it even on four lines", () => {
    const line = {
      ...chart,
      type: "line",
      xKey: "period",
      yFormat: "percent",
      series: [{ key: "s", label: "Crisis contacts with a CIT-certified officer", color: "#1f5fa8" }],
      rows: ["2024-Q1", "2024-Q2", "2024-Q3"].map((period, i) => ({ period, s: 0.5 + i / 20 })),
    } as ChartData;
    const phone = layoutChart(line, fittedOptions(358)!);
    expect(phone.lineLabels).toEqual([]);
    expect(phone.legend.map((it) => it.label)).toContain("Crisis contacts with a CIT-certified officer");
    const wide = layoutChart(line, SERVER_VARIANTS[0]!);
    // Wrapped (at a space or after a hyphen), not cut.
    expect(wide.lineLabels.map((lb) => lb.lines.join(" ").replace("- ", "-"))).toEqual([
      "Crisis contacts with a CIT-certified officer",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { FOREST_AXIS_TITLE, FOREST_VARIANTS, layoutForest } from "@/lib/charts/forest-layout";
import { textWidth } from "@/lib/charts/svg-legend";

const terms = [
  { label: "CIT-certified officer", oddsRatio: 0.8, ciLow: 0.6, ciHigh: 1.05 },
  { label: "Call type: PERSON IN BEHAVIORAL CRISIS (vs Welfare check)", oddsRatio: 2.4, ciLow: 1.7, ciHigh: 3.3 },
  { label: "Call type: SUSPICIOUS PERSON (vs Welfare check)", oddsRatio: 1.3, ciLow: 0.9, ciHigh: 1.9 },
  { label: "Night (vs day)", oddsRatio: 1.1, ciLow: 1.0, ciHigh: 1.25 },
];
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.11);

describe("forest plot layout", () => {
  it("draws each layout no wider than the narrowest box it is shown in (globals.css), so text is at least 12 px", () => {
    // wide: from 40rem (640 px); narrow: from 320 px (the site's narrowest supported screen's box)
    expect((FOREST_VARIANTS.wide.fontSize * 640) / FOREST_VARIANTS.wide.width).toBeGreaterThanOrEqual(12);
    expect((FOREST_VARIANTS.narrow.fontSize * 320) / FOREST_VARIANTS.narrow.width).toBeGreaterThanOrEqual(12);
  });

  for (const [name, opts] of [
    ["wide", FOREST_VARIANTS.wide],
    ["phone", FOREST_VARIANTS.narrow],
  ] as const) {
    const l = layoutForest(terms, opts);

    it(`${name}: keeps every label whole (reference group included), wrapped within its room`, () => {
      expect(l.rows.map((r) => r.lines.join(" "))).toEqual(terms.map((t) => t.label));
      const room = opts.stacked ? opts.width - 16 : l.plot.x - 20;
      for (const r of l.rows)
        for (const line of r.lines) expect(textWidth(line, opts.fontSize)).toBeLessThanOrEqual(room + 0.01);
    });

    it(`${name}: puts each estimate and interval on a log scale, 1 marked, inside the plot`, () => {
      const x = (v: number) => {
        const [lo, hi] = [Math.log(0.6 * 0.9), Math.log(3.3 * 1.1)];
        return l.plot.x + ((Math.log(v) - lo) / (hi - lo)) * l.plot.width;
      };
      l.rows.forEach((r, i) => {
        close(r.estimate, x(terms[i]!.oddsRatio));
        close(r.low, x(terms[i]!.ciLow));
        close(r.high, x(terms[i]!.ciHigh));
      });
      close(l.reference.x, x(1));
      expect(l.ticks.map((t) => t.label)).toContain("1");
      // ticks never crowd each other
      for (let i = 1; i < l.ticks.length; i++) {
        const gap = l.ticks[i]!.pos - l.ticks[i - 1]!.pos;
        const need =
          (textWidth(l.ticks[i]!.label, opts.fontSize) + textWidth(l.ticks[i - 1]!.label, opts.fontSize)) / 2;
        expect(gap).toBeGreaterThanOrEqual(need + 6);
      }
    });

    it(`${name}: rows do not overlap, the height follows them, and the axis has its title`, () => {
      const lh = l.lineHeight;
      const spans = l.rows.map((r) => {
        const labelTop = r.labelY - lh / 2;
        const labelBottom = r.labelY + (r.lines.length - 0.5) * lh;
        return [Math.min(labelTop, r.y - 4), Math.max(labelBottom, r.y + 4)] as const;
      });
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
      expect(l.plot.bottom).toBeGreaterThanOrEqual(spans.at(-1)![1]);
      expect(l.title.text).toBe(FOREST_AXIS_TITLE);
      expect(l.title.y).toBeGreaterThan(l.tickY);
      expect(l.height).toBeGreaterThan(l.title.y);
      // no blank space: the chart ends just under its title
      expect(l.height - l.title.y).toBeLessThan(opts.fontSize + 4);
      if (opts.stacked) {
        // labels above their intervals, the reference line broken so it never crosses a label
        for (const r of l.rows) expect(r.labelY + (r.lines.length - 0.5) * lh).toBeLessThanOrEqual(r.y - 4);
        expect(l.reference.segments).toHaveLength(terms.length);
        l.reference.segments.forEach((s, i) => {
          expect(s.y1).toBeGreaterThanOrEqual(l.rows[i]!.labelY + (l.rows[i]!.lines.length - 0.5) * lh);
        });
      } else {
        for (const r of l.rows) expect(r.labelX).toBeLessThan(Math.min(r.low, r.estimate - 4));
      }
    });
  }
});

import { describe, expect, it } from "vitest";
import { cellText, HEAT_WIDTHS, layoutHeatMap } from "@/lib/charts/heat-map-layout";
import { textWidth } from "@/lib/charts/svg-legend";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
// 24 hours x 7 days, with three- and four-digit counts (the widest a cell prints).
const values = Array.from({ length: 24 }, (_, h) => DAYS.map((_, d) => (h * 7 + d) * 53));
const CAPTION =
  "Hour of day (reported time, Seattle). Darker = more eligible contacts; dashed outline = fewer than 10.";

describe("coverage heat map layout", () => {
  for (const o of ["across", "down"] as const) {
    const l = layoutHeatMap(values, DAYS, CAPTION, o);

    it(`${o}: one cell per hour and weekday, none overlapping, all inside the viewBox`, () => {
      expect(l.cells).toHaveLength(24 * 7);
      const keys = new Set(l.cells.map((c) => `${c.x},${c.y}`));
      expect(keys.size).toBe(24 * 7);
      for (const c of l.cells) {
        expect(c.x + l.cellW).toBeLessThanOrEqual(l.width);
        expect(c.y + l.cellH).toBeLessThan(l.caption.y);
        expect(c.value).toBe(values[c.hour]![c.day]);
      }
      // Hours run across (columns) or down (rows).
      const hour1 = l.cells.find((c) => c.hour === 1 && c.day === 0)!;
      const hour0 = l.cells.find((c) => c.hour === 0 && c.day === 0)!;
      if (o === "across") expect(hour1.x).toBeGreaterThan(hour0.x);
      else expect(hour1.y).toBeGreaterThan(hour0.y);
    });

    it(`${o}: every count fits its cell at 12 px, and every label its row or column`, () => {
      expect(l.fontSize).toBeGreaterThanOrEqual(12);
      for (const c of l.cells) expect(textWidth(c.text, l.fontSize)).toBeLessThanOrEqual(l.cellW - 1);
      expect(l.cellH).toBeGreaterThanOrEqual(l.fontSize + 6);
      const columnLabels = o === "across" ? l.hourLabels : l.dayLabels;
      for (const t of columnLabels) expect(textWidth(t.text, l.fontSize)).toBeLessThanOrEqual(l.cellW);
      for (const line of l.caption.lines) expect(textWidth(line, l.fontSize)).toBeLessThanOrEqual(l.width - 8);
      expect(l.caption.lines.join(" ")).toBe(CAPTION);
      expect(l.height).toBeGreaterThan(l.caption.y + (l.caption.lines.length - 1) * l.lineHeight);
    });
  }

  it("draws each orientation no wider than the narrowest box it is shown in (globals.css: 45rem, 320 px)", () => {
    expect(HEAT_WIDTHS.across).toBeLessThanOrEqual(720);
    expect(HEAT_WIDTHS.down).toBeLessThanOrEqual(320);
  });

  it("prints thousands short, so four digits fit a cell; the title and table keep the exact count", () => {
    expect(cellText(0)).toBe("0");
    expect(cellText(999)).toBe("999");
    expect(cellText(1000)).toBe("1k");
    expect(cellText(1234)).toBe("1.2k");
    expect(cellText(12_345)).toBe("12k");
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COLORS, SERIES_COLORS } from "@/lib/charts/palette";
import { ciede2000, contrastRatio, simulate, type Vision } from "@/tests/helpers/colour-vision";

/** CIEDE2000 between two series colours as each kind of viewer sees them: below this, lines and bars get confused. */
const MIN_DIFFERENCE = 10;
const VISIONS: Vision[] = ["normal", "protanopia", "deuteranopia", "tritanopia"];

describe("the series palette (lib/charts/palette.ts)", () => {
  it("computes CIEDE2000 as Sharma, Wu & Dalal's reference pairs", () => {
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(ciede2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  it("keeps every pair of colours apart for protanopia, deuteranopia and tritanopia", () => {
    const close: string[] = [];
    for (const vision of VISIONS)
      for (let i = 0; i < SERIES_COLORS.length; i++)
        for (let j = i + 1; j < SERIES_COLORS.length; j++) {
          const a = SERIES_COLORS[i]!;
          const b = SERIES_COLORS[j]!;
          const d = ciede2000(simulate(a, vision), simulate(b, vision));
          if (d < MIN_DIFFERENCE) close.push(`${vision}: ${a} / ${b} = ${d.toFixed(1)}`);
        }
    expect(close).toEqual([]);
  });

  it("gives every colour 3:1 contrast against the white page (WCAG 1.4.11, lines and bars)", () => {
    for (const c of SERIES_COLORS) expect(contrastRatio(c, "#ffffff"), c).toBeGreaterThanOrEqual(3);
  });

  it("is the only place a chart builder takes a series colour from", () => {
    const dir = path.resolve("lib/charts");
    const builders = fs.readdirSync(dir).filter((f) => f.endsWith("-charts.ts"));
    expect(builders.length).toBeGreaterThan(5);
    for (const f of builders) {
      const src = fs.readFileSync(path.join(dir, f), "utf8");
      expect(src.match(/#[0-9a-f]{3,8}\b/gi) ?? [], f).toEqual([]);
    }
    expect(new Set(SERIES_COLORS).size).toBe(Object.keys(COLORS).length);
  });
});

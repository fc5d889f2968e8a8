import { describe, expect, it } from "vitest";
import { katzRatio, poissonRateRatio, ratePer10k } from "@/lib/community/stats";
import { completeYears } from "@/lib/community/compute";
import { ratioUnstable } from "@/lib/charts/community-charts";

// Expected values computed by hand (Python, math module) from the formulas in the brief.
describe("rates and ratios", () => {
  it("rate per 10,000 residents", () => {
    expect(ratePer10k(25, 50_000)).toBeCloseTo(5, 12);
    expect(ratePer10k(5, 0)).toBeNull();
  });
  it("Poisson rate ratio: se(log RR) = sqrt(1/a + 1/b)", () => {
    const r = poissonRateRatio(20, 1000, 10, 1000)!;
    expect(r.ratio).toBeCloseTo(2, 12);
    expect(r.seLog).toBeCloseTo(0.3872983346, 9);
    expect(r.low).toBeCloseTo(0.9361836574, 8);
    expect(r.high).toBeCloseTo(4.2726659116, 8);
    expect(poissonRateRatio(0, 1000, 10, 1000)).toBeNull();
  });
  it("Katz log interval for a ratio of proportions", () => {
    const r = katzRatio(30, 100, 20, 200)!;
    expect(r.ratio).toBeCloseTo(3, 12);
    expect(r.seLog).toBeCloseTo(0.2614064524, 9);
    expect(r.low).toBeCloseTo(1.797263188, 8);
    expect(r.high).toBeCloseTo(5.0076138321, 8);
    // A count larger than its denominator is not a proportion: no ratio.
    expect(katzRatio(120, 100, 20, 200)).toBeNull();
  });
  it("flags a ratio as unstable (never withholds it) when either count is below the threshold", () => {
    expect(ratioUnstable(20, 9, 10)).toBe(true);
    expect(ratioUnstable(20, 10, 10)).toBe(false);
  });
  it("complete years leave out partial first and last years", () => {
    expect(completeYears("2014-01-27", "2026-02-12")).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
    ]);
    expect(completeYears("2015-01-01", "2015-12-31")).toEqual([2015]);
  });
});

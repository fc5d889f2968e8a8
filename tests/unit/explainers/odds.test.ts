import { describe, expect, it } from "vitest";
import { applyOddsRatio, describeOddsRatio, extraPerThousand, oddsOf, probabilityOf } from "@/lib/explainers/odds";

describe("odds arithmetic for the explainers", () => {
  it("converts between odds and probability", () => {
    expect(oddsOf(0.2)).toBeCloseTo(0.25, 15);
    expect(probabilityOf(0.25)).toBeCloseTo(0.2, 15);
  });
  it("13% higher odds at 1.5% is about 1.9 more per 1,000, not 13% more likely", () => {
    // by hand: odds 0.015/0.985 = 0.0152284; x1.13 = 0.0172081; p = 0.0169170 -> +1.917 per 1,000
    expect(applyOddsRatio(0.015, 1.13)).toBeCloseTo(0.016917, 6);
    expect(extraPerThousand(0.015, 1.13)).toBeCloseTo(1.917, 3);
  });
  it("describes odds ratios in words", () => {
    expect(describeOddsRatio(1.13)).toBe("13% higher odds");
    expect(describeOddsRatio(0.8)).toBe("20% lower odds");
  });
});

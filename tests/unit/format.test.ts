import { describe, expect, it } from "vitest";
import { formatEstimate } from "@/lib/format";
import { formatCell } from "@/lib/charts/format";

describe("formatEstimate: the precision readers get for rates and ratios", () => {
  it("rounds 10 and over to whole numbers and smaller values to two significant figures", () => {
    expect([346.8, 95.2, 1110.83, 9.96].map(formatEstimate)).toEqual(["347", "95", "1,111", "10"]);
    expect([7.93, 1.08, 0.88, 0.0171, -3.14, 0.5].map(formatEstimate)).toEqual([
      "7.9",
      "1.1",
      "0.88",
      "0.017",
      "-3.1",
      "0.50",
    ]);
    expect(formatEstimate(0)).toBe("0");
  });

  it("is what estimate table cells show (downloads keep the full value); staff scores keep two decimals", () => {
    expect(formatCell(346.8, "estimate")).toBe("347");
    expect(formatCell(7.93, "estimate")).toBe("7.9");
    expect(formatCell(null, "estimate")).toBe("n/a");
    expect(formatCell(2.5, "decimal")).toBe("2.50");
  });
});

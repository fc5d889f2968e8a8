import { describe, expect, it } from "vitest";
import { formatDate, formatEstimate, formatInt, formatPercent, formatterFor } from "@/lib/format";
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

describe("formatting for another locale (issue 20)", () => {
  it("formats US Spanish with Intl, leaving the English default untouched", () => {
    const es = formatterFor("es-US");
    expect(es.int(1234567)).toBe("1,234,567");
    expect(es.percent(0.1234)).toBe("12.3%");
    expect(es.percent(0.5, 0)).toBe("50%");
    expect([7.93, 346.8, 0.0171].map((x) => es.estimate(x))).toEqual(["7.9", "347", "0.017"]);
    expect(es.date("2024-03-05T23:30:00.000Z")).toBe("5 mar 2024");
    expect(es.date("2024-03-05T23:30:00.000Z", "month")).toBe("mar 2024");
    // en-US through the factory is exactly the named functions
    const en = formatterFor("en-US");
    for (const x of [0.1234, 0.005, 1 / 3]) expect(en.percent(x)).toBe(formatPercent(x));
    for (const x of [7.93, 346.8, 0.0171, 0]) expect(en.estimate(x)).toBe(formatEstimate(x));
    expect(en.date("2024-03-05T23:30:00.000Z")).toBe(formatDate("2024-03-05T23:30:00.000Z"));
    expect(formatDate("2024-03-05T23:30:00.000Z")).toBe("Mar 5, 2024");
    expect(en.int(1234567)).toBe(formatInt(1234567));
  });
});

import { describe, expect, it } from "vitest";
import { completeRange, firstCompleteIndex, lastCompleteIndex, partialPeriods, rateCells } from "@/lib/charts/helpers";
import { parseTrendFilters, periodOf, toQuery } from "@/lib/trends/filters";
import { wilson } from "@/lib/stats/wilson";

describe("Wilson interval", () => {
  // Reference values computed independently (Python, the closed form; equal to R's prop.test(correct = FALSE)).
  it.each([
    [43, 2093, 0.015288181253707966, 0.027557909204281538],
    [0, 50, 0, 0.07134759913335872],
    [50, 50, 0.9286524008666414, 1],
    [1, 10, 0.017876213095072896, 0.4041500267952385],
  ])("%i of %i", (k, n, low, high) => {
    const w = wilson(k, n)!;
    expect(w.low).toBeCloseTo(low, 8);
    expect(w.high).toBeCloseTo(high, 8);
    expect(w.rate).toBe(k / n);
  });
  it("is undefined for an empty denominator", () => expect(wilson(0, 0)).toBeNull());
});

describe("trend filters from the URL", () => {
  it("reads valid filters and ignores 'all'", () => {
    const { value: filters, issues } = parseTrendFilters({
      from: "2019-01",
      to: "2020-12",
      precinct: "West",
      callType: "all",
      granularity: "year",
    });
    expect(issues).toEqual([]);
    expect(filters).toEqual({ from: "2019-01", to: "2020-12", precinct: "West", granularity: "year" });
    expect(toQuery(filters)).toBe("?from=2019-01&to=2020-12&precinct=West&granularity=year");
  });
  it("explains bad values instead of failing", () => {
    expect(parseTrendFilters({ from: "2020-13" }).issues[0]?.message).toMatch(/from: use YYYY-MM/);
    expect(parseTrendFilters({ from: "2021-01", to: "2020-01" }).issues[0]?.message).toMatch(/must not be after/);
    expect(parseTrendFilters({ granularity: "week" }).issues[0]?.message).toMatch(/month, quarter or year/);
    expect(parseTrendFilters({ granularity: "week" }).value.granularity).toBe("quarter");
  });
  it("maps months to periods", () => {
    expect(periodOf("2020-03", "quarter")).toBe("2020-Q1");
    expect(periodOf("2020-04", "quarter")).toBe("2020-Q2");
    expect(periodOf("2020-12", "year")).toBe("2020");
  });
});

describe("small counts and partial periods", () => {
  it("never withholds a rate: a small numerator or denominator only flags it", () => {
    const small = rateCells("r", 3, 167, 10);
    expect(small.r).toBeCloseTo(3 / 167, 12);
    expect(small["r!"]).toBe("r;rLow;rHigh");
    expect(rateCells("r", 5, 8, 10)["r!"]).toBe("r;rLow;rHigh");
    expect(rateCells("r", 10, 10, 10)["r!"]).toBe("");
    expect(rateCells("r", 0, 0, 10).r).toBeNull();
  });
  it("names partial first and last periods, and the complete range skips them", () => {
    const periods = ["2014-Q1", "2014-Q2", "2025-Q4", "2026-Q1"];
    const partial = partialPeriods(periods, "2014-01-27T21:10:00.000Z", "2026-02", "quarter");
    expect(partial).toEqual(["2014-Q1", "2026-Q1"]);
    expect(completeRange(periods, partial)).toEqual({ first: 1, last: 2 });
  });
  it("detects partial first and last periods", () => {
    expect(firstCompleteIndex(["2014-Q1", "2014-Q2"], "2014-01-27T21:10:00.000Z", "quarter")).toBe(1);
    expect(firstCompleteIndex(["2015-Q1", "2015-Q2"], "2015-01-01T00:10:00.000Z", "quarter")).toBe(0);
    expect(lastCompleteIndex(["2025-Q4", "2026-Q1"], "2026-02", "quarter")).toBe(0);
    expect(lastCompleteIndex(["2025"], "2025-12", "year")).toBe(0);
    // With a last date (day precision), a month is complete only when the data reach its last week.
    expect(lastCompleteIndex(["2025-11", "2025-12"], "2025-12-13", "month")).toBe(0);
    expect(lastCompleteIndex(["2025-11", "2025-12"], "2025-12-27", "month")).toBe(1);
    expect(lastCompleteIndex(["2024-Q4", "2025-Q1"], "2025-03-20", "quarter")).toBe(0);
    expect(lastCompleteIndex(["2024-Q4", "2025-Q1"], "2025-03-31T10:00:00.000Z", "quarter")).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import {
  addMonthsUtc,
  dataEndExclusive,
  followUpComplete,
  followUpMetrics,
  pooled,
  tallyReviews,
} from "@/lib/staff/eis-accuracy";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("follow-up windows", () => {
  it("adds calendar months in UTC and clamps to the month's last day", () => {
    expect(addMonthsUtc(d("2025-01-06"), 6).toISOString()).toBe("2025-07-06T00:00:00.000Z");
    expect(addMonthsUtc(d("2025-08-31"), 6).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(addMonthsUtc(d("2024-02-29"), 12).toISOString()).toBe("2025-02-28T00:00:00.000Z");
    expect(addMonthsUtc(d("2025-11-03"), 12).toISOString()).toBe("2026-11-03T00:00:00.000Z");
  });

  it("counts a follow-up only when it ends by the day after the last incident", () => {
    const last = new Date("2026-02-12T17:30:00Z");
    expect(dataEndExclusive(last).toISOString()).toBe("2026-02-13T00:00:00.000Z");
    expect(followUpComplete(d("2025-08-13"), 6, last)).toBe(true); // ends 2026-02-13: the last day counted is the 12th
    expect(followUpComplete(d("2025-08-14"), 6, last)).toBe(false);
    expect(followUpComplete(d("2025-02-10"), 12, last)).toBe(true);
    expect(followUpComplete(d("2025-02-17"), 12, last)).toBe(false);
  });
});

describe("precision, recall and rates (hand-computed fixture)", () => {
  // Run as of 2025-01-06, 6-month follow-up [2025-01-06, 2025-07-06).
  // Officers 1-3 flagged; 4-10 not. Level 2+ incidents after the run: 1 (Feb), 2 (2025-07-06: one day too late),
  // 3 (before the run only), 4 (on the as-of day: counts), 5 (Jun), 11 (not scored: never counts).
  const scored = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => ({ officerId: id, flagged: id <= 3 }));
  const outcomes = new Map<number, Date[]>([
    [1, [d("2025-02-01")]],
    [2, [d("2025-07-06")]],
    [3, [d("2024-12-01")]],
    [4, [d("2025-01-06")]],
    [5, [d("2025-06-30"), d("2025-03-01")]],
    [11, [d("2025-02-01")]],
  ]);
  const m = followUpMetrics(d("2025-01-06"), 6, scored, (id) => outcomes.get(id) ?? []);

  it("counts officers with at least one outcome in the follow-up window", () => {
    expect(m).toMatchObject({ months: 6, flagged: 3, flaggedWithOutcome: 1, notFlagged: 7, notFlaggedWithOutcome: 2 });
  });

  it("gives precision 1/3, recall 1/3, 2/7 among the others and a 3/10 base rate, with Wilson intervals", () => {
    expect(m.precision!.rate).toBeCloseTo(1 / 3, 12);
    expect(m.recall!.rate).toBeCloseTo(1 / 3, 12);
    expect(m.rateNotFlagged!.rate).toBeCloseTo(2 / 7, 12);
    expect(m.baseRate!.rate).toBeCloseTo(3 / 10, 12);
    // R 4.2: prop.test(1, 3, correct = FALSE)$conf.int = 0.06149194472 0.79234039920
    expect(m.precision!.low).toBeCloseTo(0.06149194472, 7);
    expect(m.precision!.high).toBeCloseTo(0.7923403992, 7);
    // prop.test(2, 7, correct = FALSE)$conf.int = 0.0822189240 0.6410655482
    expect(m.rateNotFlagged!.low).toBeCloseTo(0.082218924, 7);
    expect(m.rateNotFlagged!.high).toBeCloseTo(0.6410655482, 7);
  });

  it("has no rates for empty groups", () => {
    const none = followUpMetrics(d("2025-01-06"), 6, [{ officerId: 6, flagged: false }], () => []);
    expect(none.precision).toBeNull();
    expect(none.recall).toBeNull();
    expect(none.rateNotFlagged!.rate).toBe(0);
    expect(none.rateNotFlagged!.high).toBeCloseTo(0.7934506856, 7); // prop.test(0, 1, correct = FALSE)
  });

  it("pools counts over runs without intervals", () => {
    const p = pooled([m, m]);
    expect(p).toEqual({
      runs: 2,
      flagged: 6,
      flaggedWithOutcome: 2,
      notFlagged: 14,
      notFlaggedWithOutcome: 4,
      precision: 2 / 6,
      recall: 2 / 6,
      rateNotFlagged: 4 / 14,
      baseRate: 6 / 20,
    });
    expect(pooled([])).toMatchObject({ runs: 0, precision: null, recall: null, baseRate: null });
  });
});

describe("review tallies", () => {
  it("takes each flag's latest review as its decision", () => {
    const latest = new Map([
      [10, { flagDecision: "agree", interventionRecommended: true }],
      [11, { flagDecision: "disagree", interventionRecommended: false }],
      [12, { flagDecision: "agree", interventionRecommended: false }],
    ]);
    expect(tallyReviews([10, 11, 12, 13], latest)).toEqual({
      flagsRaised: 4,
      reviewed: 3,
      confirmed: 2,
      dismissed: 1,
      interventionRecommended: 1,
    });
    expect(tallyReviews([], latest)).toEqual({
      flagsRaised: 0,
      reviewed: 0,
      confirmed: 0,
      dismissed: 0,
      interventionRecommended: 0,
    });
  });
});

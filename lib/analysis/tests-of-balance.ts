import { wilson as wilsonInterval } from "@/lib/stats/wilson";
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { Z_975 } from "./wald";

/**
 * Tests of balance between groups: Pearson's chi-square test of independence on a contingency table (R's
 * chisq.test(table, correct = FALSE)), Cramer's V as the effect size, and Wilson score intervals for proportions.
 */

export interface ChiSquareTest {
  statistic: number;
  df: number;
  /** Upper-tail p-value. Underflows to 0 below ~1e-16 (reported as 0). */
  p: number;
  cramersV: number;
  /** Expected counts under independence, same layout as the table. */
  expected: number[][];
  /** Cells with an expected count below 5 (the usual caveat on the approximation). */
  smallExpectedCells: number;
}

/** Pearson chi-square test of independence; rows and columns that are entirely zero are ignored. */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareTest {
  const rowsKept = table.map((r, i) => [r, i] as const).filter(([r]) => r.reduce((a, b) => a + b, 0) > 0);
  const cols = table[0]?.length ?? 0;
  const colTotals = Array.from({ length: cols }, (_, j) => table.reduce((s, r) => s + (r[j] ?? 0), 0));
  const colsKept = colTotals
    .map((t, j) => [t, j] as const)
    .filter(([t]) => t > 0)
    .map(([, j]) => j);
  const total = colTotals.reduce((a, b) => a + b, 0);
  const expected = table.map((r) => r.map(() => 0));
  let statistic = 0;
  let small = 0;
  for (const [r, i] of rowsKept) {
    const rowTotal = r.reduce((a, b) => a + b, 0);
    for (const j of colsKept) {
      const e = (rowTotal * colTotals[j]!) / total;
      expected[i]![j] = e;
      if (e < 5) small++;
      statistic += (r[j]! - e) ** 2 / e;
    }
  }
  const k = Math.min(rowsKept.length, colsKept.length);
  const df = rowsKept.length > 1 && colsKept.length > 1 ? (rowsKept.length - 1) * (colsKept.length - 1) : 0;
  const p = df > 0 ? Math.max(0, 1 - chisquareCdf(statistic, df)) : 1;
  return {
    statistic,
    df,
    p,
    cramersV: k > 1 && total > 0 ? Math.sqrt(statistic / (total * (k - 1))) : 0,
    expected,
    smallExpectedCells: small,
  };
}

export interface Proportion {
  count: number;
  total: number;
  /** count / total (0..1). */
  share: number;
  /** Wilson score 95% interval (0..1). */
  ciLow: number;
  ciHigh: number;
}

/** Wilson score interval (R: prop.test(x, n, correct = FALSE)$conf.int), as a Proportion: one implementation, lib/stats. */
export function wilsonProportion(count: number, total: number, z = Z_975): Proportion {
  const w = wilsonInterval(count, total, z);
  if (!w) return { count, total, share: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN };
  return { count, total, share: w.rate, ciLow: count === 0 ? 0 : w.low, ciHigh: count === total ? 1 : w.high };
}

/**
 * Rates and ratios for the community page. Pure functions, so the unit tests can check them against hand-computed
 * values. Intervals are 95% on the log scale; a ratio is null when either count is zero (log undefined).
 */
export const Z95 = 1.959963984540054;

export interface RatioCi {
  ratio: number;
  low: number;
  high: number;
  /** Standard error of log(ratio). */
  seLog: number;
}

/** Rate per 10,000 residents: count / population x 10,000 (over whatever years the count covers). */
export function ratePer10k(count: number, population: number): number | null {
  return population > 0 ? (count / population) * 10_000 : null;
}

function logInterval(ratio: number, seLog: number): RatioCi {
  return { ratio, low: Math.exp(Math.log(ratio) - Z95 * seLog), high: Math.exp(Math.log(ratio) + Z95 * seLog), seLog };
}

/**
 * Ratio of two Poisson rates with populations as fixed denominators: se(log RR) = sqrt(1/a + 1/b). When the reference
 * (e.g. the city) contains the group, the counts are not independent and this interval is conservative (too wide).
 */
export function poissonRateRatio(a: number, popA: number, b: number, popB: number): RatioCi | null {
  if (a <= 0 || b <= 0 || popA <= 0 || popB <= 0) return null;
  return logInterval(a / popA / (b / popB), Math.sqrt(1 / a + 1 / b));
}

/**
 * Katz log interval for a ratio of proportions a/n1 over b/n2: se(log RR) = sqrt(1/a - 1/n1 + 1/b - 1/n2). Force per
 * stop is treated as a proportion; if a count exceeds its denominator it is not one, and no ratio is given.
 */
export function katzRatio(a: number, n1: number, b: number, n2: number): RatioCi | null {
  if (a <= 0 || b <= 0 || a > n1 || b > n2) return null;
  return logInterval(a / n1 / (b / n2), Math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2));
}

import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type { Matrix } from "ml-matrix";

/** Wald inference for one coefficient: z, two-sided p, and the 95% interval (R's confint.default), log-odds scale. */
export interface WaldTerm {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  /** 95% Wald interval of the coefficient (log-odds scale), as R's confint.default. */
  lower: number;
  upper: number;
  oddsRatio: number;
  /** 95% Wald interval of the odds ratio: exp(lower), exp(upper). */
  ciLow: number;
  ciHigh: number;
}

export const Z_975 = normalQuantile(0.975, 0, 1);

/** Two-sided normal p-value, exact far into the tails (computed from the lower tail, never as 1 - cdf). */
export function twoSidedP(z: number): number {
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

export function waldTerm(term: string, estimate: number, variance: number): WaldTerm {
  const se = Math.sqrt(variance);
  const z = estimate / se;
  const lower = estimate - Z_975 * se;
  const upper = estimate + Z_975 * se;
  return {
    term,
    estimate,
    se,
    z,
    p: twoSidedP(z),
    lower,
    upper,
    oddsRatio: Math.exp(estimate),
    ciLow: Math.exp(lower),
    ciHigh: Math.exp(upper),
  };
}

export function waldTable(terms: readonly string[], beta: ArrayLike<number>, vcov: Matrix, offset = 0): WaldTerm[] {
  return terms.map((t, j) => waldTerm(t, beta[offset + j]!, vcov.get(offset + j, offset + j)));
}

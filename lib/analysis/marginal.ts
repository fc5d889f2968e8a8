import type { Matrix } from "ml-matrix";
import { buildDesign, selectColumns, type Design, type DesignSpec, type FrameRow, type FrameValue } from "./design";
import { linearPredictor, quadraticForm } from "./linalg";
import { multinomProbabilities } from "./multinomial";
import { Z_975 } from "./wald";

/**
 * Average marginal effects as absolute risk differences: for a factor level, the mean over all observations of the
 * predicted probability with the level set minus with the reference level set (everything else as observed); for a
 * numeric variable, one unit more minus as observed. Standard errors by the delta method from any covariance
 * (the cluster-robust one by default in the CIT models). Same as R's
 * mean(predict(fit, newdata = within(d, cit <- 1), type = "response") - predict(fit, within(d, cit <- 0), ...)).
 */

export interface Ame {
  /** Difference in probability (0..1 scale). */
  estimate: number;
  se: number | null;
}

/** The same AME in percentage points, with its 95% interval, and as "x more per 1,000 contacts". */
export interface AmePp {
  pp: number;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  perThousand: number;
}

export function toPercentagePoints(a: Ame): AmePp {
  const ok = a.se !== null && Number.isFinite(a.se);
  return {
    pp: 100 * a.estimate,
    se: ok ? 100 * a.se! : null,
    ciLow: ok ? 100 * (a.estimate - Z_975 * a.se!) : null,
    ciHigh: ok ? 100 * (a.estimate + Z_975 * a.se!) : null,
    perThousand: 1000 * a.estimate,
  };
}

/** The fitted design's columns for counterfactual rows: every row with `set` applied. */
export function counterfactualDesign(
  rows: readonly FrameRow[],
  spec: DesignSpec,
  keep: readonly number[],
  set: Readonly<Record<string, FrameValue | ((row: FrameRow) => FrameValue)>>,
): Design {
  const entries = Object.entries(set);
  const changed = rows.map((r) => {
    const copy: Record<string, FrameValue> = { ...r };
    for (const [k, v] of entries) copy[k] = typeof v === "function" ? v(r) : v;
    return copy;
  });
  return selectColumns(buildDesign(changed, spec), keep);
}

/**
 * A counterfactual of the fitted design without rebuilding it from the rows: `edit(row, x)` rewrites one row's
 * values in place. Valid only for variables that enter no interaction (the CIT models check this).
 */
export function editedDesign(fitted: Design, edit: (x: Float64Array, at: number) => void): Design {
  const X = fitted.X.slice();
  for (let i = 0; i < fitted.n; i++) edit(X, i * fitted.p);
  return { ...fitted, X };
}

/** AME of a binary logit between two counterfactual designs (X1 minus X0). */
export function ameLogit(beta: readonly number[], vcov: Matrix | null, X1: Design, X0: Design): Ame {
  const { n, p } = X1;
  const x1 = X1.X;
  const x0 = X0.X;
  const eta1 = linearPredictor(x1, n, p, beta);
  const eta0 = linearPredictor(x0, n, p, beta);
  const grad = new Float64Array(p);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m1 = 1 / (1 + Math.exp(-eta1[i]!));
    const m0 = 1 / (1 + Math.exp(-eta0[i]!));
    sum += m1 - m0;
    const d1 = m1 * (1 - m1);
    const d0 = m0 * (1 - m0);
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const a = x1[row + j]!;
      const b = x0[row + j]!;
      if (a !== 0 || b !== 0) grad[j]! += d1 * a - d0 * b;
    }
  }
  for (let j = 0; j < p; j++) grad[j]! /= n;
  const variance = vcov ? quadraticForm(vcov, grad) : Number.NaN;
  return { estimate: sum / n, se: Number.isFinite(variance) ? Math.sqrt(Math.max(variance, 0)) : null };
}

/**
 * AMEs of a multinomial logit for every outcome (reference first, then the others in parameter order).
 * dP_k/dbeta_(l, j) = P_k (1[k = l] - P_l) x_j for the non-reference outcomes l.
 */
export function ameMultinom(beta: readonly number[], K: number, vcov: Matrix | null, X1: Design, X0: Design): Ame[] {
  const { n, p } = X1;
  const q = p * (K - 1);
  const P1 = multinomProbabilities(X1.X, n, p, K, beta).P;
  const P0 = multinomProbabilities(X0.X, n, p, K, beta).P;
  const sums = new Float64Array(K);
  const grads = Array.from({ length: K }, () => new Float64Array(q));
  const c1 = new Float64Array(K * K);
  const c0 = new Float64Array(K * K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const a1 = P1[i * K + k]!;
      const a0 = P0[i * K + k]!;
      sums[k]! += a1 - a0;
      for (let l = 1; l < K; l++) {
        c1[k * K + l] = a1 * ((k === l ? 1 : 0) - P1[i * K + l]!);
        c0[k * K + l] = a0 * ((k === l ? 1 : 0) - P0[i * K + l]!);
      }
    }
    for (let j = 0; j < p; j++) {
      const x1 = X1.X[i * p + j]!;
      const x0 = X0.X[i * p + j]!;
      if (x1 === 0 && x0 === 0) continue;
      for (let k = 0; k < K; k++) {
        const g = grads[k]!;
        for (let l = 1; l < K; l++) g[(l - 1) * p + j]! += c1[k * K + l]! * x1 - c0[k * K + l]! * x0;
      }
    }
  }
  return grads.map((g, k) => {
    for (let j = 0; j < q; j++) g[j]! /= n;
    const variance = vcov ? quadraticForm(vcov, g) : Number.NaN;
    return { estimate: sums[k]! / n, se: Number.isFinite(variance) ? Math.sqrt(Math.max(variance, 0)) : null };
  });
}

import { Matrix } from "ml-matrix";
import { ModelError, rankCheck, selectColumns, type ColumnInfo, type Design, type DroppedColumn } from "./design";
import { cholesky, inverseSpd, symmetricFromUpper, solveVector } from "./linalg";
import { clusterIndex, clusterMeat, clusterRobustHC1 } from "./robust";
import { indicatorSeparation, type FitStatus, type SeparationItem } from "./separation";

/**
 * Multinomial (baseline-category) logistic regression by Newton-Raphson on the full block Hessian, with step
 * halving. Parameters are stored outcome-major: beta[k * p + j] is column j's coefficient for the k-th non-reference
 * outcome, log(P(outcome k) / P(reference)). Same reporting as the binary fit: dropped columns, separation,
 * convergence, model-based and cluster-robust (HC1) covariance. R's nnet::multinom fits the same model.
 */

export interface MultinomOptions {
  maxIter?: number;
  tol?: number;
  cluster?: ArrayLike<string | number>;
}

export interface MultinomFit {
  status: FitStatus;
  converged: boolean;
  iterations: number;
  design: Design;
  keep: number[];
  columns: ColumnInfo[];
  names: string[];
  reference: string;
  /** Non-reference outcomes, in the order of the parameter blocks. */
  outcomes: string[];
  beta: number[];
  vcovModel: Matrix;
  vcovRobust: Matrix | null;
  clusters: number | null;
  n: number;
  counts: Record<string, number>;
  logLik: number;
  dropped: DroppedColumn[];
  separation: SeparationItem[];
  fittedAtBounds: number;
  warnings: string[];
}

/**
 * Outcome probabilities for every row (row-major n x K, reference first) from outcome-major coefficients.
 * Returns the log-likelihood too when codes are given.
 */
export function multinomProbabilities(
  X: Float64Array,
  n: number,
  p: number,
  K: number,
  beta: ArrayLike<number>,
  out?: Float64Array,
  codes?: ArrayLike<number>,
): { P: Float64Array; logLik: number } {
  const P = out ?? new Float64Array(n * K);
  const eta = new Float64Array(K);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    let max = 0;
    eta[0] = 0;
    for (let k = 1; k < K; k++) {
      let s = 0;
      const off = (k - 1) * p;
      for (let j = 0; j < p; j++) {
        const x = X[i * p + j]!;
        if (x !== 0) s += x * beta[off + j]!;
      }
      eta[k] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(eta[k]! - max);
    const logSum = max + Math.log(sum);
    for (let k = 0; k < K; k++) P[i * K + k] = Math.exp(eta[k]! - logSum);
    if (codes) logLik += eta[codes[i]!]! - logSum;
  }
  return { P, logLik };
}

/** Negative Hessian (information matrix), exactly symmetric, of size p(K-1). */
function information(X: Float64Array, n: number, p: number, K: number, P: Float64Array): Matrix {
  const m = K - 1;
  const q = p * m;
  const pairs: [number, number][] = [];
  for (let a = 0; a < m; a++) for (let b = a; b < m; b++) pairs.push([a, b]);
  const blocks = pairs.map(() => new Float64Array(p * p));
  const w = new Float64Array(pairs.length);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < pairs.length; t++) {
      const [a, b] = pairs[t]!;
      const pa = P[i * K + a + 1]!;
      w[t] = pa * ((a === b ? 1 : 0) - P[i * K + b + 1]!);
    }
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const xj = X[row + j]!;
      if (xj === 0) continue;
      for (let l = j; l < p; l++) {
        const xx = xj * X[row + l]!;
        if (xx === 0) continue;
        for (let t = 0; t < pairs.length; t++) blocks[t]![j * p + l]! += w[t]! * xx;
      }
    }
  }
  const upper = new Float64Array(q * q);
  pairs.forEach(([a, b], t) => {
    const blk = blocks[t]!;
    for (let j = 0; j < p; j++) {
      for (let l = 0; l < p; l++) {
        const r = a * p + j;
        const c = b * p + l;
        if (c < r) continue;
        upper[r * q + c] = blk[Math.min(j, l) * p + Math.max(j, l)]!;
      }
    }
  });
  return symmetricFromUpper(upper, q);
}

export function fitMultinom(
  input: Design,
  y: ArrayLike<string>,
  levels: readonly string[],
  opts: MultinomOptions = {},
): MultinomFit {
  const { n } = input;
  const K = levels.length;
  if (K < 3) throw new ModelError("A multinomial model needs at least three outcome levels (use fitLogit for two)");
  if (y.length !== n) throw new ModelError(`Outcome has ${y.length} values for ${n} observations`);
  const code = new Map(levels.map((l, k) => [l, k]));
  const codes = new Int32Array(n);
  const counts = Object.fromEntries(levels.map((l) => [l, 0])) as Record<string, number>;
  for (let i = 0; i < n; i++) {
    const k = code.get(y[i]!);
    if (k === undefined)
      throw new ModelError(`Outcome "${y[i]}" of observation ${i + 1} is not one of ${levels.join(", ")}`);
    codes[i] = k;
    counts[y[i]!]!++;
  }
  const empty = levels.filter((l) => counts[l] === 0);
  if (empty.length) throw new ModelError(`Outcome level(s) never observed: ${empty.join(", ")}`);

  const { keep, dropped } = rankCheck(input);
  const d = selectColumns(input, keep);
  const { X, p } = d;
  const q = p * (K - 1);
  const warnings = dropped.map((c) => `Dropped ${c.column}: ${c.detail}.`);
  const separation = indicatorSeparation(d, (i) => levels[codes[i]!]!, levels, levels[0]!);

  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-10;
  const beta = new Array<number>(q).fill(0);
  const interceptAt = d.columns.findIndex((c) => c.kind === "intercept");
  if (interceptAt >= 0)
    for (let k = 1; k < K; k++) beta[(k - 1) * p + interceptAt] = Math.log(counts[levels[k]!]! / counts[levels[0]!]!);

  let P: Float64Array = new Float64Array(n * K);
  let logLik = multinomProbabilities(X, n, p, K, beta, P, codes).logLik;
  let converged = false;
  let singular = false;
  let iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    const chol = cholesky(information(X, n, p, K, P));
    if (!chol) {
      singular = true;
      break;
    }
    const g = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      for (let k = 1; k < K; k++) {
        const r = (codes[i] === k ? 1 : 0) - P[i * K + k]!;
        const off = (k - 1) * p;
        for (let j = 0; j < p; j++) g[off + j]! += X[i * p + j]! * r;
      }
    }
    const step = solveVector(chol, g);
    let scale = 1;
    let candidate = beta.map((b, j) => b + step[j]!);
    let next = multinomProbabilities(X, n, p, K, candidate, undefined, codes);
    for (let h = 0; h < 30 && !(next.logLik >= logLik - 1e-12 * Math.abs(logLik)); h++) {
      scale /= 2;
      candidate = beta.map((b, j) => b + scale * step[j]!);
      next = multinomProbabilities(X, n, p, K, candidate, undefined, codes);
    }
    const small = step.every((s, j) => Math.abs(scale * s) <= tol * (1 + Math.abs(beta[j]!)));
    const change = Math.abs(next.logLik - logLik) / (Math.abs(next.logLik) + 0.1);
    for (let j = 0; j < q; j++) beta[j] = candidate[j]!;
    P = next.P;
    logLik = next.logLik;
    if (small) {
      converged = true;
      break;
    }
    if (separation.length > 0 && change < 1e-10) break;
  }

  let fittedAtBounds = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      if (P[i * K + k]! < 10 * Number.EPSILON) {
        fittedAtBounds++;
        break;
      }
    }
  }
  const cholFinal = singular ? null : cholesky(information(X, n, p, K, P));
  const vcovModel = cholFinal ? inverseSpd(cholFinal, q) : new Matrix(q, q).fill(Number.NaN);
  if (!cholFinal)
    warnings.push("The information matrix is singular at the estimates: standard errors are not available.");

  let vcovRobust: Matrix | null = null;
  let clusters: number | null = null;
  if (opts.cluster && cholFinal) {
    const ci = clusterIndex(opts.cluster);
    const meat = clusterMeat(n, q, ci, (i, out) => {
      for (let k = 1; k < K; k++) {
        const r = (codes[i] === k ? 1 : 0) - P[i * K + k]!;
        for (let j = 0; j < p; j++) out[(k - 1) * p + j] = X[i * p + j]! * r;
      }
    });
    ({ vcov: vcovRobust, clusters } = clusterRobustHC1(vcovModel, meat, n, ci.G));
  }

  if (fittedAtBounds > 0 && separation.length === 0) {
    separation.push({
      column: "(combination of predictors)",
      outcome: null,
      detail: `${fittedAtBounds} observations have an outcome probability that is numerically 0: (quasi-)complete separation`,
    });
  }
  // Separation explains a singular information matrix too (the weights of separated observations vanish).
  const status: FitStatus =
    separation.length > 0 ? "separation" : singular ? "singular" : converged ? "converged" : "not_converged";
  for (const s of separation)
    warnings.push(
      `Separation (${s.column}${s.outcome ? `, ${s.outcome}` : ""}): ${s.detail}; that estimate is not finite.`,
    );
  if (status === "not_converged")
    warnings.push(`Did not converge in ${maxIter} iterations: the estimates are not the maximum-likelihood ones.`);
  if (singular)
    warnings.push(
      "Newton iterations stopped: the information matrix became singular, so the estimates are not maximum-likelihood ones.",
    );

  return {
    status,
    converged,
    iterations,
    design: d,
    keep,
    columns: d.columns,
    names: d.columns.map((c) => c.name),
    reference: levels[0]!,
    outcomes: levels.slice(1),
    beta,
    vcovModel,
    vcovRobust,
    clusters,
    n,
    counts,
    logLik,
    dropped,
    separation,
    fittedAtBounds,
    warnings,
  };
}

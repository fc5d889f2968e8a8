import { Matrix } from "ml-matrix";
import { ModelError, rankCheck, selectColumns, type ColumnInfo, type Design, type DroppedColumn } from "./design";
import { cholesky, crossprod, inverseSpd, linearPredictor, solveVector } from "./linalg";
import { clusterIndex, clusterMeat, clusterRobustHC1 } from "./robust";
import { indicatorSeparation, type FitStatus, type SeparationItem } from "./separation";

export { ModelError } from "./design";

/**
 * Binary logistic regression by Newton-Raphson (= IRLS for the canonical logit link) with step halving.
 * Columns are first rank-checked (collinear and empty columns dropped and named), separation is looked for before
 * and after the fit, and every problem is reported in `status` and `warnings` rather than hidden.
 * Matches R's glm(family = binomial) to ~1e-12 on coefficients; the cluster-robust covariance matches
 * sandwich::vcovCL(type = "HC1").
 */

export interface LogitOptions {
  maxIter?: number;
  /** Converged when every Newton step is below tol * (1 + |coefficient|). */
  tol?: number;
  /** Cluster label per observation: when given, the cluster-robust HC1 covariance is computed too. */
  cluster?: ArrayLike<string | number>;
}

export interface LogitFit {
  status: FitStatus;
  converged: boolean;
  iterations: number;
  /** The design actually fitted (after dropping columns) and the indices of its columns in the input design. */
  design: Design;
  keep: number[];
  columns: ColumnInfo[];
  names: string[];
  beta: number[];
  vcovModel: Matrix;
  vcovRobust: Matrix | null;
  clusters: number | null;
  n: number;
  events: number;
  deviance: number;
  nullDeviance: number;
  logLik: number;
  fitted: Float64Array;
  dropped: DroppedColumn[];
  separation: SeparationItem[];
  /** Observations whose fitted probability is numerically 0 or 1 (R warns about these). */
  fittedAtBounds: number;
  warnings: string[];
}

const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
const BOUND_EPS = 10 * Number.EPSILON;

export function logistic(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

function deviance(eta: Float64Array, y: ArrayLike<number>): number {
  let dev = 0;
  for (let i = 0; i < eta.length; i++) dev += 2 * (y[i] === 1 ? softplus(-eta[i]!) : softplus(eta[i]!));
  return dev;
}

export function fitLogit(input: Design, y: ArrayLike<number>, opts: LogitOptions = {}): LogitFit {
  const { n } = input;
  if (y.length !== n) throw new ModelError(`Outcome has ${y.length} values for ${n} observations`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new ModelError(`Outcome must be 0 or 1, observation ${i + 1} is ${y[i]}`);
    events += y[i]!;
  }
  if (events === 0 || events === n)
    throw new ModelError(`The outcome is ${events === 0 ? "never" : "always"} 1: nothing to model`);

  const { keep, dropped } = rankCheck(input);
  const d = selectColumns(input, keep);
  const { X, p } = d;
  const warnings = dropped.map((c) => `Dropped ${c.column}: ${c.detail}.`);
  const separation = indicatorSeparation(d, (i) => (y[i] === 1 ? "1" : "0"), ["0", "1"], "0");

  const maxIter = opts.maxIter ?? 50;
  const tol = opts.tol ?? 1e-10;
  const beta = new Array<number>(p).fill(0);
  const interceptAt = d.columns.findIndex((c) => c.kind === "intercept");
  if (interceptAt >= 0) beta[interceptAt] = Math.log(events / (n - events));

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const w = new Float64Array(n);
  const resid = new Float64Array(n);
  const refresh = (b: ArrayLike<number>) => {
    linearPredictor(X, n, p, b, 0, eta);
    for (let i = 0; i < n; i++) {
      mu[i] = logistic(eta[i]!);
      w[i] = mu[i]! * (1 - mu[i]!);
      resid[i] = y[i]! - mu[i]!;
    }
  };

  refresh(beta);
  let dev = deviance(eta, y);
  let converged = false;
  let singular = false;
  let iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    const H = crossprod(X, n, p, w);
    const chol = cholesky(H);
    if (!chol) {
      singular = true;
      break;
    }
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const r = resid[i]!;
      if (r === 0) continue;
      for (let j = 0; j < p; j++) g[j]! += X[i * p + j]! * r;
    }
    const step = solveVector(chol, g);
    let scale = 1;
    let candidate = beta.map((b, j) => b + step[j]!);
    let newDev = deviance(linearPredictor(X, n, p, candidate), y);
    for (let h = 0; h < 30 && !(newDev <= dev * (1 + 1e-12)); h++) {
      scale /= 2;
      candidate = beta.map((b, j) => b + scale * step[j]!);
      newDev = deviance(linearPredictor(X, n, p, candidate), y);
    }
    const small = step.every((s, j) => Math.abs(scale * s) <= tol * (1 + Math.abs(beta[j]!)));
    const devChange = Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1);
    for (let j = 0; j < p; j++) beta[j] = candidate[j]!;
    refresh(beta);
    dev = newDev;
    if (small) {
      converged = true;
      break;
    }
    // Under separation the deviance settles while some coefficients drift off to infinity: stop, and say so.
    if (separation.length > 0 && devChange < 1e-10) break;
  }

  let fittedAtBounds = 0;
  for (let i = 0; i < n; i++) if (mu[i]! < BOUND_EPS || mu[i]! > 1 - BOUND_EPS) fittedAtBounds++;

  const cholFinal = singular ? null : cholesky(crossprod(X, n, p, w));
  const vcovModel = cholFinal ? inverseSpd(cholFinal, p) : new Matrix(p, p).fill(Number.NaN);
  if (!cholFinal)
    warnings.push("The information matrix is singular at the estimates: standard errors are not available.");

  let vcovRobust: Matrix | null = null;
  let clusters: number | null = null;
  if (opts.cluster && cholFinal) {
    const ci = clusterIndex(opts.cluster);
    const meat = clusterMeat(n, p, ci, (i, out) => {
      for (let j = 0; j < p; j++) out[j] = X[i * p + j]! * resid[i]!;
    });
    ({ vcov: vcovRobust, clusters } = clusterRobustHC1(vcovModel, meat, n, ci.G));
  }

  if (fittedAtBounds > 0 && separation.length === 0) {
    // No single indicator explains it: report the coefficients that ran away, if any.
    const suspects = d.columns.filter((_, j) => Math.abs(beta[j]!) > 10).map((c) => c.name);
    separation.push({
      column: suspects.join(", ") || "(combination of predictors)",
      outcome: null,
      detail: `${fittedAtBounds} fitted probabilities are numerically 0 or 1: (quasi-)complete separation by a combination of predictors`,
    });
  }
  // Separation explains a singular information matrix too (the weights of separated observations vanish).
  const status: FitStatus =
    separation.length > 0 ? "separation" : singular ? "singular" : converged ? "converged" : "not_converged";
  for (const s of separation)
    warnings.push(
      `Separation (${s.column}): ${s.detail}; its estimate is not finite and is not reported as a number to trust.`,
    );
  if (status === "not_converged")
    warnings.push(`Did not converge in ${maxIter} iterations: the estimates are not the maximum-likelihood ones.`);
  if (singular)
    warnings.push(
      "Newton iterations stopped: the information matrix became singular, so the estimates are not maximum-likelihood ones.",
    );

  let nullDev = 0;
  const ybar = events / n;
  for (let i = 0; i < n; i++) nullDev -= 2 * (y[i] === 1 ? Math.log(ybar) : Math.log(1 - ybar));

  return {
    status,
    converged,
    iterations,
    design: d,
    keep,
    columns: d.columns,
    names: d.columns.map((c) => c.name),
    beta,
    vcovModel,
    vcovRobust,
    clusters,
    n,
    events,
    deviance: dev,
    nullDeviance: nullDev,
    logLik: -dev / 2,
    fitted: mu,
    dropped,
    separation,
    fittedAtBounds,
    warnings,
  };
}

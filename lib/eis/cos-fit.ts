import { DpScratch, logPosterior, type CosProblem } from "./cos-likelihood";
import { covarianceBlock, factorPrecision, negativeHessian, type PrecisionFactor } from "./laplace";
import { minimizeLbfgs, type LbfgsResult } from "./lbfgs";
import { factorSparse, solveSparse, type SparseFactor } from "./sparse-cholesky";

/**
 * Fitting the COS model (see cos-likelihood.ts) in one of two ways:
 *
 * - "marginal" (the default): the scale increments delta maximise the Laplace approximation of their marginal
 *   posterior, log p(y, lambda_hat(delta), delta) - 1/2 log det A(delta), where lambda_hat(delta) is the posterior
 *   mode of lambda given delta and A(delta) = -d2/dlambda2 of the log posterior there. Then lambda | delta_hat, y is
 *   approximated by N(lambda_hat, A^-1). The second term matters: on the Ridgeway file the joint mode puts s_2 at 2.27
 *   (s_0 = 0, s_1 = 1) while the marginal mode puts it at ~1.05, Ridgeway's MCMC posterior mean; with 1,500
 *   officer parameters the joint mode overstates the spacing of the levels (the volume of the lambda posterior
 *   shrinks as s grows, and the joint mode ignores it).
 * - "joint": the joint posterior mode of (lambda, delta) by L-BFGS with a Laplace approximation over all parameters.
 *   Kept because it is the textbook MAP that the R oracle checks directly, and for comparison.
 *
 * The outer search over delta (at most 3 numbers) is Newton's method on central finite differences of the
 * Laplace-marginal (each evaluation: an L-BFGS fit of lambda warm-started from the last one, the Hessian, a Cholesky).
 */
export type ScaleMethod = "marginal" | "joint";

export interface CosFitOptions {
  method: ScaleMethod;
  gradTol: number;
  maxIterations: number;
  /** Multiplies the scale search's stopping thresholds (1 by default; the R comparison uses 1e-4). */
  scaleTolerance: number;
}

export interface CosFit {
  /** lambda (n) followed by delta (q). */
  theta: Float64Array;
  /**
   * Cholesky factor of the posterior precision used for intervals and draws: of all parameters, dense ("joint", size
   * n + q), or of lambda given delta, the scale search's sparse factor at its final point ("marginal", size n).
   */
  factor: { kind: "dense"; factor: PrecisionFactor } | { kind: "sparse"; factor: SparseFactor };
  /** Approximate posterior covariance of delta (q x q). */
  deltaCov: number[][];
  iterations: number;
  evaluations: number;
  scaleEvaluations: number;
  converged: boolean;
  message: string;
  gradMax: number;
  logPosterior: number;
}

function fitLambda(
  problem: CosProblem,
  delta: ArrayLike<number>,
  warm: Float64Array,
  scratch: DpScratch,
  o: CosFitOptions,
): LbfgsResult {
  const n = problem.nOfficers;
  const theta = new Float64Array(n + problem.scale.nFree);
  theta.set(Array.from(delta), n);
  const full = new Float64Array(theta.length);
  return minimizeLbfgs(
    (x, g) => {
      theta.set(x);
      const lp = logPosterior(problem, theta, scratch, full);
      for (let i = 0; i < n; i++) g[i] = -full[i]!;
      return -lp;
    },
    warm,
    { gradTol: o.gradTol, maxIterations: o.maxIterations },
  );
}

/** The joint posterior mode of (lambda, delta) by L-BFGS, nothing more (the bench compares the whole fit with it). */
export function fitJointMode(
  problem: CosProblem,
  o: Pick<CosFitOptions, "gradTol" | "maxIterations">,
  scratch = DpScratch.for(problem.incidents),
): LbfgsResult {
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  const theta0 = new Float64Array(n + q).fill(problem.priors.deltaMean, n);
  return minimizeLbfgs(
    (x, g) => {
      const lp = logPosterior(problem, x, scratch, g);
      for (let i = 0; i < g.length; i++) g[i] = -g[i]!;
      return -lp;
    },
    theta0,
    { gradTol: o.gradTol, maxIterations: o.maxIterations },
  );
}

function fitJoint(problem: CosProblem, scratch: DpScratch, o: CosFitOptions): CosFit {
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  const opt = fitJointMode(problem, o, scratch);
  const factor = factorPrecision(negativeHessian(problem, opt.x, true), n + q);
  if (!factor)
    throw new Error(
      "escalation model: the Hessian at the posterior mode is not positive definite (the fit did not reach a maximum)",
    );
  const deltaCov = covarianceBlock(
    factor,
    Array.from({ length: q }, (_, j) => n + j),
  );
  return {
    theta: opt.x,
    factor: { kind: "dense", factor },
    deltaCov,
    iterations: opt.iterations,
    evaluations: opt.evaluations,
    scaleEvaluations: 0,
    converged: opt.converged,
    message: opt.message,
    gradMax: opt.gradMax,
    logPosterior: -opt.value,
  };
}

interface MarginalPoint {
  value: number;
  lambda: Float64Array;
  /** The sparse factorisation of A at the mode of lambda (also the final point's posterior precision). */
  factor: SparseFactor;
  opt: LbfgsResult;
  gradMax: number;
}

/**
 * Chord iterations towards the mode of lambda given delta: lambda += A_ref^-1 grad with the Cholesky factor of a
 * nearby point (the current centre of the scale search). When delta moves by 0.01-0.1 the Hessian barely changes,
 * so each step (one gradient and two triangular solves, ~15 ms for 1,500 officers) shrinks the error by a large
 * factor: this replaces a full L-BFGS fit (~0.5 s). Returns null when the steps stop shrinking the gradient.
 */
function chordIterations(
  problem: CosProblem,
  delta: number[],
  start: Float64Array,
  ref: SparseFactor,
  scratch: DpScratch,
  gradTol: number,
): Float64Array | null {
  const n = problem.nOfficers;
  const theta = new Float64Array(n + problem.scale.nFree);
  theta.set(start);
  theta.set(delta, n);
  const grad = new Float64Array(theta.length);
  let previous = Infinity;
  for (let iter = 0; iter < 30; iter++) {
    logPosterior(problem, theta, scratch, grad);
    const gmax = grad.subarray(0, n).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (gmax <= gradTol) return theta.slice(0, n);
    if (!(gmax < 0.5 * previous)) return null;
    previous = gmax;
    const step = solveSparse(ref, grad.subarray(0, n));
    for (let i = 0; i < n; i++) theta[i]! += step[i]!;
  }
  return null;
}

/**
 * The mode of lambda given delta (chord iterations from a nearby point's factor, else L-BFGS warm-started), then
 * one Newton step with the Hessian that the Laplace term needs anyway (one triangular solve; it removes what is
 * left of the gradient). Returns the Laplace-marginal value there.
 */
function lambdaMode(
  problem: CosProblem,
  delta: number[],
  warm: Float64Array,
  ref: SparseFactor | null,
  scratch: DpScratch,
  o: CosFitOptions,
  buffer: Float64Array,
): MarginalPoint {
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  const chord = ref ? chordIterations(problem, delta, warm, ref, scratch, o.gradTol) : null;
  const opt: LbfgsResult = chord
    ? {
        x: chord,
        value: NaN,
        gradMax: o.gradTol,
        iterations: 0,
        evaluations: 0,
        converged: true,
        message: "chord iterations",
      }
    : fitLambda(problem, delta, warm, scratch, o);
  const theta = new Float64Array(n + q);
  theta.set(opt.x);
  theta.set(delta, n);
  // The Hessian is assembled into the search's one buffer and factored in place (it is not needed afterwards).
  const hessian = negativeHessian(problem, theta, false, buffer);
  const factor = factorSparse(hessian, n, ref?.order, true);
  if (!factor)
    throw new Error("escalation model: the Hessian at the posterior mode of lambda is not positive definite");
  const grad = new Float64Array(n + q);
  logPosterior(problem, theta, scratch, grad);
  const step = solveSparse(factor, grad.subarray(0, n));
  for (let i = 0; i < n; i++) theta[i]! += step[i]!;
  const value = logPosterior(problem, theta, scratch, grad);
  const gradMax = grad.subarray(0, n).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return { value: value - 0.5 * factor.logDet, lambda: theta.slice(0, n), factor, opt, gradMax };
}

function fitMarginal(problem: CosProblem, scratch: DpScratch, o: CosFitOptions): CosFit {
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  let warm: Float64Array = new Float64Array(n);
  let scaleEvaluations = 0;
  let iterations = 0;
  let evaluations = 0;
  let ref: SparseFactor | null = null;
  const buffer = new Float64Array(n * n);
  const at = (delta: number[]): MarginalPoint => {
    const p = lambdaMode(problem, delta, warm, ref, scratch, o, buffer);
    scaleEvaluations++;
    iterations += p.opt.iterations;
    evaluations += p.opt.evaluations;
    return p;
  };

  let delta = Array.from({ length: q }, () => problem.priors.deltaMean);
  let current = at(delta);
  warm = current.lambda;
  ref = current.factor;
  let deltaCov: number[][] = [];
  let converged = q === 0;
  let message = q === 0 ? "no free scale value" : "scale search did not converge";
  // Central differences with h = 0.1 in log-increment units: the Laplace-marginal changes by ~1e-2 there, far above
  // the rounding left by the inner fits, and its truncation error places the maximum to ~1e-3 in delta (s to ~1e-4,
  // far inside its standard error). A smaller scaleTolerance adds steps with h = 0.01 (used by the R comparison).
  let h = 0.1;
  let carriedCross: number[][] | null = null;
  for (let iter = 0; iter < 30 && q > 0; iter++) {
    const shifted = (steps: [number, number][]) =>
      at(delta.map((d, j) => d + steps.reduce((acc, [k, sign]) => acc + (k === j ? sign * h : 0), 0))).value;
    const plus = delta.map((_, j) => shifted([[j, 1]]));
    const minus = delta.map((_, j) => shifted([[j, -1]]));
    const grad = delta.map((_, j) => (plus[j]! - minus[j]!) / (2 * h));
    const hess = delta.map(() => delta.map(() => 0));
    for (let j = 0; j < q; j++) hess[j]![j] = (plus[j]! - 2 * current.value + minus[j]!) / (h * h);
    // The cross terms cost two evaluations per pair. Away from the maximum they only shape the Newton direction, and
    // they change slowly (Ridgeway file: -0.13, -0.07, -0.05, -0.05 next to diagonals of -8 to -1.5), so they are
    // carried over from the last point where they were differenced; they are differenced afresh at the first point,
    // wherever the carried ones leave the surface not concave, and wherever the predicted gain falls below 1e-3
    // (every convergence decision and the covariance of delta use the full differences at the final point).
    const crossFresh = () => {
      for (let j = 0; j < q; j++) {
        for (let k = j + 1; k < q; k++) {
          const both =
            shifted([
              [j, 1],
              [k, 1],
            ]) +
            shifted([
              [j, -1],
              [k, -1],
            ]);
          hess[j]![k] = hess[k]![j] =
            (both - plus[j]! - plus[k]! + 2 * current.value - minus[j]! - minus[k]!) / (2 * h * h);
        }
      }
      carriedCross = hess.map((row) => row.slice());
      return true;
    };
    const carried = carriedCross;
    let fresh = carried === null && crossFresh();
    if (carried) for (let j = 0; j < q; j++) for (let k = 0; k < q; k++) if (j !== k) hess[j]![k] = carried[j]![k]!;
    // Newton's predicted gain g' H^-1 g / 2; below 1e-5 the maximum is within ~4e-3 of delta (s within ~2e-4 on the
    // Ridgeway file, a tenth of its standard error).
    const curvature = () => {
      const inverse = invertSmallSpd(hess.map((row) => row.map((v) => -v)));
      const predicted = inverse
        ? grad.reduce((acc, g, j) => acc + g * inverse[j]!.reduce((a, v, k) => a + v * grad[k]!, 0), 0) / 2
        : Infinity;
      return { inv: inverse, gain: predicted };
    };
    let { inv, gain } = curvature();
    if (!fresh && !(gain >= 1e-3 && gain < Infinity)) {
      fresh = crossFresh();
      ({ inv, gain } = curvature());
    }
    if (inv) deltaCov = inv;
    const finest = h <= 0.01 || o.scaleTolerance >= 1;
    if (gain < 1e-5 * o.scaleTolerance) {
      if (finest) {
        converged = true;
        message = "scale search converged";
        break;
      }
      h = 0.01;
      continue;
    }
    // Newton step where the surface is concave, else a gradient step; at most 1 in log-increment units.
    let step = inv
      ? inv.map((row) => row.reduce((acc, v, k) => acc + v * grad[k]!, 0))
      : grad.map((g) => g / Math.max(1, Math.abs(g)));
    const longest = Math.max(...step.map(Math.abs));
    if (longest > 1) step = step.map((v) => v / longest);
    let next: MarginalPoint | null = null;
    let t = 1;
    // A predicted gain below 1e-3 is near the rounding of the differences: one full Newton step is tried, no halving.
    for (; t > (gain < 1e-3 ? 0.5 : 1e-3); t /= 2) {
      const candidate = at(delta.map((d, j) => d + t * step[j]!));
      if (candidate.value > current.value) {
        next = candidate;
        break;
      }
    }
    if (!next) {
      // No increase along the Newton direction: the search is at the resolution of the differences.
      if (!finest) {
        h = 0.01;
        continue;
      }
      converged = Boolean(inv) && gain < 1e-3;
      message = converged
        ? "scale search converged (no further increase)"
        : "scale search: no further increase, but the Laplace-marginal is not flat there";
      break;
    }
    delta = delta.map((d, j) => d + t * step[j]!);
    current = next;
    warm = current.lambda;
    ref = current.factor;
  }
  const theta = new Float64Array(n + q);
  theta.set(current.lambda);
  theta.set(delta, n);
  const lambdaConverged = current.gradMax < 1e-6;
  // The intervals and the posterior draws use the final point's sparse factor (sparse-posterior.ts; method eis-4).
  return {
    theta,
    factor: { kind: "sparse", factor: current.factor },
    deltaCov,
    iterations,
    evaluations,
    scaleEvaluations,
    converged: converged && lambdaConverged,
    message: lambdaConverged ? message : `${message}; lambda gradient ${current.gradMax.toExponential(1)}`,
    gradMax: current.gradMax,
    logPosterior: current.value + 0.5 * current.factor.logDet,
  };
}

/** Inverse of a small symmetric positive-definite matrix (Gauss-Jordan), or null when it is not positive definite. */
function invertSmallSpd(a: number[][]): number[][] | null {
  const q = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: q }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < q; c++) {
    const pivot = m[c]![c]!;
    if (!(pivot > 0)) return null;
    for (let j = 0; j < 2 * q; j++) m[c]![j]! /= pivot;
    for (let r = 0; r < q; r++) {
      if (r === c) continue;
      const factor = m[r]![c]!;
      for (let j = 0; j < 2 * q; j++) m[r]![j]! -= factor * m[c]![j]!;
    }
  }
  return m.map((row) => row.slice(q));
}

export function fitCos(problem: CosProblem, o: CosFitOptions): CosFit {
  const scratch = DpScratch.for(problem.incidents);
  return o.method === "joint" ? fitJoint(problem, scratch, o) : fitMarginal(problem, scratch, o);
}

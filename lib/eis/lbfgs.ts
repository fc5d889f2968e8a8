/**
 * Limited-memory BFGS minimiser (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.4 with the
 * strong-Wolfe line search of Algorithms 3.5-3.6). Written here because npm has no maintained L-BFGS: the packages
 * found (fmin 0.0.4, unmaintained since 2017) offer only conjugate gradient and Nelder-Mead, and the optimiser is
 * ~100 lines that the COS tests exercise directly (gradient checks, recovery on simulated data, agreement with R's
 * optim to 1e-5).
 */

export interface LbfgsOptions {
  /** Stop when the largest absolute gradient component is below this. */
  gradTol?: number;
  maxIterations?: number;
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  gradMax: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
}

/** fg(x, grad) returns f(x) and writes the gradient into grad. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export function minimizeLbfgs(fg: ObjectiveWithGradient, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const gradTol = options.gradTol ?? 1e-8;
  const maxIterations = options.maxIterations ?? 5000;
  const m = options.memory ?? 10;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let evaluations = 1;
  let f = fg(x, g);
  if (!Number.isFinite(f)) throw new Error("L-BFGS: the objective is not finite at the starting point");
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alpha = new Float64Array(m);
  let iterations = 0;
  let message = "maximum iterations reached";
  let converged = false;

  while (iterations < maxIterations) {
    if (maxAbs(g) <= gradTol) {
      converged = true;
      message = "gradient below tolerance";
      break;
    }
    // Two-loop recursion: d = -H g.
    const d = Float64Array.from(g, (v) => -v);
    for (let j = sHist.length - 1; j >= 0; j--) {
      alpha[j] = rhoHist[j]! * dot(sHist[j]!, d);
      const y = yHist[j]!;
      for (let i = 0; i < n; i++) d[i]! -= alpha[j]! * y[i]!;
    }
    const gamma = sHist.length
      ? dot(sHist.at(-1)!, yHist.at(-1)!) / dot(yHist.at(-1)!, yHist.at(-1)!)
      : 1 / Math.max(1, maxAbs(g));
    for (let i = 0; i < n; i++) d[i]! *= gamma;
    for (let j = 0; j < sHist.length; j++) {
      const beta = rhoHist[j]! * dot(yHist[j]!, d);
      const s = sHist[j]!;
      for (let i = 0; i < n; i++) d[i]! += s[i]! * (alpha[j]! - beta);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHist.length = yHist.length = rhoHist.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]! / Math.max(1, maxAbs(g));
      slope = dot(g, d);
    }
    const ls = wolfeLineSearch(fg, x, f, g, d, slope);
    evaluations += ls.evaluations;
    iterations++;
    if (!ls.ok) {
      if (sHist.length === 0) {
        // No decrease found even along the steepest descent: the objective is flat to machine precision here.
        converged = maxAbs(g) <= 1000 * gradTol;
        message = converged
          ? "gradient near tolerance; no further decrease at machine precision"
          : "line search failed";
        break;
      }
      sHist.length = yHist.length = rhoHist.length = 0;
      continue;
    }
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = ls.x[i]! - x[i]!;
      yNew[i] = ls.g[i]! - g[i]!;
    }
    const sy = dot(sNew, yNew);
    x = ls.x;
    g = ls.g;
    f = ls.f;
    if (sy > 1e-12 * Math.sqrt(dot(sNew, sNew) * dot(yNew, yNew))) {
      if (sHist.length === m) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(sNew);
      yHist.push(yNew);
      rhoHist.push(1 / sy);
    }
  }
  return { x, value: f, gradMax: maxAbs(g), iterations, evaluations, converged, message };
}

interface LineSearchResult {
  ok: boolean;
  x: Float64Array;
  f: number;
  g: Float64Array;
  evaluations: number;
}

/**
 * Strong-Wolfe line search (c1 = 1e-4, c2 = 0.9) with bracketing and cubic/bisection zoom. Near the minimum of a
 * sum over thousands of incidents, changes of f fall to its rounding error (~1e-12 relative) while the gradient is
 * still informative; there the approximate Wolfe conditions of Hager & Zhang (2005) accept a point whose value is
 * within rounding of f0 and whose slope satisfies the curvature conditions, so the search keeps using the gradient.
 */
function wolfeLineSearch(
  fg: ObjectiveWithGradient,
  x: Float64Array,
  f0: number,
  g0: Float64Array,
  d: Float64Array,
  slope0: number,
): LineSearchResult {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  let evaluations = 0;
  interface Point {
    t: number;
    x: Float64Array;
    f: number;
    g: Float64Array;
    slope: number;
  }
  const at = (t: number): Point => {
    const xt = new Float64Array(n);
    for (let i = 0; i < n; i++) xt[i] = x[i]! + t * d[i]!;
    const gt = new Float64Array(n);
    evaluations++;
    const ft = fg(xt, gt);
    return { t, x: xt, f: ft, g: gt, slope: dot(gt, d) };
  };
  const flatTol = 1e-12 * Math.max(1, Math.abs(f0));
  const acceptable = (p: Point) =>
    Number.isFinite(p.f) &&
    ((p.f <= f0 + c1 * p.t * slope0 && Math.abs(p.slope) <= -c2 * slope0) ||
      (p.f <= f0 + flatTol && p.slope >= c2 * slope0 && p.slope <= (2 * c1 - 1) * slope0));
  const done = (p: Point): LineSearchResult => ({ ok: true, x: p.x, f: p.f, g: p.g, evaluations });
  const zoom = (lo: Point, hi: Point): LineSearchResult => {
    for (let iter = 0; iter < 40; iter++) {
      let t = cubicMin(lo, hi);
      const [a, b] = lo.t < hi.t ? [lo.t, hi.t] : [hi.t, lo.t];
      if (!Number.isFinite(t) || t <= a + 0.1 * (b - a) || t >= b - 0.1 * (b - a)) t = (a + b) / 2;
      const p = at(t);
      if (acceptable(p)) return done(p);
      if (!Number.isFinite(p.f) || p.f > f0 + c1 * t * slope0 || p.f >= lo.f) hi = p;
      else {
        if (Math.abs(p.slope) <= -c2 * slope0) return { ok: true, x: p.x, f: p.f, g: p.g, evaluations };
        if (p.slope * (hi.t - lo.t) >= 0) hi = lo;
        lo = p;
      }
      if (Math.abs(hi.t - lo.t) < 1e-16 * Math.max(1, lo.t)) break;
    }
    // Accept the best point with sufficient decrease rather than fail when the interval has collapsed.
    return lo.t > 0 && lo.f < f0
      ? { ok: true, x: lo.x, f: lo.f, g: lo.g, evaluations }
      : { ok: false, x, f: f0, g: g0, evaluations };
  };
  let prev: Point = { t: 0, x, f: f0, g: g0, slope: slope0 };
  let t = 1;
  for (let iter = 0; iter < 30; iter++) {
    const p = at(t);
    if (acceptable(p)) return done(p);
    if (!Number.isFinite(p.f) || p.f > f0 + c1 * t * slope0 || (iter > 0 && p.f >= prev.f)) return zoom(prev, p);
    if (Math.abs(p.slope) <= -c2 * slope0) return { ok: true, x: p.x, f: p.f, g: p.g, evaluations };
    if (p.slope >= 0) return zoom(p, prev);
    prev = p;
    t *= 2;
  }
  return { ok: false, x, f: f0, g: g0, evaluations };
}

/** Minimiser of the cubic through two points with values and slopes (NaN when it has none). */
function cubicMin(a: { t: number; f: number; slope: number }, b: { t: number; f: number; slope: number }): number {
  if (!Number.isFinite(a.f) || !Number.isFinite(b.f)) return NaN;
  const d1 = a.slope + b.slope - (3 * (a.f - b.f)) / (a.t - b.t);
  const disc = d1 * d1 - a.slope * b.slope;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b.t - a.t) * Math.sqrt(disc);
  return b.t - (b.t - a.t) * ((b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2));
}

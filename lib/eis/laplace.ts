import seedrandom from "seedrandom";
import {
  chainScaleGradient,
  DpScratch,
  incidentLogLik,
  prepareIncident,
  scaleValues,
  type CosProblem,
  type PreparedIncident,
} from "./cos-likelihood";
import type { PrecisionFactor } from "./dense-cholesky";

/**
 * The Laplace approximation of the COS posterior: a normal distribution centred at the posterior mode with
 * covariance A^-1, where A = -(Hessian of the log posterior) at the mode.
 *
 * A is assembled incident by incident: an incident's log likelihood depends only on its own officers' lambdas and on
 * the scale increments, so its block is (M + q) x (M + q). Each block is computed by forward differences of the
 * analytic gradient, M + q + 1 gradients of the incident where central differences took 2 (M + q) (the scale search
 * assembles A at every evaluation of its marginal). Step 1e-7 (about sqrt of the machine epsilon): truncation error
 * ~1e-7 and rounding ~1e-9, relative, far below the standard errors' reported precision (R comparison: 1e-5); the
 * priors add 1/sd^2 on the diagonal. A is factored by Cholesky (A = L L'); the marginal variances and the posterior
 * draws then use triangular solves on typed arrays (forming A^-1 with ml-matrix took 25 s for 1,500 officers).
 */

const STEP = 1e-7;

/** The incident with its officers renumbered 0..M-1, so that its gradient can be taken on a local lambda vector. */
const localCopies = new WeakMap<PreparedIncident, PreparedIncident>();
function localCopy(inc: PreparedIncident): PreparedIncident {
  let local = localCopies.get(inc);
  if (!local) {
    local = prepareIncident(
      Array.from(inc.officers, (_, i) => i),
      Array.from(inc.observed),
    );
    localCopies.set(inc, local);
  }
  return local;
}

/**
 * -Hessian of the log posterior at theta (dense, row-major, exactly symmetric): over lambda and the scale increments
 * (size n + q) when withScale, else over lambda only with the increments held fixed (size n). `out` (P x P), when
 * given, is overwritten and returned: the scale search assembles a Hessian at every evaluation of its marginal, and
 * a fresh 18 MB array each time (1,503 officers) cost its zeroing and the garbage collector's work.
 */
export function negativeHessian(
  problem: CosProblem,
  theta: Float64Array,
  withScale = true,
  out?: Float64Array,
): Float64Array {
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  const qh = withScale ? q : 0;
  const P = n + qh;
  const A = out && out.length === P * P ? out.fill(0) : new Float64Array(P * P);
  const delta0 = theta.slice(n, n + q);
  const scratch = DpScratch.for(problem.incidents);
  const nLevels = problem.scale.levels.length;
  const maxM = problem.incidents.reduce((m, inc) => Math.max(m, inc.officers.length), 0);
  // Buffers shared by every incident (sized to the largest): the Hessian runs once per evaluation of the scale's marginal.
  const gl = new Float64Array(maxM);
  const gs = new Float64Array(nLevels);
  const gu = new Float64Array(maxM + q);
  const gd = new Float64Array(maxM + q);
  const x = new Float64Array(maxM + q);
  const s0 = scaleValues(problem.scale, delta0);

  for (const inc of problem.incidents) {
    const local = localCopy(inc);
    const M = inc.officers.length;
    const dims = M + qh;
    const globalIndex = (a: number) => (a < M ? inc.officers[a]! : n + a - M);
    for (let i = 0; i < M; i++) x[i] = theta[inc.officers[i]!]!;
    for (let j = 0; j < q; j++) x[M + j] = delta0[j]!;
    const gradient = (out: Float64Array, scaleMoved: boolean) => {
      gl.fill(0, 0, M);
      gs.fill(0);
      const delta = x.subarray(M, M + q);
      incidentLogLik(local, x, scaleMoved ? scaleValues(problem.scale, delta) : s0, scratch, gl, gs);
      out.fill(0, 0, M + q);
      out.set(gl.subarray(0, M));
      chainScaleGradient(gs, delta, out, M);
    };
    gradient(gd, false);
    for (let a = 0; a < dims; a++) {
      const keep = x[a]!;
      x[a] = keep + STEP;
      const step = x[a]! - keep;
      gradient(gu, a >= M);
      x[a] = keep;
      const ga = globalIndex(a);
      for (let c = 0; c < dims; c++) A[ga * P + globalIndex(c)]! -= (gu[c]! - gd[c]!) / step;
    }
  }
  const { priorSd, deltaSd } = problem.priors;
  for (let i = 0; i < n; i++) A[i * P + i]! += 1 / (priorSd * priorSd);
  for (let j = 0; j < qh; j++) A[(n + j) * P + n + j]! += 1 / (deltaSd * deltaSd);
  // Exactly symmetric: each off-diagonal pair becomes the mean of its two entries. Only pairs inside an incident (or
  // with a scale increment) can be non-zero, so only those are visited (a pair shared by several incidents is set
  // again to the same value); every other pair is 0 on both sides. The same values as a pass over every pair, without
  // its column-wise reads across the whole matrix (~35 ms for 1,503 officers, at every evaluation of the marginal).
  const symmetrise = (r: number, c: number) => {
    const v = (A[r * P + c]! + A[c * P + r]!) / 2;
    A[r * P + c] = v;
    A[c * P + r] = v;
  };
  for (const inc of problem.incidents) {
    const M = inc.officers.length;
    for (let a = 0; a < M; a++) {
      const ra = inc.officers[a]!;
      for (let b = a + 1; b < M; b++) symmetrise(ra, inc.officers[b]!);
      for (let j = 0; j < qh; j++) symmetrise(ra, n + j);
    }
  }
  for (let j = 0; j < qh; j++) for (let k = j + 1; k < qh; k++) symmetrise(n + j, n + k);
  return A;
}

export { factorPrecision, type PrecisionFactor } from "./dense-cholesky";

/** Columns (draws, or columns of an inverse) solved together: their rows (8 x 64 bytes each) stay in the core's cache. */
const SOLVE_BLOCK = 64;

/** Solves A x = b with A = L L' (forward then back substitution). */
export function solveWithFactor(f: PrecisionFactor, b: Float64Array): Float64Array {
  const { size, lower } = f;
  const y = new Float64Array(size);
  for (let r = 0; r < size; r++) {
    let s = b[r]!;
    for (let k = 0; k < r; k++) s -= lower[r * size + k]! * y[k]!;
    y[r] = s / lower[r * size + r]!;
  }
  const x = new Float64Array(size);
  for (let r = size - 1; r >= 0; r--) {
    let s = y[r]!;
    for (let k = r + 1; k < size; k++) s -= lower[k * size + r]! * x[k]!;
    x[r] = s / lower[r * size + r]!;
  }
  return x;
}

export function logDeterminant(f: PrecisionFactor): number {
  let sum = 0;
  for (let i = 0; i < f.size; i++) sum += 2 * Math.log(f.lower[i * f.size + i]!);
  return sum;
}

/**
 * Column j of L^-1 (entries j..size-1; the others are 0), by forward substitution L x = e_j. Its squared norm is
 * (A^-1)_jj, and dot products of two columns give covariances.
 */
export function inverseFactorColumn(f: PrecisionFactor, j: number): Float64Array {
  const { size, lower } = f;
  const x = new Float64Array(size);
  x[j] = 1 / lower[j * size + j]!;
  for (let r = j + 1; r < size; r++) {
    let sum = 0;
    const row = r * size;
    for (let k = j; k < r; k++) sum += lower[row + k]! * x[k]!;
    x[r] = -sum / lower[row + r]!;
  }
  return x;
}

/**
 * Diagonal of A^-1: the squared norms of the columns of L^-1, solved SOLVE_BLOCK columns at a time (L X = I by forward
 * substitution, row operations on contiguous blocks; rows above a block are zero and skipped). Like the draws, four
 * row operations per pass over the block ((((x - l1 a1) - l2 a2) - l3 a3) - l4 a4: the same operations in the same
 * order as one at a time, with a quarter of the loads and stores of x).
 */
export function marginalVariances(f: PrecisionFactor): Float64Array {
  const { size, lower } = f;
  const v = new Float64Array(size);
  const X = new Float64Array(size * SOLVE_BLOCK);
  const nz = new Int32Array(size);
  const nzValue = new Float64Array(size);
  for (let m0 = 0; m0 < size; m0 += SOLVE_BLOCK) {
    const w = Math.min(SOLVE_BLOCK, size - m0);
    X.fill(0);
    for (let r = m0; r < size; r++) {
      const rowR = r * w;
      if (r < m0 + w) X[rowR + r - m0] = 1;
      const lr = r * size;
      let count = 0;
      for (let k = m0; k < r; k++) {
        const l = lower[lr + k]!;
        if (l === 0) continue;
        nz[count] = k * w;
        nzValue[count++] = l;
      }
      let t = 0;
      for (; t + 3 < count; t += 4) {
        const l1 = nzValue[t]!;
        const l2 = nzValue[t + 1]!;
        const l3 = nzValue[t + 2]!;
        const l4 = nzValue[t + 3]!;
        const r1 = nz[t]!;
        const r2 = nz[t + 1]!;
        const r3 = nz[t + 2]!;
        const r4 = nz[t + 3]!;
        for (let b = 0; b < w; b++)
          X[rowR + b] = X[rowR + b]! - l1 * X[r1 + b]! - l2 * X[r2 + b]! - l3 * X[r3 + b]! - l4 * X[r4 + b]!;
      }
      for (; t < count; t++) {
        const l = nzValue[t]!;
        const rowK = nz[t]!;
        for (let b = 0; b < w; b++) X[rowR + b]! -= l * X[rowK + b]!;
      }
      const d = lower[lr + r]!;
      for (let b = 0; b < w; b++) {
        const x = X[rowR + b]! / d;
        X[rowR + b] = x;
        v[m0 + b]! += x * x;
      }
    }
  }
  return v;
}

/** Covariance block of the given indices (A^-1 restricted to them). */
export function covarianceBlock(f: PrecisionFactor, indices: number[]): number[][] {
  const cols = indices.map((j) => inverseFactorColumn(f, j));
  return cols.map((a) => cols.map((b) => a.reduce((s, v, r) => s + v * b[r]!, 0)));
}

/** Standard normal deviates from a seeded generator (Box-Muller), so that every run with the same seed draws the same. */
export function normalStream(seed: string): () => number {
  const rng = seedrandom.alea(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * rng();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/**
 * `count` draws from N(mode, A^-1), as a size x count matrix (row-major: row = parameter): x = mode + L'^-1 z,
 * solved by back substitution on U = L' (stored row-major so that its rows are contiguous) for a batch of draws at
 * once.
 */
export function upperFactor(f: PrecisionFactor): Float64Array {
  const { size, lower } = f;
  const upper = new Float64Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c <= r; c++) upper[c * size + r] = lower[r * size + c]!;
  return upper;
}

export function drawPosterior(
  f: PrecisionFactor,
  upper: Float64Array,
  mode: ArrayLike<number>,
  count: number,
  normal: () => number,
): Float64Array {
  const { size } = f;
  const X = new Float64Array(size * count);
  for (let i = 0; i < size * count; i++) X[i] = normal();
  // Each row's non-zero entries right of the diagonal (officers in different networks have zeros there).
  const start = new Int32Array(size + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < size; i++) {
    for (let k = i + 1; k < size; k++) {
      const u = upper[i * size + k]!;
      if (u !== 0) {
        cols.push(k);
        values.push(u);
      }
    }
    start[i + 1] = cols.length;
  }
  const nz = Int32Array.from(cols);
  const nzValue = Float64Array.from(values);
  // The draws are independent columns: solved SOLVE_BLOCK at a time in a contiguous buffer, four row operations per
  // pass ((((x - u1 a1) - u2 a2) - u3 a3) - u4 a4: the same operations, in the same order, as one at a time;
  // eight per pass where a row has that many).
  const width = Math.min(count, SOLVE_BLOCK);
  const buf = new Float64Array(size * width);
  for (let b0 = 0; b0 < count; b0 += width) {
    const w = Math.min(width, count - b0);
    for (let i = 0; i < size; i++) for (let b = 0; b < w; b++) buf[i * w + b] = X[i * count + b0 + b]!;
    for (let i = size - 1; i >= 0; i--) {
      const rowI = i * w;
      let t = start[i]!;
      const end = start[i + 1]!;
      for (; t + 7 < end; t += 8) {
        const u1 = nzValue[t]!;
        const u2 = nzValue[t + 1]!;
        const u3 = nzValue[t + 2]!;
        const u4 = nzValue[t + 3]!;
        const u5 = nzValue[t + 4]!;
        const u6 = nzValue[t + 5]!;
        const u7 = nzValue[t + 6]!;
        const u8 = nzValue[t + 7]!;
        const r1 = nz[t]! * w;
        const r2 = nz[t + 1]! * w;
        const r3 = nz[t + 2]! * w;
        const r4 = nz[t + 3]! * w;
        const r5 = nz[t + 4]! * w;
        const r6 = nz[t + 5]! * w;
        const r7 = nz[t + 6]! * w;
        const r8 = nz[t + 7]! * w;
        for (let b = 0; b < w; b++)
          buf[rowI + b] =
            buf[rowI + b]! -
            u1 * buf[r1 + b]! -
            u2 * buf[r2 + b]! -
            u3 * buf[r3 + b]! -
            u4 * buf[r4 + b]! -
            u5 * buf[r5 + b]! -
            u6 * buf[r6 + b]! -
            u7 * buf[r7 + b]! -
            u8 * buf[r8 + b]!;
      }
      for (; t + 3 < end; t += 4) {
        const u1 = nzValue[t]!;
        const u2 = nzValue[t + 1]!;
        const u3 = nzValue[t + 2]!;
        const u4 = nzValue[t + 3]!;
        const r1 = nz[t]! * w;
        const r2 = nz[t + 1]! * w;
        const r3 = nz[t + 2]! * w;
        const r4 = nz[t + 3]! * w;
        for (let b = 0; b < w; b++)
          buf[rowI + b] =
            buf[rowI + b]! - u1 * buf[r1 + b]! - u2 * buf[r2 + b]! - u3 * buf[r3 + b]! - u4 * buf[r4 + b]!;
      }
      for (; t < end; t++) {
        const u = nzValue[t]!;
        const rowK = nz[t]! * w;
        for (let b = 0; b < w; b++) buf[rowI + b]! -= u * buf[rowK + b]!;
      }
      const d = upper[i * size + i]!;
      for (let b = 0; b < w; b++) buf[rowI + b] = buf[rowI + b]! / d;
    }
    for (let i = 0; i < size; i++) for (let b = 0; b < w; b++) X[i * count + b0 + b] = buf[i * w + b]! + mode[i]!;
  }
  return X;
}

import { factorPrecision, logDeterminant, solveWithFactor, type PrecisionFactor } from "./laplace";

/**
 * Cholesky factorisation of the posterior precision A that uses its sparsity: two officers interact only when they
 * share an incident, so on the Ridgeway file (1,503 officers) 7% of A is non-zero. Officers are eliminated in
 * minimum-degree order (the one with the fewest remaining neighbours first, the fill that its elimination creates
 * included) while that is cheap; once every remaining officer is linked to most of the others (on the Ridgeway file:
 * 532 officers eliminated, 971 left, all linked to each other) the rest, the Schur complement, is dense and is
 * factored by the dense kernel (factorPrecision). So A = P' L L' P with
 *   L = [L_FF 0; L_TF L_TT],  F = the eliminated ("front") officers, T = the dense tail,
 * at about a quarter of the dense cost (971^3 instead of 1503^3 / 6 multiply-adds, plus the front's sparse
 * updates). Used once per evaluation of the scale's marginal (log det A and solves), and the final point's factor
 * gives the intervals and the posterior draws (sparse-posterior.ts; method eis-4).
 */

export interface SparseFactor {
  size: number;
  /** Front officers in elimination order (indices into A). */
  front: Int32Array;
  /** L_pp of each front officer. */
  diag: Float64Array;
  /** Column p of L below the diagonal: rows[colStart[p]..colStart[p+1]) with values vals[...]. */
  colStart: Int32Array;
  rows: Int32Array;
  vals: Float64Array;
  /** The dense tail: its indices into A and the Cholesky factor of its Schur complement. */
  tailIndex: Int32Array;
  tail: PrecisionFactor;
  logDet: number;
  /** The elimination order and its pattern, reusable for another matrix with the same pattern (factorSparse's `reuse`). */
  order: EliminationOrder;
}

/** Minimum-degree order: the front (each officer with its neighbours when eliminated), the tail, and A's pattern. */
export interface EliminationOrder {
  front: number[];
  patterns: number[][];
  tail: number[];
  /** Bitset (n rows of ceil(n / 32) words) of the off-diagonal non-zeros of the matrix the order was found for. */
  pattern: Uint32Array;
}

/** Stop eliminating when the sparsest remaining officer is linked to this share of the others: the rest is dense. */
const DENSE_TAIL_SHARE = 0.8;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function patternOf(A: Float64Array, n: number): Uint32Array {
  const words = Math.ceil(n / 32);
  const bits = new Uint32Array(n * words);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j && A[i * n + j] !== 0) bits[i * words + (j >>> 5)]! |= 1 << (j & 31);
  return bits;
}

/** Whether every off-diagonal non-zero of A lies in the pattern (then an order found for that pattern is valid for A). */
function withinPattern(A: Float64Array, n: number, pattern: Uint32Array): boolean {
  const words = Math.ceil(n / 32);
  if (pattern.length !== n * words) return false;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j && A[i * n + j] !== 0 && !(pattern[i * words + (j >>> 5)]! & (1 << (j & 31)))) return false;
  return true;
}

/** Minimum-degree elimination on bitsets of the pattern of A: the front (each with its neighbours when eliminated) and the tail. */
function eliminationOrder(A: Float64Array, n: number): EliminationOrder {
  const words = Math.ceil(n / 32);
  const pattern = patternOf(A, n);
  const bits = Uint32Array.from(pattern);
  const degree = new Int32Array(n);
  for (let i = 0; i < n * words; i++) degree[Math.floor(i / words)]! += popcount(bits[i]!);
  const alive = new Uint8Array(n).fill(1);
  const front: number[] = [];
  const patterns: number[][] = [];
  for (let remaining = n; remaining > 0; remaining--) {
    let v = -1;
    for (let i = 0; i < n; i++) if (alive[i] && (v < 0 || degree[i]! < degree[v]!)) v = i;
    if (degree[v]! >= DENSE_TAIL_SHARE * (remaining - 1) && remaining > 1) break;
    const nb: number[] = [];
    const rv = v * words;
    for (let w = 0; w < words; w++) {
      let x = bits[rv + w]!;
      while (x !== 0) {
        const low = x & -x;
        nb.push(w * 32 + 31 - Math.clz32(low));
        x ^= low;
      }
    }
    for (const a of nb) {
      const ra = a * words;
      let d = 0;
      for (let w = 0; w < words; w++) {
        let x = bits[ra + w]! | bits[rv + w]!;
        if (w === a >>> 5) x &= ~(1 << (a & 31));
        if (w === v >>> 5) x &= ~(1 << (v & 31));
        bits[ra + w] = x;
        d += popcount(x);
      }
      degree[a] = d;
    }
    alive[v] = 0;
    front.push(v);
    patterns.push(nb);
  }
  const tail: number[] = [];
  for (let i = 0; i < n; i++) if (alive[i]) tail.push(i);
  return { front, patterns, tail, pattern };
}

/**
 * The factorisation of the symmetric matrix A (dense, row-major), or null when A is not positive definite. `reuse`:
 * the order of an earlier factorisation, used when A's non-zeros lie in its pattern (the Hessians of the scale search
 * all share the pattern of the officers' shared incidents), which skips the minimum-degree search. `inPlace`: A is
 * the working copy and is overwritten (the scale search's Hessians are not needed after their factorisation; a copy
 * of 1,503 x 1,503 costs ~8 ms at each evaluation).
 */
export function factorSparse(
  A: Float64Array,
  n: number,
  reuse?: EliminationOrder,
  inPlace = false,
): SparseFactor | null {
  const order = reuse && withinPattern(A, n, reuse.pattern) ? reuse : eliminationOrder(A, n);
  const { front, patterns, tail } = order;
  const W = inPlace ? A : Float64Array.from(A);
  const colStart = new Int32Array(front.length + 1);
  patterns.forEach((nb, p) => (colStart[p + 1] = colStart[p]! + nb.length));
  const rows = new Int32Array(colStart[front.length]!);
  const vals = new Float64Array(rows.length);
  const diag = new Float64Array(front.length);
  let logDet = 0;
  for (let p = 0; p < front.length; p++) {
    const v = front[p]!;
    const d = W[v * n + v]!;
    if (!(d > 0)) return null;
    const l = Math.sqrt(d);
    diag[p] = l;
    logDet += 2 * Math.log(l);
    const nb = patterns[p]!;
    const c0 = colStart[p]!;
    for (let t = 0; t < nb.length; t++) {
      rows[c0 + t] = nb[t]!;
      vals[c0 + t] = W[nb[t]! * n + v]! / l;
    }
    // Right-looking update of the officers still to eliminate (both halves: W stays symmetric).
    for (let t = 0; t < nb.length; t++) {
      const ra = nb[t]! * n;
      const la = vals[c0 + t]!;
      for (let u = 0; u < nb.length; u++) W[ra + nb[u]!]! -= la * vals[c0 + u]!;
    }
  }
  const m = tail.length;
  const S = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) S[a * m + b] = W[tail[a]! * n + tail[b]!]!;
  const tailFactor = factorPrecision(S, m);
  if (!tailFactor) return null;
  logDet += logDeterminant(tailFactor);
  return {
    size: n,
    front: Int32Array.from(front),
    diag,
    colStart,
    rows,
    vals,
    tailIndex: Int32Array.from(tail),
    tail: tailFactor,
    logDet,
    order,
  };
}

/** Solves A x = b: forward through the front, the dense tail, then back through the front. */
export function solveSparse(f: SparseFactor, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  const { front, diag, colStart, rows, vals, tailIndex } = f;
  for (let p = 0; p < front.length; p++) {
    const v = front[p]!;
    const y = x[v]! / diag[p]!;
    x[v] = y;
    for (let t = colStart[p]!; t < colStart[p + 1]!; t++) x[rows[t]!]! -= vals[t]! * y;
  }
  const xt = solveWithFactor(
    f.tail,
    Float64Array.from(tailIndex, (i) => x[i]!),
  );
  tailIndex.forEach((i, a) => (x[i] = xt[a]!));
  for (let p = front.length - 1; p >= 0; p--) {
    const v = front[p]!;
    let s = x[v]!;
    for (let t = colStart[p]!; t < colStart[p + 1]!; t++) s -= vals[t]! * x[rows[t]!]!;
    x[v] = s / diag[p]!;
  }
  return x;
}

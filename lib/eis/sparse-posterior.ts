import type { SparseFactor } from "./sparse-cholesky";

/**
 * The Laplace posterior N(mode, A^-1) read from the sparse factor A = P' L L' P of the scale search's last point
 * (sparse-cholesky.ts), so that the final point needs no dense factor of the whole of A (1,503 officers on the
 * Ridgeway file: ~0.8 s) and its variances and draws work on the front's sparse columns and the 971-officer dense
 * tail only. Method eis-4; before it, the variances and draws used a dense factor in the officers' own order.
 */

/** Rows of the tail's inverse computed together: each pass over a column of L loads it once for 4 dot products. */
const TILE = 4;

/**
 * The selected inverse Z = A^-1 (Takahashi's recursion) on the pattern of L: dense n x n in the officers' own
 * indices, exact on the dense tail's block and on every front officer's row and column where L has a non-zero (the
 * rest is left 0). Working from the last eliminated officer back,
 *   Z_ij = -(1/L_jj) sum_{k in struct(j)} L_kj Z_ik (i in struct(j)),  Z_jj = 1/L_jj^2 - (1/L_jj) sum_k L_kj Z_kj,
 * where struct(j) are the rows of column j of L; every Z_ik it needs is on the pattern, which the elimination's fill
 * keeps closed. Cost: the tail's m^3 / 3 multiply-adds and the front's updates, about that of the factorisation.
 */
export function selectedInverse(f: SparseFactor): Float64Array {
  const n = f.size;
  const { front, diag, colStart, rows, vals, tailIndex } = f;
  const m = tailIndex.length;
  const L = f.tail.lower;
  // The tail: Z_TT = (L_TT L_TT')^-1 by the same recursion on the dense factor, row-major (Z symmetric: row i
  // holds Z_i,k for k > j, contiguous, when column j is processed).
  const Z = new Float64Array(m * m);
  const col = new Float64Array(m);
  for (let j = m - 1; j >= 0; j--) {
    const d = L[j * m + j]!;
    for (let k = j + 1; k < m; k++) col[k] = L[k * m + j]!;
    let i = j + 1;
    for (; i + TILE - 1 < m; i += TILE) {
      const r0 = i * m;
      const r1 = r0 + m;
      const r2 = r1 + m;
      const r3 = r2 + m;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = j + 1; k < m; k++) {
        const c = col[k]!;
        s0 += c * Z[r0 + k]!;
        s1 += c * Z[r1 + k]!;
        s2 += c * Z[r2 + k]!;
        s3 += c * Z[r3 + k]!;
      }
      Z[r0 + j] = -s0 / d;
      Z[r1 + j] = -s1 / d;
      Z[r2 + j] = -s2 / d;
      Z[r3 + j] = -s3 / d;
    }
    for (; i < m; i++) {
      const r = i * m;
      let s = 0;
      for (let k = j + 1; k < m; k++) s += col[k]! * Z[r + k]!;
      Z[r + j] = -s / d;
    }
    let s = 0;
    for (let k = j + 1; k < m; k++) {
      const z = Z[k * m + j]!;
      Z[j * m + k] = z;
      s += col[k]! * z;
    }
    Z[j * m + j] = (1 / d - s) / d;
  }
  const out = new Float64Array(n * n);
  for (let a = 0; a < m; a++) {
    const ra = tailIndex[a]! * n;
    for (let b = 0; b < m; b++) out[ra + tailIndex[b]!] = Z[a * m + b]!;
  }
  for (let p = front.length - 1; p >= 0; p--) {
    const v = front[p]!;
    const d = diag[p]!;
    const c0 = colStart[p]!;
    const c1 = colStart[p + 1]!;
    let sv = 0;
    for (let t = c0; t < c1; t++) {
      const ra = rows[t]! * n;
      let s = 0;
      for (let u = c0; u < c1; u++) s += vals[u]! * out[ra + rows[u]!]!;
      const z = -s / d;
      out[ra + v] = z;
      out[v * n + rows[t]!] = z;
      sv += vals[t]! * z;
    }
    out[v * n + v] = (1 / d - sv) / d;
  }
  return out;
}

/** Diagonal of A^-1 from the selected inverse. */
export function sparseVariances(Z: Float64Array, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Z[i * n + i]!);
}

/** Draws solved together: their rows (8 x 64 bytes each) stay in the core's cache. */
const SOLVE_BLOCK = 64;

/**
 * `count` draws from N(mode, A^-1) as a size x count matrix (row-major: row = officer): x = mode + P' L'^-1 z, the
 * standard normals z taken from `normal` in the same order as drawPosterior (officer by officer, count each), solved
 * SOLVE_BLOCK draws at a time by back substitution: first through the dense tail (on L_TT' stored row by row), then
 * back through the front's sparse columns. Four row operations per pass where a row has that many.
 */
export function drawSparse(
  f: SparseFactor,
  mode: ArrayLike<number>,
  count: number,
  normal: () => number,
): Float64Array {
  const n = f.size;
  const { front, diag, colStart, rows, vals, tailIndex } = f;
  const m = tailIndex.length;
  const L = f.tail.lower;
  const X = new Float64Array(n * count);
  for (let i = 0; i < n * count; i++) X[i] = normal();
  // Row a of L_TT' right of the diagonal: L_TT[c][a] for c > a, with the non-zeros only.
  const upStart = new Int32Array(m + 1);
  const upCols: number[] = [];
  const upVals: number[] = [];
  for (let a = 0; a < m; a++) {
    for (let c = a + 1; c < m; c++) {
      const u = L[c * m + a]!;
      if (u !== 0) {
        upCols.push(tailIndex[c]!);
        upVals.push(u);
      }
    }
    upStart[a + 1] = upCols.length;
  }
  const upCol = Int32Array.from(upCols);
  const upVal = Float64Array.from(upVals);
  const width = Math.min(count, SOLVE_BLOCK);
  const buf = new Float64Array(n * width);
  // y_row = (y_row - sum_t v_t y_{idx_t}) / d over the w draws of the block.
  const rowUpdate = (row: number, idx: Int32Array, v: Float64Array, t0: number, t1: number, d: number, w: number) => {
    const ri = row * w;
    let t = t0;
    for (; t + 3 < t1; t += 4) {
      const v1 = v[t]!;
      const v2 = v[t + 1]!;
      const v3 = v[t + 2]!;
      const v4 = v[t + 3]!;
      const a1 = idx[t]! * w;
      const a2 = idx[t + 1]! * w;
      const a3 = idx[t + 2]! * w;
      const a4 = idx[t + 3]! * w;
      for (let b = 0; b < w; b++)
        buf[ri + b] = buf[ri + b]! - v1 * buf[a1 + b]! - v2 * buf[a2 + b]! - v3 * buf[a3 + b]! - v4 * buf[a4 + b]!;
    }
    for (; t < t1; t++) {
      const u = v[t]!;
      const a = idx[t]! * w;
      for (let b = 0; b < w; b++) buf[ri + b]! -= u * buf[a + b]!;
    }
    for (let b = 0; b < w; b++) buf[ri + b] = buf[ri + b]! / d;
  };
  for (let b0 = 0; b0 < count; b0 += width) {
    const w = Math.min(width, count - b0);
    for (let i = 0; i < n; i++) for (let b = 0; b < w; b++) buf[i * w + b] = X[i * count + b0 + b]!;
    for (let a = m - 1; a >= 0; a--)
      rowUpdate(tailIndex[a]!, upCol, upVal, upStart[a]!, upStart[a + 1]!, L[a * m + a]!, w);
    for (let p = front.length - 1; p >= 0; p--)
      rowUpdate(front[p]!, rows, vals, colStart[p]!, colStart[p + 1]!, diag[p]!, w);
    for (let i = 0; i < n; i++) for (let b = 0; b < w; b++) X[i * count + b0 + b] = buf[i * w + b]! + mode[i]!;
  }
  return X;
}

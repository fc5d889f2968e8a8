/** The Cholesky factor L of the precision matrix, row-major. */
export interface PrecisionFactor {
  size: number;
  lower: Float64Array;
}

/** Rows of L computed together: the earlier rows they read stay in the core's cache while the block is done. */
const ROW_BLOCK = 16;

/**
 * Cholesky A = L L' (Cholesky-Crout by rows, on typed arrays), or null when A is not positive definite. Hand-written
 * because it runs once per evaluation of the marginal posterior of the scale (ml-matrix's CholeskyDecomposition took
 * 1.4 s for 1,503 officers). Row i of L starts where row i of A does (its first non-zero column), so the dot products
 * skip the leading zeros of both rows.
 *
 * L[i][j] = (A[i][j] - row i . row j over the columns before j) / L[j][j]. Rows are computed ROW_BLOCK at a time.
 * Left of the block's diagonal the products are register tiles of 2 rows i by 4 rows j: each pass over k loads 6
 * numbers for 8 multiply-adds (a dot product of two rows loads 2 for 1), which is what bounds this loop in V8
 * (971 x 971: 0.40 -> 0.20 s). The tiles' sums run over k in order with one accumulator each, then the last few
 * columns inside the tile are subtracted one at a time; the result differs from a plain dot product only by rounding.
 */
export function factorPrecision(A: Float64Array, size: number): PrecisionFactor | null {
  const lower = new Float64Array(size * size);
  const first = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    let f = 0;
    while (f < i && A[i * size + f] === 0) f++;
    first[i] = f;
  }
  const entry = (i: number, j: number): number => {
    const ri = i * size;
    const rj = j * size;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = Math.max(first[i]!, first[j]!);
    for (; k + 3 < j; k += 4) {
      s0 += lower[ri + k]! * lower[rj + k]!;
      s1 += lower[ri + k + 1]! * lower[rj + k + 1]!;
      s2 += lower[ri + k + 2]! * lower[rj + k + 2]!;
      s3 += lower[ri + k + 3]! * lower[rj + k + 3]!;
    }
    for (; k < j; k++) s0 += lower[ri + k]! * lower[rj + k]!;
    return A[ri + j]! - (s0 + s1 + (s2 + s3));
  };
  // Entries (i, j..j+3) and (i+1, j..j+3), j + 3 < i: the tile's sums to column j, then the columns j..j+2 inside it.
  const tile = (i: number, j: number) => {
    const a = i * size;
    const b = a + size;
    const u0 = j * size;
    const u1 = u0 + size;
    const u2 = u1 + size;
    const u3 = u2 + size;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    const k0 = Math.max(
      Math.min(first[i]!, first[i + 1]!),
      Math.min(first[j]!, first[j + 1]!, first[j + 2]!, first[j + 3]!),
    );
    for (let k = k0; k < j; k++) {
      const x = lower[a + k]!;
      const y = lower[b + k]!;
      const v0 = lower[u0 + k]!;
      const v1 = lower[u1 + k]!;
      const v2 = lower[u2 + k]!;
      const v3 = lower[u3 + k]!;
      s00 += x * v0;
      s01 += x * v1;
      s02 += x * v2;
      s03 += x * v3;
      s10 += y * v0;
      s11 += y * v1;
      s12 += y * v2;
      s13 += y * v3;
    }
    for (const [row, t0, t1, t2, t3] of [
      [a, s00, s01, s02, s03],
      [b, s10, s11, s12, s13],
    ] as const) {
      const l0 = (A[row + j]! - t0) / lower[u0 + j]!;
      lower[row + j] = l0;
      const l1 = (A[row + j + 1]! - t1 - l0 * lower[u1 + j]!) / lower[u1 + j + 1]!;
      lower[row + j + 1] = l1;
      const l2 = (A[row + j + 2]! - t2 - l0 * lower[u2 + j]! - l1 * lower[u2 + j + 1]!) / lower[u2 + j + 2]!;
      lower[row + j + 2] = l2;
      lower[row + j + 3] =
        (A[row + j + 3]! - t3 - l0 * lower[u3 + j]! - l1 * lower[u3 + j + 1]! - l2 * lower[u3 + j + 2]!) /
        lower[u3 + j + 3]!;
    }
  };
  for (let i0 = 0; i0 < size; i0 += ROW_BLOCK) {
    const i1 = Math.min(size, i0 + ROW_BLOCK);
    let from = i0;
    for (let i = i0; i < i1; i++) from = Math.min(from, first[i]!);
    let j = from;
    for (; j + 3 < i0; j += 4) {
      let i = i0;
      for (; i + 1 < i1; i += 2) tile(i, j);
      for (; i < i1; i++) for (let c = j; c < j + 4; c++) lower[i * size + c] = entry(i, c) / lower[c * size + c]!;
    }
    for (; j < i0; j++) {
      const djj = lower[j * size + j]!;
      for (let i = i0; i < i1; i++) lower[i * size + j] = entry(i, j) / djj;
    }
    for (let i = i0; i < i1; i++) {
      for (let c = i0; c <= i; c++) {
        const v = entry(i, c);
        if (i === c) {
          if (!(v > 0)) return null;
          lower[i * size + i] = Math.sqrt(v);
        } else lower[i * size + c] = v / lower[c * size + c]!;
      }
    }
  }
  return { size, lower };
}

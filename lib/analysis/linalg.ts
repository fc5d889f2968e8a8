import { CholeskyDecomposition, Matrix } from "ml-matrix";

/**
 * Small dense linear algebra shared by the model fits. Design matrices are row-major Float64Arrays (n rows x p
 * columns): the fits touch every row once per iteration, and typed arrays keep that fast. The p x p systems go
 * through ml-matrix's Cholesky. Every symmetric matrix is built explicitly symmetric (upper triangle accumulated,
 * then mirrored): ml-matrix's Cholesky refuses a matrix that is symmetric only up to rounding.
 */

/** X'WX (or X'X when w is omitted), exactly symmetric. */
export function crossprod(X: Float64Array, n: number, p: number, w?: ArrayLike<number>): Matrix {
  const acc = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const xj = X[row + j]!;
      if (xj === 0) continue;
      const wxj = wi * xj;
      const base = j * p;
      for (let k = j; k < p; k++) acc[base + k]! += wxj * X[row + k]!;
    }
  }
  return symmetricFromUpper(acc, p);
}

/** A p x p Matrix from the upper triangle of a row-major buffer, mirrored so that it is exactly symmetric. */
export function symmetricFromUpper(upper: Float64Array, p: number): Matrix {
  const m = new Matrix(p, p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const v = upper[j * p + k]!;
      m.set(j, k, v);
      m.set(k, j, v);
    }
  }
  return m;
}

/** Makes a numerically almost symmetric matrix exactly symmetric (average of A and A'). */
export function symmetrize(a: Matrix): Matrix {
  const p = a.rows;
  const m = new Matrix(p, p);
  for (let j = 0; j < p; j++) {
    m.set(j, j, a.get(j, j));
    for (let k = j + 1; k < p; k++) {
      const v = (a.get(j, k) + a.get(k, j)) / 2;
      m.set(j, k, v);
      m.set(k, j, v);
    }
  }
  return m;
}

/** Cholesky of a symmetric matrix, or null when it is not (numerically) positive definite. */
export function cholesky(a: Matrix): CholeskyDecomposition | null {
  const chol = new CholeskyDecomposition(a);
  if (!chol.isPositiveDefinite()) return null;
  const l = chol.lowerTriangularMatrix;
  // Reject pivots that are positive only by rounding (a singular matrix can pass the d > 0 test).
  let maxDiag = 0;
  for (let j = 0; j < a.rows; j++) maxDiag = Math.max(maxDiag, a.get(j, j));
  for (let j = 0; j < a.rows; j++) if (l.get(j, j) ** 2 <= 1e-13 * maxDiag) return null;
  return chol;
}

export function solveVector(chol: CholeskyDecomposition, b: ArrayLike<number>): number[] {
  return chol.solve(Matrix.columnVector(Array.from(b))).getColumn(0);
}

/** Inverse of a symmetric positive definite matrix through its Cholesky factor, exactly symmetric. */
export function inverseSpd(chol: CholeskyDecomposition, p: number): Matrix {
  return symmetrize(chol.solve(Matrix.eye(p)));
}

/** A B A' for symmetric B (the sandwich). */
export function sandwichProduct(a: Matrix, b: Matrix): Matrix {
  return symmetrize(a.mmul(b).mmul(a.transpose()));
}

/** g' V g. */
export function quadraticForm(v: Matrix, g: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < g.length; j++) {
    const gj = g[j]!;
    if (gj === 0) continue;
    for (let k = 0; k < g.length; k++) s += gj * v.get(j, k) * g[k]!;
  }
  return s;
}

/** Linear predictor x_i'beta for every row. */
export function linearPredictor(
  X: Float64Array,
  n: number,
  p: number,
  beta: ArrayLike<number>,
  offset = 0,
  out?: Float64Array,
): Float64Array {
  const eta = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const x = X[row + j]!;
      if (x !== 0) s += x * beta[offset + j]!;
    }
    eta[i] = s;
  }
  return eta;
}

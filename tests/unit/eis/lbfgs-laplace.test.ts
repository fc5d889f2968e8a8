import { describe, expect, it } from "vitest";
import {
  drawPosterior,
  factorPrecision,
  logDeterminant,
  marginalVariances,
  normalStream,
  upperFactor,
} from "@/lib/eis/laplace";
import { minimizeLbfgs } from "@/lib/eis/lbfgs";

describe("L-BFGS", () => {
  it("finds the minimum of the Rosenbrock function (1, 1)", () => {
    const res = minimizeLbfgs(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 7);
    expect(res.x[1]).toBeCloseTo(1, 7);
  });

  it("solves a 200-dimensional ill-conditioned quadratic to the gradient tolerance", () => {
    const n = 200;
    const d = Float64Array.from({ length: n }, (_, i) => 10 ** ((3 * i) / (n - 1)));
    const res = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < n; i++) {
          g[i] = d[i]! * (x[i]! - 1);
          f += (d[i]! * (x[i]! - 1) ** 2) / 2;
        }
        return f;
      },
      new Float64Array(n),
      { gradTol: 1e-9 },
    );
    expect(res.converged).toBe(true);
    expect(Math.max(...Array.from(res.x, (v) => Math.abs(v - 1)))).toBeLessThan(1e-9);
  });
});

describe("Laplace machinery", () => {
  // A = [[4, 2, 0], [2, 3, 1], [0, 1, 2]]: det 12, A^-1 diagonal (5, 8, 8) / 12, (A^-1)_12 = -4/12.
  const A = Float64Array.from([4, 2, 0, 2, 3, 1, 0, 1, 2]);
  const f = factorPrecision(A, 3)!;

  it("factors, gives log det and the diagonal of the inverse", () => {
    expect(logDeterminant(f)).toBeCloseTo(Math.log(12), 13);
    Array.from(marginalVariances(f)).forEach((v, i) => expect(v).toBeCloseTo([5, 8, 8][i]! / 12, 13));
    expect(factorPrecision(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
  });

  it("draws with mean mode and covariance A^-1 (seeded)", () => {
    const draws = drawPosterior(f, upperFactor(f), [1, -1, 0.5], 40_000, normalStream("laplace-test"));
    const row = (i: number) => draws.subarray(i * 40_000, (i + 1) * 40_000);
    const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
    const cov = (x: Float64Array, y: Float64Array) => {
      const mx = mean(x);
      const my = mean(y);
      return x.reduce((acc, v, k) => acc + (v - mx) * (y[k]! - my), 0) / (x.length - 1);
    };
    [1, -1, 0.5].forEach((m, i) => expect(Math.abs(mean(row(i)) - m)).toBeLessThan(0.01));
    expect(cov(row(0), row(1))).toBeCloseTo(-4 / 12, 2);
    expect(cov(row(1), row(1))).toBeCloseTo(8 / 12, 2);
  });
});

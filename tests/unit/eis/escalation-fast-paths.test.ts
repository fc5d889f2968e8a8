import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { DEFAULT_EIS_CONFIG } from "@/lib/eis/config";
import {
  DpScratch,
  incidentLogLik,
  incidentLogLikLogSpace,
  prepareIncident,
  scaleValues,
} from "@/lib/eis/cos-likelihood";
import { topFiveShares } from "@/lib/eis/escalation";
import {
  drawPosterior,
  factorPrecision,
  logDeterminant,
  marginalVariances,
  normalStream,
  solveWithFactor,
  upperFactor,
} from "@/lib/eis/laplace";
import { computeEisRun, type EscalationCache } from "@/lib/eis/compute-run";
import { factorSparse, solveSparse } from "@/lib/eis/sparse-cholesky";
import { drawSparse, selectedInverse, sparseVariances } from "@/lib/eis/sparse-posterior";
import type { EisForceRecord, ForceLevel } from "@/lib/eis/types";

/**
 * The escalation model's fast paths (issue 23, "escalation model speed") against the straightforward computations
 * they replace: each must give the same numbers, so that the speed-up changes no result.
 */

const rng = seedrandom.alea("fast-paths");

/** A symmetric positive-definite matrix with the structure of the model's Hessian: cliques of officers ("incidents") plus a diagonal. */
function cliqueMatrix(n: number, cliques: number, maxSize: number): Float64Array {
  const A = new Float64Array(n * n);
  for (let c = 0; c < cliques; c++) {
    const size = 2 + Math.floor(rng() * (maxSize - 1));
    const members = [...new Set(Array.from({ length: size }, () => Math.floor(rng() * n)))];
    const v = members.map(() => rng() - 0.5);
    for (let a = 0; a < members.length; a++)
      for (let b = 0; b < members.length; b++) A[members[a]! * n + members[b]!]! += v[a]! * v[b]! + (a === b ? 0.2 : 0);
  }
  for (let i = 0; i < n; i++) A[i * n + i]! += 1;
  return A;
}

describe("DP on scaled weights vs the log-space recursion", () => {
  it("gives the same log likelihood and gradients on random incidents, and falls back for extreme lambdas", () => {
    for (let t = 0; t < 200; t++) {
      const m = 2 + Math.floor(rng() * 14);
      const observed = Array.from({ length: m }, () => Math.floor(rng() * 4));
      if (new Set(observed).size === 1) observed[0] = (observed[0]! + 1) % 4;
      const extreme = t % 10 === 0;
      const lambda = Array.from({ length: m }, () => (rng() - 0.5) * (extreme ? 800 : 8));
      const inc = prepareIncident(
        Array.from({ length: m }, (_, i) => i),
        observed,
      );
      const s = scaleValues({ levels: [0, 1, 2, 3], nFree: 2 }, [Math.log(0.4), Math.log(0.7)]);
      const scratch = DpScratch.for([inc]);
      const [g1, g2, s1, s2] = [new Float64Array(m), new Float64Array(m), new Float64Array(4), new Float64Array(4)];
      const fast = incidentLogLik(inc, lambda, s, scratch, g1, s1);
      const plain = incidentLogLikLogSpace(inc, lambda, s, scratch, g2, s2);
      expect(Number.isFinite(fast)).toBe(true);
      expect(Math.abs(fast - plain)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(plain)));
      g1.forEach((g, i) => expect(Math.abs(g - g2[i]!)).toBeLessThan(1e-10));
      s1.forEach((g, k) => expect(Math.abs(g - s2[k]!)).toBeLessThan(1e-8 * Math.max(1, Math.abs(s2[k]!))));
    }
  });
});

describe("dense Cholesky (2 x 4 register tiles) vs the textbook recursion", () => {
  function plainCholesky(A: Float64Array, n: number): Float64Array {
    const L = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = A[i * n + j]!;
        for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
        L[i * n + j] = i === j ? Math.sqrt(s) : s / L[j * n + j]!;
      }
    }
    return L;
  }

  it("gives the same factor on sizes off the tile and block widths, with and without leading zeros", () => {
    for (const [n, cliques] of [
      [1, 0],
      [3, 2],
      [37, 30],
      [101, 400],
      [130, 60],
    ] as const) {
      const A = cliqueMatrix(n, cliques, 9);
      const L = factorPrecision(A, n)!.lower;
      plainCholesky(A, n).forEach((v, i) =>
        expect(Math.abs(L[i]! - v)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))),
      );
    }
  });
});

describe("sparse Cholesky (minimum degree, dense tail) vs the dense factor", () => {
  it("gives the same log determinant and solves", () => {
    for (const [n, cliques] of [
      [60, 40],
      [200, 90],
      [150, 600],
    ] as const) {
      const A = cliqueMatrix(n, cliques, 8);
      const dense = factorPrecision(A, n)!;
      const sparse = factorSparse(A, n)!;
      expect(Math.abs(sparse.logDet - logDeterminant(dense))).toBeLessThan(
        1e-10 * Math.abs(logDeterminant(dense)) + 1e-12,
      );
      const b = Float64Array.from({ length: n }, () => rng() - 0.5);
      const x1 = solveWithFactor(dense, b);
      const x2 = solveSparse(sparse, b);
      x1.forEach((v, i) => expect(Math.abs(v - x2[i]!)).toBeLessThan(1e-10));
    }
  });

  it("reuses an elimination order for a matrix with the same pattern, and finds a new one when the pattern grows", () => {
    const n = 120;
    const A = cliqueMatrix(n, 70, 7);
    const first = factorSparse(A, n)!;
    // Same pattern, other values (as the scale search's Hessians): the same order, the same factor as fitting afresh.
    const B = A.map((v, i) => (v === 0 ? 0 : v * (i % (n + 1) === 0 ? 1.5 : 0.9)));
    const reused = factorSparse(B, n, first.order)!;
    const fresh = factorSparse(B, n)!;
    expect(reused.order).toBe(first.order);
    expect(Math.abs(reused.logDet - fresh.logDet)).toBeLessThan(1e-10 * Math.abs(fresh.logDet));
    const b = Float64Array.from({ length: n }, () => rng() - 0.5);
    const x1 = solveSparse(fresh, b);
    solveSparse(reused, b).forEach((v, i) => expect(Math.abs(v - x1[i]!)).toBeLessThan(1e-10));
    // A non-zero outside the pattern: the order is not valid for it, so a new one is found.
    const C = Float64Array.from(B);
    const [i, j] = [...Array(n * n).keys()]
      .map((k) => [Math.floor(k / n), k % n])
      .find(([r, c]) => r !== c && B[r! * n + c!] === 0)!;
    C[i! * n + j!] = C[j! * n + i!] = 0.01;
    const grown = factorSparse(C, n, first.order)!;
    expect(grown.order).not.toBe(first.order);
    expect(Math.abs(grown.logDet - logDeterminant(factorPrecision(C, n)!))).toBeLessThan(1e-9);
  });

  it("refuses a matrix that is not positive definite", () => {
    const A = cliqueMatrix(30, 20, 5);
    A[7 * 30 + 7] = -1;
    expect(factorSparse(A, 30)).toBeNull();
  });
});

describe("posterior from the sparse factor (selected inverse, sparse draws) vs the dense inverse", () => {
  const denseInverse = (A: Float64Array, n: number) => {
    const f = factorPrecision(A, n)!;
    const inv = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const e = new Float64Array(n);
      e[j] = 1;
      solveWithFactor(f, e).forEach((v, i) => (inv[i * n + j] = v));
    }
    return { f, inv };
  };

  it("gives A^-1 on the pattern of A (so the variances) to rounding", () => {
    for (const [n, cliques] of [
      [60, 40],
      [200, 90],
      [150, 600],
    ] as const) {
      const A = cliqueMatrix(n, cliques, 8);
      const { f, inv } = denseInverse(A, n);
      const sparse = factorSparse(A, n)!;
      expect(sparse.front.length).toBeGreaterThan(0);
      const Z = selectedInverse(sparse);
      let checked = 0;
      for (let k = 0; k < n * n; k++) {
        if (A[k] === 0) continue;
        expect(Math.abs(Z[k]! - inv[k]!)).toBeLessThan(1e-12);
        checked++;
      }
      expect(checked).toBeGreaterThan(n);
      const v = sparseVariances(Z, n);
      marginalVariances(f).forEach((x, i) => expect(Math.abs(v[i]! - x)).toBeLessThan(1e-12 * x));
    }
  });

  it("draws x = mode + P' L'^-1 z: with z the identity's columns the draws' outer products sum to A^-1", () => {
    const n = 150;
    const A = cliqueMatrix(n, 200, 8);
    const { inv } = denseInverse(A, n);
    const sparse = factorSparse(A, n)!;
    // z_{i,b} = 1 where i = b: drawSparse takes the deviates officer by officer, `count` each.
    let k = 0;
    const identity = () => {
      const i = Math.floor(k / n);
      const b = k++ % n;
      return i === b ? 1 : 0;
    };
    const mode = Array.from({ length: n }, () => rng() - 0.5);
    const X = drawSparse(sparse, mode, n, identity);
    for (let i = 0; i < n; i += 7) {
      for (let j = 0; j < n; j += 5) {
        let sum = 0;
        for (let b = 0; b < n; b++) sum += (X[i * n + b]! - mode[i]!) * (X[j * n + b]! - mode[j]!);
        expect(Math.abs(sum - inv[i * n + j]!)).toBeLessThan(1e-12);
      }
    }
    // The same seed gives the same draws, whatever the batch.
    expect(drawSparse(sparse, mode, 100, normalStream("s"))).toEqual(drawSparse(sparse, mode, 100, normalStream("s")));
  });
});

describe("blocked draws and variances vs one column at a time", () => {
  // The straightforward forms (the code before the speed-up): the blocked ones must give the same bits.
  function drawsOneAtATime(
    upper: Float64Array,
    size: number,
    mode: number[],
    count: number,
    normal: () => number,
  ): Float64Array {
    const X = new Float64Array(size * count);
    for (let i = 0; i < size * count; i++) X[i] = normal();
    for (let i = size - 1; i >= 0; i--) {
      for (let k = i + 1; k < size; k++) {
        const u = upper[i * size + k]!;
        if (u === 0) continue;
        for (let b = 0; b < count; b++) X[i * count + b]! -= u * X[k * count + b]!;
      }
      for (let b = 0; b < count; b++) X[i * count + b] = X[i * count + b]! / upper[i * size + i]!;
    }
    for (let i = 0; i < size; i++) for (let b = 0; b < count; b++) X[i * count + b]! += mode[i]!;
    return X;
  }
  function variancesOneAtATime(lower: Float64Array, size: number): number[] {
    return Array.from({ length: size }, (_, j) => {
      const x = new Float64Array(size);
      x[j] = 1 / lower[j * size + j]!;
      for (let r = j + 1; r < size; r++) {
        let sum = 0;
        for (let k = j; k < r; k++) sum += lower[r * size + k]! * x[k]!;
        x[r] = -sum / lower[r * size + r]!;
      }
      let v = 0;
      for (let r = j; r < size; r++) v += x[r]! * x[r]!;
      return v;
    });
  }

  it("draws the same values from the same seed, and the same variances", () => {
    const n = 90;
    const f = factorPrecision(cliqueMatrix(n, 50, 6), n)!;
    const upper = upperFactor(f);
    const mode = Array.from({ length: n }, () => rng() - 0.5);
    for (const count of [1, 150]) {
      expect(drawPosterior(f, upper, mode, count, normalStream("same"))).toEqual(
        drawsOneAtATime(upper, n, mode, count, normalStream("same")),
      );
    }
    const v = marginalVariances(f);
    variancesOneAtATime(f.lower, n).forEach((x, i) => expect(Math.abs(v[i]! - x)).toBeLessThanOrEqual(1e-15 * x));
  });

  it("counts the same top-5% officers as a full sort of each draw", () => {
    const n = 70;
    const count = 300;
    const draws = Float64Array.from({ length: n * count }, () => rng());
    const groups = [
      Array.from({ length: 45 }, (_, i) => i),
      [45, 46],
      [47],
      Array.from({ length: 22 }, (_, i) => 48 + i),
    ];
    const reference = new Float64Array(n);
    for (const members of groups) {
      for (let b = 0; b < count; b++) {
        const order = members.slice().sort((x, y) => draws[x * count + b]! - draws[y * count + b]!);
        for (let pos = order.length - 1; pos >= 0 && pos + 1 >= 0.95 * order.length; pos--)
          reference[order[pos]!]! += 1 / count;
      }
    }
    const shares = topFiveShares(draws, count, groups, n);
    shares.forEach((s, i) => expect(s).toBeCloseTo(reference[i]!, 12));
  });
});

describe("escalation fits shared between the runs of a series", () => {
  // 60 two- and three-officer incidents in 2023-2024 among 12 officers, at different levels.
  const records: EisForceRecord[] = [];
  for (let i = 0; i < 60; i++) {
    const day = new Date(Date.UTC(2023, 0, 2) + i * 9 * 86_400_000).toISOString().slice(0, 10);
    const officers = [...new Set([0, 1, 2].map(() => `O${1 + Math.floor(rng() * 12)}`))];
    officers.forEach((officerId, k) =>
      records.push({
        officerId,
        incidentKey: `I${i}`,
        subjectKey: `S${i}`,
        level: (1 + ((i + k) % 3)) as ForceLevel,
        occurredAt: new Date(`${day}T10:00:00Z`),
        precinct: "West",
      }),
    );
  }
  const asOf = new Date("2024-07-01T00:00:00Z");
  const opts = { witnessesRecorded: false };

  it("reuses the fit of an identical window and gives the same result as fitting again", () => {
    const cache: EscalationCache = new Map();
    const plain = computeEisRun(records, asOf, DEFAULT_EIS_CONFIG, opts);
    const first = computeEisRun(records, asOf, DEFAULT_EIS_CONFIG, { ...opts, escalationCache: cache });
    const second = computeEisRun(records, asOf, DEFAULT_EIS_CONFIG, { ...opts, escalationCache: cache });
    expect(plain.diagnostics.escalation!.incidents).toBeGreaterThan(20);
    expect(cache.size).toBe(1);
    expect(second.diagnostics.escalationDetail).toMatchObject({ reusedFromEarlierRun: true });
    expect(first.diagnostics.escalationDetail).not.toHaveProperty("reusedFromEarlierRun");
    expect(first.officers).toEqual(plain.officers);
    expect(second.officers).toEqual(plain.officers);
  });

  it("fits again when the window's incidents differ", () => {
    const cache: EscalationCache = new Map();
    computeEisRun(records, asOf, DEFAULT_EIS_CONFIG, { ...opts, escalationCache: cache });
    const later = computeEisRun(records, new Date("2026-03-02T00:00:00Z"), DEFAULT_EIS_CONFIG, {
      ...opts,
      escalationCache: cache,
    });
    expect(cache.size).toBe(2);
    expect(later.diagnostics.escalationDetail).not.toHaveProperty("reusedFromEarlierRun");
    expect(later.officers).toEqual(
      computeEisRun(records, new Date("2026-03-02T00:00:00Z"), DEFAULT_EIS_CONFIG, opts).officers,
    );
  });
});

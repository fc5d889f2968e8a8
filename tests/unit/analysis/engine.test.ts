import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { buildDesign, ModelError, rankCheck, type DesignSpec, type FrameRow } from "@/lib/analysis/design";
import { fitLogit } from "@/lib/analysis/logistic";
import { fitMultinom } from "@/lib/analysis/multinomial";
import { clusterIndex } from "@/lib/analysis/robust";
import { twoSidedP, waldTerm } from "@/lib/analysis/wald";

/** Small seeded datasets for the failure modes: separation, non-convergence, collinearity, reference levels. */
function dataset(n: number, seed: string, logit: (r: { x: number; g: string; h: string }) => number): FrameRow[] {
  const rand = seedrandom.alea(seed);
  return Array.from({ length: n }, (_, i) => {
    const r = {
      x: Math.round(rand() * 20) / 2,
      g: ["a", "b", "c"][Math.floor(rand() * 3)]!,
      h: rand() < 0.6 ? "p" : "q",
    };
    const y = rand() < 1 / (1 + Math.exp(-logit(r))) ? 1 : 0;
    const outcome = ["none", "one", "two"][Math.floor(rand() * 3)]!;
    return { ...r, y, outcome, officer: `o${i % 40}` };
  });
}

const G = (reference = "a", levels = ["a", "b", "c"]) => ({
  kind: "factor" as const,
  variable: "g",
  levels,
  reference,
});
const SPEC: DesignSpec = {
  terms: [
    { kind: "numeric", variable: "x" },
    G(),
    { kind: "factor", variable: "h", levels: ["p", "q"], reference: "p" },
  ],
};
const ys = (rows: FrameRow[]) => rows.map((r) => r.y as number);

describe("design: treatment coding with fixed reference levels", () => {
  it("names columns like R's model.matrix and never codes the reference", () => {
    const rows = dataset(50, "names", () => 0);
    expect(buildDesign(rows, SPEC).columns.map((c) => c.name)).toEqual(["(Intercept)", "x", "gb", "gc", "hq"]);
    const withC = buildDesign(rows, { terms: [G("c", ["b", "c", "a"])] });
    expect(withC.columns.map((c) => c.name)).toEqual(["(Intercept)", "gb", "ga"]);
    expect(withC.columns[1]).toMatchObject({ kind: "dummy", level: "b", reference: "c" });
  });

  it("keeps the reference whatever the frequencies and row order (same estimates after shuffling)", () => {
    const rows = dataset(600, "ref", (r) => -1 + (r.g === "b" ? 1 : 0) + 0.1 * r.x);
    // Make "c" the most frequent level: the reference must still be "a".
    const skewed = rows.map((r, i) => (i % 3 === 0 ? { ...r, g: "c" } : r));
    const a = fitLogit(buildDesign(skewed, SPEC), ys(skewed));
    const shuffled = [...skewed].reverse();
    const b = fitLogit(buildDesign(shuffled, SPEC), ys(shuffled));
    expect(a.names).toEqual(["(Intercept)", "x", "gb", "gc", "hq"]);
    a.beta.forEach((v, j) => expect(b.beta[j]).toBeCloseTo(v, 10));
  });

  it("builds interaction columns in R's order and rejects values outside the levels", () => {
    const rows = dataset(20, "int", () => 0);
    const d = buildDesign(rows, {
      terms: [
        G(),
        { kind: "factor", variable: "h", levels: ["p", "q"], reference: "p" },
        { kind: "interaction", left: "g", right: "h" },
      ],
    });
    expect(d.columns.map((c) => c.name).slice(-2)).toEqual(["gb:hq", "gc:hq"]);
    expect(() => buildDesign([{ g: "z" }], { terms: [G()] })).toThrow(ModelError);
    expect(() => buildDesign([{ x: Number.NaN }], { terms: [{ kind: "numeric", variable: "x" }] })).toThrow(
      /finite number/,
    );
  });

  it("drops collinear and empty columns and says which and why", () => {
    const rows: FrameRow[] = dataset(200, "col", () => 0).map((r) => ({
      ...r,
      x2: 3 * (r.x as number) - 2,
      g: r.g === "c" ? "b" : r.g!,
    }));
    const d = buildDesign(rows, {
      terms: [{ kind: "numeric", variable: "x" }, G(), { kind: "numeric", variable: "x2" }],
    });
    const { keep, dropped } = rankCheck(d);
    expect(keep.map((j) => d.columns[j]!.name)).toEqual(["(Intercept)", "x", "gb"]);
    expect(dropped).toEqual([
      { column: "gc", reason: "empty", detail: 'no observations at level "c" of g' },
      { column: "x2", reason: "collinear", detail: "a linear combination of (Intercept), x" },
    ]);
    const fit = fitLogit(d, ys(rows));
    expect(fit.status).toBe("converged");
    expect(fit.names).toEqual(["(Intercept)", "x", "gb"]);
    expect(fit.warnings.join(" ")).toMatch(/Dropped x2: a linear combination of \(Intercept\), x/);
  });
});

describe("fitLogit: separation and non-convergence are reported, never silently wrong", () => {
  it("detects a factor level without events (quasi-complete separation) and flags that term", () => {
    const rows = dataset(900, "sep", (r) => -0.5 + 0.1 * r.x).map((r) => (r.g === "c" ? { ...r, y: 0 } : r));
    const fit = fitLogit(buildDesign(rows, SPEC), ys(rows), { cluster: rows.map((r) => r.officer as string) });
    expect(fit.status).toBe("separation");
    expect(fit.converged).toBe(false);
    expect(fit.separation).toHaveLength(1);
    expect(fit.separation[0]).toMatchObject({ column: "gc", outcome: null });
    expect(fit.separation[0]!.detail).toMatch(/none of the \d+ observations with g = c has the outcome/);
    expect(fit.warnings.some((w) => w.startsWith("Separation (gc)"))).toBe(true);
    // The other estimates are still those of the model without the separated level (finite and sensible).
    expect(Math.abs(fit.beta[fit.names.indexOf("x")]!)).toBeLessThan(1);
    expect(fit.iterations).toBeLessThan(50);
  });

  it("detects complete separation by a continuous predictor from fitted probabilities of 0 or 1", () => {
    const rows = dataset(300, "sep2", () => 0).map((r) => ({ ...r, y: (r.x as number) > 5 ? 1 : 0 }));
    const fit = fitLogit(buildDesign(rows, { terms: [{ kind: "numeric", variable: "x" }] }), ys(rows));
    expect(fit.status).toBe("separation");
    expect(fit.fittedAtBounds).toBeGreaterThan(0);
    expect(fit.separation[0]!.column).toBe("(Intercept), x");
    expect(fit.separation[0]!.detail).toMatch(/numerically 0 or 1/);
  });

  it("reports non-convergence when the iteration limit is reached", () => {
    const rows = dataset(500, "nc", (r) => -1 + 0.2 * r.x);
    const fit = fitLogit(buildDesign(rows, SPEC), ys(rows), { maxIter: 2 });
    expect(fit).toMatchObject({ status: "not_converged", converged: false, iterations: 2 });
    expect(fit.warnings.join(" ")).toMatch(/Did not converge in 2 iterations/);
    expect(fitLogit(buildDesign(rows, SPEC), ys(rows)).status).toBe("converged");
  });

  it("refuses outcomes that cannot be modelled", () => {
    const rows = dataset(50, "bad", () => 0);
    expect(() =>
      fitLogit(
        buildDesign(rows, SPEC),
        rows.map(() => 0),
      ),
    ).toThrow(/never 1/);
    expect(() =>
      fitLogit(
        buildDesign(rows, SPEC),
        rows.map(() => 2),
      ),
    ).toThrow(/0 or 1/);
    expect(() => fitLogit(buildDesign(rows, SPEC), ys(rows), { cluster: rows.map(() => "one") })).toThrow(
      /two clusters/,
    );
  });
});

describe("fitMultinom: separation and non-convergence", () => {
  const levels = ["none", "one", "two"];
  it("flags a level that never has some outcome, naming the outcome", () => {
    const rows = dataset(900, "msep", () => 0).map((r) =>
      r.g === "c" && r.outcome === "two" ? { ...r, outcome: "one" } : r,
    );
    const fit = fitMultinom(
      buildDesign(rows, SPEC),
      rows.map((r) => r.outcome as string),
      levels,
      { cluster: rows.map((r) => r.officer as string) },
    );
    expect(fit.status).toBe("separation");
    expect(fit.separation).toEqual([
      { column: "gc", outcome: "two", detail: expect.stringMatching(/has outcome "two"/) as string },
    ]);
    expect(fit.reference).toBe("none");
    expect(fit.outcomes).toEqual(["one", "two"]);
  });

  it("reports non-convergence and rejects unknown or missing outcome levels", () => {
    const rows = dataset(600, "mnc", () => 0);
    const y = rows.map((r) => r.outcome as string);
    expect(fitMultinom(buildDesign(rows, SPEC), y, levels, { maxIter: 1 })).toMatchObject({
      status: "not_converged",
      converged: false,
    });
    expect(fitMultinom(buildDesign(rows, SPEC), y, levels).status).toBe("converged");
    expect(() => fitMultinom(buildDesign(rows, SPEC), y, ["none", "one", "three"])).toThrow(/not one of/);
    expect(() => fitMultinom(buildDesign(rows, SPEC), y, ["none", "one", "two", "four"])).toThrow(
      /never observed: four/,
    );
  });
});

describe("Wald and clusters", () => {
  it("computes p-values from the lower tail (exact far out) and intervals on both scales", () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-10)).toBeCloseTo(1.523970604832105e-23, 35);
    const w = waldTerm("t", Math.log(2), 0.01);
    expect(w.oddsRatio).toBeCloseTo(2, 14);
    expect(Math.log(w.ciLow)).toBeCloseTo(w.lower, 14);
  });

  it("numbers clusters in order of first appearance", () => {
    expect(clusterIndex(["b", "a", "b", "c"])).toEqual({ index: Int32Array.from([0, 1, 0, 2]), G: 3 });
  });
});

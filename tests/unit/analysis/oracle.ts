/**
 * Shared by the fixture tests and the live-R tests: reads a dataset written by tests/fixtures/analysis/fit-oracle.R,
 * fits the same models with lib/analysis, and compares with R's JSON output.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
import { buildDesign, type DesignSpec, type FrameRow } from "@/lib/analysis/design";
import { fitLogit, type LogitFit } from "@/lib/analysis/logistic";
import { ameLogit, ameMultinom, counterfactualDesign } from "@/lib/analysis/marginal";
import { fitMultinom, type MultinomFit } from "@/lib/analysis/multinomial";
import { chiSquareTest, wilsonProportion } from "@/lib/analysis/tests-of-balance";
import { waldTerm } from "@/lib/analysis/wald";

export const FIXTURE_DIR = path.resolve("tests/fixtures/analysis");
export const ORACLE_SCRIPT = path.join(FIXTURE_DIR, "fit-oracle.R");
export const hasRscript = spawnSync("Rscript", ["--version"], { encoding: "utf8" }).status === 0;

export const RISK = ["welfare_or_service", "crisis_or_suicide", "disturbance", "violent_or_weapon"];
export const PREC = ["West", "East", "North"];
export const ERA = ["before_2020", "2020_and_after"];
export const DISP = ["no_action", "arrest", "emergent_detention", "referral"];

type Named = Record<string, number>;
type Ame = { estimate: number; se: number };
export interface Oracle {
  r_version: string;
  packages: Record<string, string>;
  n: number;
  logit: {
    coef: Named;
    se_model: Named;
    se_cl: Named;
    ci_model: { low: Named; high: Named };
    ci_cl: { low: Named; high: Named };
    deviance: number;
    null_deviance: number;
    ame: Record<string, Ame>;
  };
  logit_interaction: { coef: Named; se_model: Named; se_cl: Named; ame_cit: Ame };
  collinear: { coef: Named; aliased: string[] | string; se_cl: Named };
  multinom: {
    coef: Record<string, Named>;
    se_model: Record<string, Named>;
    se_cl: Record<string, Named>;
    loglik: number;
    ame_cit: Named;
  };
  chisq: { statistic: number; df: number; p: number; table: number[][] };
  wilson: { x: number; n: number; low: number; high: number }[];
}

export function readDataset(file: string): FrameRow[] {
  const raw = parse(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return raw.map((r) => ({
    ...r,
    cit: Number(r.cit),
    exper: Number(r.exper),
    exper2: Number(r.exper2),
    y: Number(r.y),
  }));
}

/** Runs the R oracle: generate a dataset (when seed is given) and fit it. Returns the data and R's results. */
export function runOracle(dir: string, seed: number, n: number): { rows: FrameRow[]; oracle: Oracle } {
  const data = path.join(dir, "data.csv");
  const out = path.join(dir, "oracle.json");
  for (const args of [
    ["generate", String(seed), String(n), data],
    ["fit", data, out],
  ]) {
    const r = spawnSync("Rscript", [ORACLE_SCRIPT, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`Rscript ${args[0]} failed: ${r.stderr}`);
  }
  return { rows: readDataset(data), oracle: JSON.parse(fs.readFileSync(out, "utf8")) as Oracle };
}

const factor = (variable: string, levels: string[]) => ({
  kind: "factor" as const,
  variable,
  levels,
  reference: levels[0]!,
});
export const LOGIT_SPEC: DesignSpec = {
  terms: [
    { kind: "numeric", variable: "cit" },
    { kind: "numeric", variable: "exper" },
    factor("risk", RISK),
    factor("prec", PREC),
    factor("era", ERA),
  ],
};
export const INTERACTION_SPEC: DesignSpec = {
  terms: [...LOGIT_SPEC.terms, { kind: "interaction", left: "cit", right: "era" }],
};
export const COLLINEAR_SPEC: DesignSpec = {
  terms: [
    { kind: "numeric", variable: "cit" },
    { kind: "numeric", variable: "exper" },
    { kind: "numeric", variable: "exper2" },
    factor("risk", RISK),
  ],
};
export const MULTINOM_SPEC: DesignSpec = {
  terms: [{ kind: "numeric", variable: "cit" }, factor("risk", RISK), factor("prec", PREC), factor("era", ERA)],
};

/** |actual - expected| <= rel * max(|expected|, floor). */
export function expectClose(actual: number, expected: number, rel: number, label: string, floor = 0): void {
  const err = Math.abs(actual - expected);
  const bound = rel * Math.max(Math.abs(expected), floor);
  if (!(err <= bound))
    expect.fail(
      `${label}: ${actual} vs R ${expected} (error ${err.toExponential(2)}, allowed ${bound.toExponential(2)})`,
    );
}

function compareNamed(
  names: string[],
  actual: (name: string, j: number) => number,
  expected: Named,
  rel: number,
  label: string,
  floor?: (name: string) => number,
): void {
  expect(names.sort()).toEqual(Object.keys(expected).sort());
  names.forEach((name, j) => expectClose(actual(name, j), expected[name]!, rel, `${label} ${name}`, floor?.(name)));
}

const at = (fit: LogitFit, name: string) => fit.names.indexOf(name);

export function fitLogitModels(rows: FrameRow[]) {
  const y = rows.map((r) => r.y as number);
  const cluster = rows.map((r) => r.officer as string);
  return {
    main: fitLogit(buildDesign(rows, LOGIT_SPEC), y, { cluster }),
    interaction: fitLogit(buildDesign(rows, INTERACTION_SPEC), y, { cluster }),
    collinear: fitLogit(buildDesign(rows, COLLINEAR_SPEC), y, { cluster }),
  };
}

export function compareLogit(rows: FrameRow[], oracle: Oracle, rel = 1e-6): void {
  const { main, interaction, collinear } = fitLogitModels(rows);
  const o = oracle.logit;
  expect(main.status).toBe("converged");
  const names = [...main.names];
  compareNamed(names, (n) => main.beta[at(main, n)]!, o.coef, rel, "coef");
  compareNamed(names, (n) => Math.sqrt(main.vcovModel.get(at(main, n), at(main, n))), o.se_model, rel, "model SE");
  compareNamed(names, (n) => Math.sqrt(main.vcovRobust!.get(at(main, n), at(main, n))), o.se_cl, rel, "HC1 cluster SE");
  const model = (n: string) => waldTerm(n, main.beta[at(main, n)]!, main.vcovModel.get(at(main, n), at(main, n)));
  const robust = (n: string) => waldTerm(n, main.beta[at(main, n)]!, main.vcovRobust!.get(at(main, n), at(main, n)));
  compareNamed(names, (n) => model(n).lower, o.ci_model.low, rel, "confint.default low");
  compareNamed(names, (n) => model(n).upper, o.ci_model.high, rel, "confint.default high");
  compareNamed(names, (n) => robust(n).lower, o.ci_cl.low, rel, "robust Wald low");
  compareNamed(names, (n) => Math.log(robust(n).ciHigh), o.ci_cl.high, rel, "robust OR interval high (log)");
  expectClose(main.deviance, o.deviance, rel, "deviance");
  expectClose(main.nullDeviance, o.null_deviance, rel, "null deviance");

  // AMEs: mean difference of predicted probabilities, delta-method SE with the cluster-robust covariance.
  const V = main.vcovRobust!;
  const cf = (set: Parameters<typeof counterfactualDesign>[3]) =>
    counterfactualDesign(rows, LOGIT_SPEC, main.keep, set);
  const ames = {
    cit: ameLogit(main.beta, V, cf({ cit: 1 }), cf({ cit: 0 })),
    exper: ameLogit(main.beta, V, cf({ exper: (r) => (r.exper as number) + 1 }), main.design),
    riskviolent_or_weapon: ameLogit(
      main.beta,
      V,
      cf({ risk: "violent_or_weapon" }),
      cf({ risk: "welfare_or_service" }),
    ),
    precNorth: ameLogit(main.beta, V, cf({ prec: "North" }), cf({ prec: "West" })),
  };
  for (const [k, a] of Object.entries(ames)) {
    expectClose(a.estimate, o.ame[k]!.estimate, rel, `AME ${k}`);
    expectClose(a.se!, o.ame[k]!.se, rel, `AME SE ${k}`);
  }

  const oi = oracle.logit_interaction;
  expect(interaction.names).toContain("cit:era2020_and_after");
  compareNamed([...interaction.names], (n) => interaction.beta[at(interaction, n)]!, oi.coef, rel, "interaction coef");
  compareNamed(
    [...interaction.names],
    (n) => Math.sqrt(interaction.vcovRobust!.get(at(interaction, n), at(interaction, n))),
    oi.se_cl,
    rel,
    "interaction HC1 SE",
  );
  const cfi = (set: Parameters<typeof counterfactualDesign>[3]) =>
    counterfactualDesign(rows, INTERACTION_SPEC, interaction.keep, set);
  const ameI = ameLogit(interaction.beta, interaction.vcovRobust, cfi({ cit: 1 }), cfi({ cit: 0 }));
  expectClose(ameI.estimate, oi.ame_cit.estimate, rel, "interaction AME cit");
  expectClose(ameI.se!, oi.ame_cit.se, rel, "interaction AME SE cit");

  const aliased = ([] as string[]).concat(oracle.collinear.aliased);
  expect(collinear.dropped.map((d) => d.column)).toEqual(aliased);
  expect(collinear.dropped[0]!.detail).toMatch(/linear combination of \(Intercept\), exper/);
  compareNamed(
    [...collinear.names],
    (n) => collinear.beta[at(collinear, n)]!,
    oracle.collinear.coef,
    rel,
    "collinear coef",
  );
  compareNamed(
    [...collinear.names],
    (n) => Math.sqrt(collinear.vcovRobust!.get(at(collinear, n), at(collinear, n))),
    oracle.collinear.se_cl,
    rel,
    "collinear HC1 SE",
  );
}

export function fitMultinomModel(rows: FrameRow[]): MultinomFit {
  return fitMultinom(
    buildDesign(rows, MULTINOM_SPEC),
    rows.map((r) => r.outcome as string),
    DISP,
    { cluster: rows.map((r) => r.officer as string) },
  );
}

export function compareMultinom(rows: FrameRow[], oracle: Oracle, rel = 1e-4): void {
  const fit = fitMultinomModel(rows);
  expect(fit.status).toBe("converged");
  expect(fit.reference).toBe("no_action");
  const o = oracle.multinom;
  const p = fit.names.length;
  fit.outcomes.forEach((outcome, k) => {
    const idx = (n: string) => k * p + fit.names.indexOf(n);
    // Relative to the larger of |estimate| and its standard error: nnet's optimiser stops ~1e-6 from the optimum.
    const floor = (n: string) => o.se_model[outcome]![n]!;
    compareNamed([...fit.names], (n) => fit.beta[idx(n)]!, o.coef[outcome]!, rel, `${outcome} coef`, floor);
    compareNamed(
      [...fit.names],
      (n) => Math.sqrt(fit.vcovModel.get(idx(n), idx(n))),
      o.se_model[outcome]!,
      rel,
      `${outcome} model SE`,
    );
    compareNamed(
      [...fit.names],
      (n) => Math.sqrt(fit.vcovRobust!.get(idx(n), idx(n))),
      o.se_cl[outcome]!,
      rel,
      `${outcome} HC1 cluster SE`,
    );
  });
  expectClose(fit.logLik, o.loglik, 1e-8, "log-likelihood");
  const cf = (cit: number) => counterfactualDesign(rows, MULTINOM_SPEC, fit.keep, { cit });
  const ames = ameMultinom(fit.beta, DISP.length, fit.vcovRobust, cf(1), cf(0));
  DISP.forEach((d, k) => expectClose(ames[k]!.estimate, o.ame_cit[d]!, rel, `AME cit on P(${d})`, 1e-3));
}

export function compareBalance(rows: FrameRow[], oracle: Oracle): void {
  const table = [0, 1].map((cit) => RISK.map((r) => rows.filter((x) => x.cit === cit && x.risk === r).length));
  expect(table).toEqual(oracle.chisq.table);
  const t = chiSquareTest(table);
  expectClose(t.statistic, oracle.chisq.statistic, 1e-10, "chi-square statistic");
  expect(t.df).toBe(oracle.chisq.df);
  expectClose(t.p, oracle.chisq.p, 1e-8, "chi-square p");
  for (const w of oracle.wilson) {
    const ci = wilsonProportion(w.x, w.n);
    expectClose(ci.ciLow, w.low, 1e-10, `Wilson low ${w.x}/${w.n}`, 1e-12);
    expectClose(ci.ciHigh, w.high, 1e-10, `Wilson high ${w.x}/${w.n}`);
  }
}

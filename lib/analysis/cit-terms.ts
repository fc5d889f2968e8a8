import type { Matrix } from "ml-matrix";
import type { CitFrameRow } from "./cit-frame";
import { termLabel } from "./cit-spec";
import type { CitTerm, ModelDiagnostics } from "./cit-types";
import type { ColumnInfo, Design, DesignSpec, FrameRow, FrameValue } from "./design";
import type { LogitFit } from "./logistic";
import {
  ameLogit,
  ameMultinom,
  counterfactualDesign,
  editedDesign,
  toPercentagePoints,
  type Ame,
  type AmePp,
} from "./marginal";
import type { MultinomFit } from "./multinomial";
import { waldTerm } from "./wald";

/**
 * Turns fitted models into reported terms: robust Wald inference, model-based SE alongside, separation flags and
 * the average marginal effect of every main-effect column (factor level vs reference, 0/1 indicator 1 vs 0,
 * numeric variable +1 unit).
 */

type Setter = Readonly<Record<string, FrameValue | ((row: FrameRow) => FrameValue)>>;
type Side = { key: string; build: () => Design };

/**
 * The two counterfactual designs whose difference is a column's AME (level vs reference, 1 vs 0, +1 unit vs as
 * observed), or null for the intercept and interaction columns. A variable that enters no interaction is edited in
 * a copy of the fitted design; one that does is rebuilt from the rows so that its interaction columns follow.
 */
function contrastOf(
  c: ColumnInfo,
  rows: readonly CitFrameRow[],
  spec: DesignSpec,
  keep: readonly number[],
  fitted: Design,
): [Side, Side] | null {
  if (c.kind === "intercept" || c.kind === "interaction") return null;
  const own = fitted.columns
    .map((x, j) => [x, j] as const)
    .filter(([x]) => x.variable === c.variable && x.kind !== "interaction")
    .map(([, j]) => j);
  const interacts = fitted.columns.some((x) => x.kind === "interaction" && x.variable.split(":").includes(c.variable));
  const side = (key: string, set: Setter | null, edit: (x: Float64Array, at: number) => void): Side => ({
    key,
    build: () =>
      set === null ? fitted : interacts ? counterfactualDesign(rows, spec, keep, set) : editedDesign(fitted, edit),
  });
  const j = fitted.columns.indexOf(c);
  if (c.kind === "dummy") {
    const setLevel = (level: string | null) => (x: Float64Array, at: number) => {
      for (const k of own) x[at + k] = fitted.columns[k]!.level === level ? 1 : 0;
    };
    return [
      side(`${c.variable}=${c.level}`, { [c.variable]: c.level! }, setLevel(c.level)),
      side(`${c.variable}=${c.reference}`, { [c.variable]: c.reference! }, setLevel(null)),
    ];
  }
  if (c.name === "cit_certified") {
    return [
      side("cit=1", { cit_certified: 1 }, (x, at) => void (x[at + j] = 1)),
      side("cit=0", { cit_certified: 0 }, (x, at) => void (x[at + j] = 0)),
    ];
  }
  return [
    side(`${c.name}+1`, { [c.name]: (r: FrameRow) => (r[c.name] as number) + 1 }, (x, at) => void (x[at + j]! += 1)),
    side("fitted", null, () => undefined),
  ];
}

/** Computes AMEs column by column; a reference-side design shared by several columns is built once. */
export function columnAmes<T>(
  rows: readonly CitFrameRow[],
  spec: DesignSpec,
  keep: readonly number[],
  fitted: Design,
  compute: (X1: Design, X0: Design) => T,
): (T | null)[] {
  const shared = new Map<string, Design>();
  return fitted.columns.map((c) => {
    const contrast = contrastOf(c, rows, spec, keep, fitted);
    if (!contrast) return null;
    const [one, zero] = contrast;
    let X0 = shared.get(zero.key);
    if (!X0) shared.set(zero.key, (X0 = zero.build()));
    return compute(one.build(), X0);
  });
}

function term(
  c: ColumnInfo,
  estimate: number,
  vRobust: number,
  vModel: number,
  ame: AmePp | null,
  separated: boolean,
): CitTerm {
  const w = waldTerm(c.name, estimate, vRobust);
  return {
    term: c.name,
    label: termLabel(c),
    variable: c.variable,
    level: c.level,
    reference: c.reference,
    estimate: w.estimate,
    se: w.se,
    z: w.z,
    p: w.p,
    oddsRatio: w.oddsRatio,
    ciLow: w.ciLow,
    ciHigh: w.ciHigh,
    seModel: Math.sqrt(vModel),
    ame,
    flag: separated ? "separation" : null,
  };
}

const robustOf = (fit: { vcovRobust: Matrix | null; vcovModel: Matrix }) => fit.vcovRobust ?? fit.vcovModel;

export function diagnosticsOf(fit: LogitFit | MultinomFit): ModelDiagnostics {
  return {
    status: fit.status,
    converged: fit.converged,
    iterations: fit.iterations,
    logLik: fit.logLik,
    dropped: fit.dropped,
    separation: fit.separation,
    warnings: fit.warnings,
  };
}

export function logitTerms(fit: LogitFit, rows: readonly CitFrameRow[], spec: DesignSpec): CitTerm[] {
  const V = robustOf(fit);
  const separated = new Set(fit.separation.map((s) => s.column));
  const ames = columnAmes<Ame>(rows, spec, fit.keep, fit.design, (X1, X0) => ameLogit(fit.beta, V, X1, X0));
  return fit.columns.map((c, j) =>
    term(
      c,
      fit.beta[j]!,
      V.get(j, j),
      fit.vcovModel.get(j, j),
      ames[j] ? toPercentagePoints(ames[j]!) : null,
      separated.has(c.name),
    ),
  );
}

export interface MultinomTerms {
  outcomes: Record<string, { terms: CitTerm[] }>;
  ameByTerm: { term: string; label: string; byOutcome: Record<string, AmePp> }[];
}

export function multinomTerms(fit: MultinomFit, rows: readonly CitFrameRow[], spec: DesignSpec): MultinomTerms {
  const V = robustOf(fit);
  const p = fit.columns.length;
  const K = fit.outcomes.length + 1;
  const all = [fit.reference, ...fit.outcomes];
  const ames = columnAmes<Ame[]>(rows, spec, fit.keep, fit.design, (X1, X0) => ameMultinom(fit.beta, K, V, X1, X0));
  const separated = (column: string, outcome: string) =>
    fit.separation.some((s) => s.column === column && (s.outcome === null || s.outcome === outcome));
  const outcomes: MultinomTerms["outcomes"] = {};
  fit.outcomes.forEach((o, k) => {
    outcomes[o] = {
      terms: fit.columns.map((c, j) => {
        const at = k * p + j;
        const ame = ames[j]?.[k + 1];
        return term(
          c,
          fit.beta[at]!,
          V.get(at, at),
          fit.vcovModel.get(at, at),
          ame ? toPercentagePoints(ame) : null,
          separated(c.name, o),
        );
      }),
    };
  });
  const ameByTerm = fit.columns.flatMap((c, j) => {
    const a = ames[j];
    if (!a) return [];
    return [
      {
        term: c.name,
        label: termLabel(c),
        byOutcome: Object.fromEntries(all.map((o, k) => [o, toPercentagePoints(a[k]!)])),
      },
    ];
  });
  return { outcomes, ameByTerm };
}

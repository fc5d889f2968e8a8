import type { Db } from "@/lib/db/client";
import { CALL_RISK_GROUPS } from "./call-risk";
import { loadCitFrame, MODALITY_LABELS, type CitFrame, type CitFrameRow } from "./cit-frame";
import {
  DISPOSITION_LEVELS,
  dispositionSpec,
  formulaOf,
  forceSpec,
  prepareFrame,
  type PreparedFrame,
} from "./cit-spec";
import { diagnosticsOf, logitTerms, multinomTerms } from "./cit-terms";
import {
  CIT_METHOD_VERSION,
  SE_METHOD,
  type BinaryModelResult,
  type CitByEra,
  type CitResults,
  type DispatchBalance,
  type DispositionModelResult,
  type ModalityRates,
  type ModelDiagnostics,
} from "./cit-types";
import { buildDesign, type DesignSpec } from "./design";
import { fitLogit, ModelError, type LogitFit } from "./logistic";
import { ameLogit, counterfactualDesign, toPercentagePoints } from "./marginal";
import { fitMultinom } from "./multinomial";
import { chiSquareTest, wilsonProportion } from "./tests-of-balance";
import { waldTerm } from "./wald";

/**
 * The CIT analysis of one Crisis Data version: does use of force, and the disposition, differ with the officer's
 * crisis intervention training? Force model (binary logit), its CIT x era sensitivity model, disposition model
 * (multinomial logit, reference "no action"), dispatch balance (do CIT officers get harder calls?) and raw rates.
 * All inference is cluster-robust by officer (HC1). Server-side only, but without "server-only" so the CLI can use it.
 */

export { CIT_METHOD_VERSION, CIT_RESULT_KEY, SE_METHOD } from "./cit-types";
export type { CitResults } from "./cit-types";
export { ModelError } from "./logistic";

const MODALITY_NOTE =
  "Seattle's open Crisis Data carries only the \"CIT Certified Indicator\" ('Y' or empty), so these models compare " +
  "CIT-certified officers (the 40-hour course) with officers who are not certified or whose certification is not " +
  "recorded: the data cannot separate officers with the 8-hour training only from officers with none. The models " +
  "support the three-level modality (certified / 8-hour trained only / none) for agencies whose data records it.";

const CAVEATS = [
  "Observational data: the models show associations, not effects of training. Officers choose CIT certification, and the data lacks factors that drive force in the moment (weapons, intoxication).",
  "An odds ratio is not a risk ratio: force is used in a small share of contacts, so read the percentage-point differences (and 'per 1,000 contacts') for absolute size.",
  "Disposition odds ratios compare each disposition with taking no action, not with every other outcome.",
  "One contact is one template handled by one officer: an incident with several officers counts several times. Standard errors are clustered by officer.",
  "The dispatch-balance chi-square test treats contacts as independent; contacts of one officer are not, so its p-value is too small. Read the shares and Cramér's V.",
];

const ms = (t0: number) => Math.round(performance.now() - t0);

function citByEra(prep: PreparedFrame, spec: DesignSpec, fit: LogitFit): CitByEra[] {
  const V = fit.vcovRobust ?? fit.vcovModel;
  const citColumns = fit.columns
    .map((c, j) => [c, j] as const)
    .filter(([c]) => c.variable === "cit_certified" || c.variable === "cit_modality");
  const out: CitByEra[] = [];
  for (const era of ["before_2020", "2020_and_after"] as const) {
    const rows = prep.rows.filter((r) => r.era === era);
    for (const [c, j] of citColumns) {
      const inter =
        era === "2020_and_after" ? fit.columns.findIndex((x) => x.name === `${c.name}:era2020_and_after`) : -1;
      const estimate = fit.beta[j]! + (inter >= 0 ? fit.beta[inter]! : 0);
      const variance = V.get(j, j) + (inter >= 0 ? V.get(inter, inter) + 2 * V.get(j, inter) : 0);
      const w = waldTerm(c.name, estimate, variance);
      let ame = null;
      if (rows.length > 0) {
        const set1: Record<string, string | number> =
          c.kind === "numeric" ? { cit_certified: 1 } : { cit_modality: c.level! };
        const set0: Record<string, string | number> =
          c.kind === "numeric" ? { cit_certified: 0 } : { cit_modality: c.reference! };
        ame = toPercentagePoints(
          ameLogit(
            fit.beta,
            V,
            counterfactualDesign(rows, spec, fit.keep, set1),
            counterfactualDesign(rows, spec, fit.keep, set0),
          ),
        );
      }
      out.push({ term: c.name, era, oddsRatio: w.oddsRatio, ciLow: w.ciLow, ciHigh: w.ciHigh, p: w.p, ame });
    }
  }
  return out;
}

function dispatchBalance(prep: PreparedFrame): DispatchBalance {
  const present = prep.modalityLevels.filter((m) => prep.rows.some((r) => r.cit_modality === m));
  const counts = present.map((m) => {
    const c = Object.fromEntries(CALL_RISK_GROUPS.map((g) => [g, 0])) as Record<string, number>;
    for (const r of prep.rows) if (r.cit_modality === m) c[r.call_risk_group]!++;
    return c;
  });
  const test = chiSquareTest(counts.map((c) => CALL_RISK_GROUPS.map((g) => c[g]!)));
  const rows = present.map((m, i) => {
    const total = Object.values(counts[i]!).reduce((a, b) => a + b, 0);
    return {
      modality: m,
      label: MODALITY_LABELS[m] ?? m,
      total,
      counts: counts[i]!,
      shares: Object.fromEntries(CALL_RISK_GROUPS.map((g) => [g, wilsonProportion(counts[i]![g]!, total)])),
    };
  });
  const certified = rows.find((r) => r.modality === "certified");
  const reference = rows.find((r) => r.modality === prep.modalityLevels[0]);
  return {
    groups: [...CALL_RISK_GROUPS],
    rows,
    test: {
      method: "Pearson chi-square test of independence, CIT modality x call risk group (contacts)",
      statistic: test.statistic,
      df: test.df,
      p: test.p,
      cramersV: test.cramersV,
      smallExpectedCells: test.smallExpectedCells,
    },
    violentShareDifferencePp:
      certified && reference
        ? 100 * (certified.shares.violent_or_weapon!.share - reference.shares.violent_or_weapon!.share)
        : null,
    note: "If CIT-certified officers were sent to harder calls, their contacts would hold a larger share of violent or weapon calls. The test counts contacts as independent, so with many contacts even a negligible difference is 'significant': judge the size of the differences (and Cramér's V), not the p-value.",
  };
}

function rawRates(prep: PreparedFrame): ModalityRates[] {
  return prep.modalityLevels
    .map((m) => prep.rows.filter((r) => r.cit_modality === m))
    .filter((rs) => rs.length > 0)
    .map((rs) => {
      const m = rs[0]!.cit_modality;
      const force = wilsonProportion(
        rs.reduce((s, r) => s + r.force, 0),
        rs.length,
      );
      const recorded = rs.filter((r) => r.disposition_group !== "unknown");
      return {
        modality: m,
        label: MODALITY_LABELS[m] ?? m,
        contacts: rs.length,
        force: { ...force, perThousand: 1000 * force.share },
        disposition: Object.fromEntries(
          DISPOSITION_LEVELS.map((g) => [
            g,
            wilsonProportion(recorded.filter((r) => r.disposition_group === g).length, recorded.length),
          ]),
        ),
      };
    });
}

function failed(e: unknown): ModelDiagnostics {
  if (!(e instanceof ModelError)) throw e;
  return {
    status: "failed",
    converged: false,
    iterations: 0,
    logLik: null,
    dropped: [],
    separation: [],
    warnings: [`Not estimable: ${e.message}.`],
  };
}

function forceModel(
  prep: PreparedFrame,
  interaction: boolean,
): { result: BinaryModelResult; fit: LogitFit | null; spec: DesignSpec } {
  const spec = forceSpec(prep, interaction);
  const base = {
    formula: formulaOf("force", spec),
    n: prep.rows.length,
    events: prep.rows.reduce((s, r) => s + r.force, 0),
    clusters: new Set(prep.rows.map((r) => r.officer_id)).size,
  };
  try {
    const fit = fitLogit(
      buildDesign(prep.rows, spec),
      prep.rows.map((r) => r.force),
      { cluster: prep.rows.map((r) => r.officer_id) },
    );
    return { result: { ...base, terms: logitTerms(fit, prep.rows, spec), diagnostics: diagnosticsOf(fit) }, fit, spec };
  } catch (e) {
    return { result: { ...base, terms: [], diagnostics: failed(e) }, fit: null, spec };
  }
}

function dispositionModel(prep: PreparedFrame): DispositionModelResult {
  const rows = prep.rows.filter((r) => r.disposition_group !== "unknown");
  const spec = dispositionSpec(prep);
  const counts = Object.fromEntries(
    DISPOSITION_LEVELS.map((l) => [l, rows.filter((r) => r.disposition_group === l).length]),
  );
  const base = {
    formula: formulaOf("disposition_group", spec),
    reference: "no_action" as const,
    n: rows.length,
    counts,
    clusters: new Set(rows.map((r) => r.officer_id)).size,
  };
  try {
    const fit = fitMultinom(
      buildDesign(rows, spec),
      rows.map((r) => r.disposition_group),
      DISPOSITION_LEVELS,
      { cluster: rows.map((r) => r.officer_id) },
    );
    return { ...base, ...multinomTerms(fit, rows, spec), diagnostics: diagnosticsOf(fit) };
  } catch (e) {
    return { ...base, outcomes: {}, ameByTerm: [], diagnostics: failed(e) };
  }
}

/**
 * Fits every CIT model on a loaded frame. Pure: the same frame gives the same result (timings aside). Never throws
 * for data that cannot support a model (no contact with force, a disposition group never recorded, one officer):
 * that model's diagnostics.status is then "failed", with the reason in its warnings, and its terms are empty.
 */
export function fitCitModels(frame: CitFrame): CitResults {
  const t0 = performance.now();
  const prep = prepareFrame(frame.rows);
  const force = forceModel(prep, false);
  const sensitivity = forceModel(prep, true);
  return {
    kind: "cit-models",
    methodVersion: CIT_METHOD_VERSION,
    datasetVersionId: frame.versionId,
    datasetVersionLabel: frame.versionLabel,
    synthetic: frame.synthetic,
    n: prep.rows.length,
    seMethod: SE_METHOD,
    clusters: force.result.clusters,
    modality: {
      kind: prep.modality,
      levels: [...prep.modalityLevels],
      reference: prep.modalityLevels[0]!,
      labels: Object.fromEntries(prep.modalityLevels.map((m) => [m, MODALITY_LABELS[m] ?? m])),
      note: MODALITY_NOTE,
    },
    exclusions: frame.exclusions,
    referenceLevels: prep.referenceLevels,
    pooledLevels: prep.pooled,
    callRisk: frame.callRisk,
    force: force.result,
    forceEraInteraction: {
      ...sensitivity.result,
      citByEra: sensitivity.fit ? citByEra(prep, sensitivity.spec, sensitivity.fit) : [],
    },
    disposition: dispositionModel(prep),
    dispatchBalance: dispatchBalance(prep),
    rawRates: rawRates(prep),
    caveats: CAVEATS,
    timingsMs: { load: 0, fit: ms(t0) },
  };
}

/** Loads the contacts of a Crisis Data version and fits every CIT model (see fitCitModels). Throws only when the
 * version does not exist or is not Crisis Data. */
export async function computeCitResults(db: Db, crisisVersionId: number): Promise<CitResults> {
  const t0 = performance.now();
  const frame = await loadCitFrame(db, crisisVersionId);
  const load = ms(t0);
  const results = fitCitModels(frame);
  return { ...results, timingsMs: { load, fit: results.timingsMs.fit } };
}

/** The model frame after the exclusions and the pooling of sparse levels: exactly what the models were fitted on. */
export async function citModelFrame(db: Db, crisisVersionId: number): Promise<CitFrameRow[]> {
  return prepareFrame((await loadCitFrame(db, crisisVersionId)).rows).rows;
}

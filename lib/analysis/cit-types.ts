import type { CallRiskGroup } from "./call-risk";
import type { DroppedColumn } from "./design";
import type { AmePp } from "./marginal";
import type { FitStatus, SeparationItem } from "./separation";
import type { Proportion } from "./tests-of-balance";

/**
 * The stored result of the CIT models for one Crisis Data version (JSON-serialisable: NaN and Infinity never occur
 * in a trustworthy figure; where one would, the field is null after JSON.stringify and the term is flagged).
 */

export const CIT_METHOD_VERSION = "cit-1";
export const CIT_RESULT_KEY = "crisis.cit";
export const SE_METHOD = "cluster-robust HC1 by officer" as const;

/** One model term. Inference (se, z, p, intervals) uses the cluster-robust covariance. */
export interface CitTerm {
  /** R model.matrix column name, e.g. "cit_certified", "call_risk_groupviolent_or_weapon", "(Intercept)". */
  term: string;
  label: string;
  variable: string;
  level: string | null;
  reference: string | null;
  /** Log-odds coefficient (multinomial: log of P(outcome) / P(no action)). */
  estimate: number;
  se: number;
  z: number;
  p: number;
  oddsRatio: number;
  /** 95% Wald interval of the odds ratio (exp of R's confint.default with the robust covariance). */
  ciLow: number;
  ciHigh: number;
  /** Model-based (non-robust) standard error, for comparison. */
  seModel: number;
  /**
   * Average marginal effect on the probability of the outcome, in percentage points, with its delta-method
   * cluster-robust 95% interval; perThousand = "x more per 1,000 contacts". Null for the intercept and
   * interaction columns. For a numeric variable: one unit (one year) more.
   */
  ame: AmePp | null;
  /** "separation": no finite estimate exists for this term; do not read its numbers. */
  flag: "separation" | null;
}

export interface ModelDiagnostics {
  /** "failed": the data cannot support the model at all (e.g. no contact with force); terms are then empty. */
  status: FitStatus | "failed";
  converged: boolean;
  iterations: number;
  logLik: number | null;
  /** Columns dropped before fitting (collinear or empty), with the reason. */
  dropped: DroppedColumn[];
  separation: SeparationItem[];
  warnings: string[];
}

export interface BinaryModelResult {
  formula: string;
  n: number;
  events: number;
  clusters: number;
  terms: CitTerm[];
  diagnostics: ModelDiagnostics;
}

export interface CitByEra {
  /** The CIT column (cit_certified, or a cit_modality level) whose effect is shown within the era. */
  term: string;
  era: string;
  oddsRatio: number;
  ciLow: number;
  ciHigh: number;
  p: number;
  /** AME of CIT certification within the era's contacts, percentage points. */
  ame: AmePp | null;
}

export interface DispositionModelResult {
  formula: string;
  reference: "no_action";
  n: number;
  counts: Record<string, number>;
  clusters: number;
  outcomes: Record<string, { terms: CitTerm[] }>;
  /** AMEs on every disposition group's probability (the reference included), by term. */
  ameByTerm: { term: string; label: string; byOutcome: Record<string, AmePp> }[];
  diagnostics: ModelDiagnostics;
}

export interface ModalityRates {
  modality: string;
  label: string;
  contacts: number;
  force: Proportion & { perThousand: number };
  disposition: Record<string, Proportion>;
}

export interface DispatchBalance {
  groups: CallRiskGroup[];
  rows: {
    modality: string;
    label: string;
    total: number;
    counts: Record<string, number>;
    shares: Record<string, Proportion>;
  }[];
  test: { method: string; statistic: number; df: number; p: number; cramersV: number; smallExpectedCells: number };
  /** Difference in the share of violent or weapon calls, certified minus reference modality, percentage points. */
  violentShareDifferencePp: number | null;
  note: string;
}

export interface CitExclusions {
  /** Contacts (Template ID + Officer ID) loaded for the version. */
  contactsInVersion: number;
  /** Rows quarantined at ingest because the experience value was impossible: they never loaded. */
  quarantinedAtIngest: { reason: "impossible_experience"; rows: number; contacts: number; description: string };
  /** Loaded contacts left out of every model, each counted under the first reason that applies. */
  excluded: { reason: "missing_officer_id" | "missing_experience"; contacts: number; description: string }[];
  /** Contacts left out of the disposition model only (no recorded disposition). */
  dispositionNotRecorded: number;
}

export interface CitResults {
  kind: "cit-models";
  methodVersion: string;
  datasetVersionId: number;
  datasetVersionLabel: string;
  synthetic: boolean;
  /** Contacts in the force model (= contactsInVersion minus the exclusions). */
  n: number;
  seMethod: typeof SE_METHOD;
  clusters: number;
  modality: {
    kind: "binary" | "three_level";
    levels: string[];
    reference: string;
    labels: Record<string, string>;
    note: string;
  };
  exclusions: CitExclusions;
  referenceLevels: Record<string, string>;
  /** Nuisance-factor levels too sparse to estimate, pooled (reported so that nothing changes silently). */
  pooledLevels: { variable: string; levels: string[]; into: string; reason: string }[];
  callRisk: {
    mappingVersion: string;
    reference: CallRiskGroup;
    counts: Record<string, number>;
    viaPrefix: { initialCallType: string; group: CallRiskGroup; contacts: number }[];
    unmapped: { initialCallType: string; contacts: number }[];
  };
  force: BinaryModelResult;
  /** Sensitivity model: the force model plus the CIT x era interaction. */
  forceEraInteraction: BinaryModelResult & { citByEra: CitByEra[] };
  disposition: DispositionModelResult;
  dispatchBalance: DispatchBalance;
  rawRates: ModalityRates[];
  caveats: string[];
  timingsMs: { load: number; fit: number };
}

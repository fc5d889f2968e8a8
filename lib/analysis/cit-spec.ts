import { CALL_RISK_GROUPS, CALL_RISK_REFERENCE } from "./call-risk";
import { BINARY_MODALITIES, ERAS, THREE_LEVEL_MODALITIES, type CitFrameRow } from "./cit-frame";
import type { CitResults } from "./cit-types";
import { labelOf, type Vocabulary } from "@/lib/labels";
import type { ColumnInfo, DesignSpec, TermSpec } from "./design";

/**
 * Model specifications of the CIT analysis: fixed reference levels, the rule that pools sparse levels of the
 * nuisance factors, formulas and human-readable term labels.
 */

export const DISPOSITION_LEVELS = ["no_action", "arrest", "emergent_detention", "referral"] as const;

/** Fixed reference levels of the nuisance factors (the largest group in Seattle's data); if absent, the most frequent. */
export const PREFERRED_REFERENCES = { precinct: "West", officer_race: "White", officer_gender: "M" } as const;
type NuisanceFactor = keyof typeof PREFERRED_REFERENCES;
const NUISANCE: NuisanceFactor[] = ["precinct", "officer_race", "officer_gender"];

/** A nuisance level needs this many contacts with and without force, and per disposition group, to be estimated. */
export const MIN_FORCE_EVENTS = 10;
export const MIN_PER_DISPOSITION = 5;
export const POOLED_LEVEL = "Other (pooled)";

export interface PreparedFrame {
  rows: CitFrameRow[];
  modality: "binary" | "three_level";
  modalityLevels: readonly string[];
  factors: Record<NuisanceFactor, { levels: string[]; reference: string }>;
  pooled: CitResults["pooledLevels"];
  referenceLevels: Record<string, string>;
}

function sparse(rows: readonly CitFrameRow[]): boolean {
  const events = rows.reduce((s, r) => s + r.force, 0);
  const byDisposition = new Map<string, number>(DISPOSITION_LEVELS.map((l) => [l, 0]));
  for (const r of rows)
    if (byDisposition.has(r.disposition_group))
      byDisposition.set(r.disposition_group, byDisposition.get(r.disposition_group)! + 1);
  return (
    events < MIN_FORCE_EVENTS ||
    rows.length - events < MIN_FORCE_EVENTS ||
    Math.min(...byDisposition.values()) < MIN_PER_DISPOSITION
  );
}

export function prepareFrame(input: readonly CitFrameRow[]): PreparedFrame {
  let rows = input.map((r) => ({ ...r }));
  const pooled: CitResults["pooledLevels"] = [];
  const factors = {} as PreparedFrame["factors"];
  for (const f of NUISANCE) {
    const groups = new Map<string, CitFrameRow[]>();
    for (const r of rows) {
      const g = groups.get(r[f]);
      if (g) g.push(r);
      else groups.set(r[f], [r]);
    }
    const byFrequency = [...groups.keys()].sort(
      (a, b) => groups.get(b)!.length - groups.get(a)!.length || a.localeCompare(b),
    );
    const reference = groups.has(PREFERRED_REFERENCES[f])
      ? PREFERRED_REFERENCES[f]
      : (byFrequency[0] ?? PREFERRED_REFERENCES[f]);
    const small = byFrequency.filter((l) => l !== reference && sparse(groups.get(l)!));
    let levels = [...groups.keys()].filter((l) => !small.includes(l));
    if (small.length > 0) {
      const members = small.flatMap((l) => groups.get(l)!);
      const into = sparse(members) ? reference : POOLED_LEVEL;
      const set = new Set(small);
      rows = rows.map((r) => (set.has(r[f]) ? { ...r, [f]: into } : r));
      if (into === POOLED_LEVEL) levels.push(POOLED_LEVEL);
      pooled.push({
        variable: f,
        levels: small.sort(),
        into,
        reason:
          `Fewer than ${MIN_FORCE_EVENTS} contacts with (or without) force, or fewer than ${MIN_PER_DISPOSITION} in some disposition group: too few to estimate.` +
          (into === reference
            ? " Pooled together they are still too few, so they are merged into the reference level."
            : ""),
      });
    }
    levels = [
      reference,
      ...levels.filter((l) => l !== reference && l !== POOLED_LEVEL).sort(),
      ...(levels.includes(POOLED_LEVEL) ? [POOLED_LEVEL] : []),
    ];
    factors[f] = { levels, reference };
  }
  const threeLevel = rows.some((r) => r.cit_modality === "trained_8h" || r.cit_modality === "none");
  const modalityLevels = threeLevel ? THREE_LEVEL_MODALITIES : BINARY_MODALITIES;
  return {
    rows,
    modality: threeLevel ? "three_level" : "binary",
    modalityLevels,
    factors,
    pooled,
    referenceLevels: {
      [threeLevel ? "cit_modality" : "cit_certified"]: modalityLevels[0]!,
      call_risk_group: CALL_RISK_REFERENCE,
      precinct: factors.precinct.reference,
      officer_race: factors.officer_race.reference,
      officer_gender: factors.officer_gender.reference,
      era: ERAS[0]!,
      disposition_group: DISPOSITION_LEVELS[0],
    },
  };
}

/** The CIT term: the 0/1 certified indicator (Seattle), or the three-level modality factor with reference "none". */
export function citTerm(prep: PreparedFrame): Exclude<TermSpec, { kind: "interaction" }> {
  return prep.modality === "binary"
    ? { kind: "numeric", variable: "cit_certified" }
    : { kind: "factor", variable: "cit_modality", levels: THREE_LEVEL_MODALITIES, reference: "none" };
}

const factor = (prep: PreparedFrame, f: NuisanceFactor): TermSpec => ({
  kind: "factor",
  variable: f,
  ...prep.factors[f],
});
const callRisk: TermSpec = {
  kind: "factor",
  variable: "call_risk_group",
  levels: CALL_RISK_GROUPS,
  reference: CALL_RISK_REFERENCE,
};
const era: TermSpec = { kind: "factor", variable: "era", levels: ERAS, reference: ERAS[0]! };

export function forceSpec(prep: PreparedFrame, interaction = false): DesignSpec {
  const cit = citTerm(prep);
  const terms: TermSpec[] = [
    cit,
    { kind: "numeric", variable: "years_experience" },
    callRisk,
    factor(prep, "precinct"),
    factor(prep, "officer_race"),
    factor(prep, "officer_gender"),
    era,
  ];
  if (interaction) terms.push({ kind: "interaction", left: cit.variable, right: "era" });
  return { terms };
}

export function dispositionSpec(prep: PreparedFrame): DesignSpec {
  return { terms: [citTerm(prep), callRisk, factor(prep, "precinct"), era] };
}

export function formulaOf(outcome: string, spec: DesignSpec): string {
  return `${outcome} ~ ${spec.terms.map((t) => (t.kind === "interaction" ? `${t.left}:${t.right}` : t.variable)).join(" + ")}`;
}

/** The vocabulary (lib/labels.ts) of each factor whose levels are codes; precinct and race levels are words already. */
const LEVEL_VOCABULARY: Partial<Record<string, Vocabulary>> = {
  call_risk_group: "callRisk",
  cit_modality: "citModality",
  cit_certified: "citModality",
  era: "era",
  officer_gender: "officerGender",
  disposition_group: "dispositionGroup",
};
export const levelLabel = (variable: string, level: string) => {
  const vocabulary = LEVEL_VOCABULARY[variable];
  return vocabulary ? labelOf(vocabulary, level) : level;
};
const variableLabel = (v: string) => labelOf("variable", v);

/** The fields of a model term its label is made from (a CitTerm carries them, so a stored term can be relabelled). */
export type TermIdentity = Pick<ColumnInfo, "name" | "variable" | "level" | "reference">;

/**
 * The reader's label of a model term, from lib/labels.ts: "Officer gender: Female (vs Male)", never the codes. The
 * kind is read from the name as the design matrix builds it (intercept, dummy with a level, interaction with ":").
 */
export function termLabel(c: TermIdentity): string {
  if (c.name === "(Intercept)") return "Intercept (reference contact)";
  if (c.level !== null && c.reference !== null)
    return `${variableLabel(c.variable)}: ${levelLabel(c.variable, c.level)} (vs ${levelLabel(c.variable, c.reference)})`;
  if (c.name.includes(":"))
    return c.name
      .split(":")
      .map((part) => {
        if (part === "cit_certified") return variableLabel(part);
        for (const v of ["era", "cit_modality"])
          if (part.startsWith(v) && part.length > v.length) return levelLabel(v, part.slice(v.length));
        return variableLabel(part);
      })
      .join(" × ");
  return c.name === "cit_certified"
    ? `${variableLabel("cit_certified")} (vs ${labelOf("citModality", "not_certified_or_unknown").toLowerCase()})`
    : variableLabel(c.name);
}

import { CALL_RISK_GROUPS, CALL_RISK_MAP, CALL_RISK_PREFIX_RULES } from "@/lib/analysis/call-risk";
import { BINARY_MODALITIES, DESIGN_CSV_COLUMNS, ERAS, THREE_LEVEL_MODALITIES } from "@/lib/analysis/cit-frame";
import { DISPOSITION_LEVELS } from "@/lib/analysis/cit-spec";
import { RACE_GROUPS, RACE_HARMONISATION } from "@/lib/community/race-groups";
import { DISPOSITION_GROUPS, DISPOSITION_MAP } from "@/lib/ingest/sources/crisis-dispositions";
import { UOF_LEVELS } from "@/lib/ingest/sources/seattle-uof";
import { DISPOSITIONS, OFFICER_GENDERS, PATROL_PRECINCTS } from "@/lib/ingest/synthetic/crisis-sample-catalog";
import type { Vocabulary } from "@/lib/labels";

/**
 * Every code the source mappings and the analysis can emit, enumerated from the code itself (not a hand list), by
 * the vocabulary of lib/labels.ts that must label it. Shared by the unit test of the label table and the e2e scan
 * of the public pages for raw codes.
 */
export const EMITTED_CODES: Record<Vocabulary, readonly string[]> = {
  dispositionGroup: [
    ...DISPOSITION_GROUPS,
    ...DISPOSITION_LEVELS,
    ...Object.values(DISPOSITION_MAP).map((d) => d.group),
    ...DISPOSITIONS.map((d) => d.kind),
  ],
  callRisk: [
    ...CALL_RISK_GROUPS,
    ...Object.values(CALL_RISK_MAP).map((e) => e.group),
    ...CALL_RISK_PREFIX_RULES.map((r) => r.group),
  ],
  citModality: [...BINARY_MODALITIES, ...THREE_LEVEL_MODALITIES],
  citModalityOfficers: [...BINARY_MODALITIES, ...THREE_LEVEL_MODALITIES],
  era: ERAS,
  // Officer Gender is kept as published; the synthetic sample draws the source's own values (M/F/N).
  officerGender: OFFICER_GENDERS.map(([g]) => g),
  raceGroup: [...RACE_GROUPS, ...RACE_HARMONISATION.map((m) => m.group)],
  uofLevel: Object.values(UOF_LEVELS).map(String),
  // The model variables: the exported design's columns other than the ids and the outcome, and the modality factor.
  variable: [...DESIGN_CSV_COLUMNS.filter((c) => !["contact_id", "officer_id", "force"].includes(c)), "cit_modality"],
};

/** Codes that are identifiers (snake_case): a reader should never see one of these outside code formatting. */
export const IDENTIFIER_CODES = [...new Set(Object.values(EMITTED_CODES).flat())].filter((c) => c.includes("_"));

/** All-caps values as the sources publish them that the portal shows by a label (precincts, force levels). */
export const RAW_SOURCE_VALUES = [
  ...PATROL_PRECINCTS.map(([p]) => p),
  ...Object.keys(UOF_LEVELS),
  ...Object.keys(DISPOSITION_MAP).map((d) => d.toUpperCase()),
];

/** The snake_case identifiers in a text, ignoring `backtick-quoted` code. */
export function snakeCaseTokens(text: string): string[] {
  return [...text.replace(/`[^`]*`/g, " ").matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g)].map((m) => m[0]);
}

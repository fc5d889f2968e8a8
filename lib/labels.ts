/**
 * The ONE table of reader-facing labels: every code the source mappings, the analysis and the benchmarks emit
 * (disposition groups, call risk groups, CIT modality, era, officer gender, race groups, force levels, model
 * variables) has its plain-language label here, and pages, charts, takeaways and model term labels read it from
 * here. Machine-readable outputs (CSV columns, code values in CSVs and the API) keep the codes; only what a reader
 * sees uses the label. tests/unit/labels.test.ts enumerates the codes from the mappings and the analysis and checks
 * that each one has a label, so a new code cannot reach a page raw.
 *
 * This is a foundation module (it imports nothing), so every layer can use the same words.
 */
export const LABELS = {
  /** lib/ingest/sources/crisis-dispositions.ts DISPOSITION_GROUPS (a contact's most serious disposition). */
  dispositionGroup: {
    arrest: "Arrest",
    emergent_detention: "Emergent detention",
    referral: "Referral to services",
    no_action: "No action",
    unknown: "Not recorded",
  },
  /** lib/analysis/call-risk.ts CALL_RISK_GROUPS (from the Initial Call Type). */
  callRisk: {
    violent_or_weapon: "Violent or weapon call",
    crisis_or_suicide: "Crisis or suicide call",
    disturbance: "Disturbance, disorder or property call",
    welfare_or_service: "Welfare check or service call",
    other_or_unknown: "Other or unknown call type",
  },
  /** lib/analysis/cit-frame.ts modalities: Seattle's data has only the certified indicator (two groups). */
  citModality: {
    certified: "CIT certified (40-hour course)",
    trained_8h: "8-hour CIT training only",
    none: "No CIT training",
    not_certified_or_unknown: "Not certified or unknown",
  },
  /** The same modalities as the officers in a sentence ("contacts of ..."). */
  citModalityOfficers: {
    certified: "CIT-certified officers",
    trained_8h: "officers with 8-hour CIT training only",
    none: "officers with no CIT training",
    not_certified_or_unknown: "officers not certified or of unknown status",
  },
  /** lib/analysis/cit-frame.ts ERAS. */
  era: { before_2020: "Before 2020", "2020_and_after": "From 2020 on" },
  /** Crisis Data Officer Gender, kept as published (M/F/N, self-reported HR data; N is not defined further). */
  officerGender: { M: "Male", F: "Female", N: "Neither male nor female (N)" },
  /** lib/community/race-groups.ts RACE_GROUPS: the harmonised groups of the community benchmarks. */
  raceGroup: {
    White: "White",
    Black: "Black or African American",
    "Hispanic/Latino": "Hispanic or Latino",
    Asian: "Asian",
    AIAN: "American Indian / Alaska Native",
    NHPI: "Native Hawaiian / Pacific Islander",
    Multiracial: "Two or more races",
    "Other/Unknown/Not specified": "Other, unknown or not specified",
  },
  /** lib/ingest/sources/seattle-uof.ts UOF_LEVELS values (4 = Level 3 officer-involved shooting). */
  uofLevel: {
    "1": "Level 1",
    "2": "Level 2",
    "3": "Level 3",
    "4": "Level 3 - OIS",
  },
  /** Variables of the CIT models (lib/analysis/cit-spec.ts), as the term labels and reference levels name them. */
  variable: {
    cit_certified: "CIT certified",
    cit_modality: "CIT training",
    years_experience: "Officer years of experience (per year)",
    call_risk_group: "Call risk",
    precinct: "Precinct",
    officer_race: "Officer race",
    officer_gender: "Officer gender",
    era: "Era",
    disposition_group: "Disposition",
  },
} as const satisfies Record<string, Record<string, string>>;

export type Vocabulary = keyof typeof LABELS;

/**
 * The label of a code. A code missing from the table (a value a source adds later) is shown with its underscores as
 * spaces rather than as an identifier; the unit test keeps every code the code base knows in the table.
 */
export function labelOf(vocabulary: Vocabulary, code: string | number): string {
  const table: Record<string, string> = LABELS[vocabulary];
  return table[String(code)] ?? String(code).replace(/_/g, " ");
}

/** Labels of a vocabulary keyed by code (for tables and choice lists typed by their own code unions). */
export const labelsOf = <V extends Vocabulary>(vocabulary: V): (typeof LABELS)[V] => LABELS[vocabulary];

/** A label inside a sentence: its first letter lower-cased unless it starts an acronym ("CIT certified" stays). */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

import { dispositionGroupOf } from "@/lib/ingest/sources/crisis-dispositions";
import { seattleCrisis } from "@/lib/ingest/sources/seattle-crisis";
import { seattleUseOfForce } from "@/lib/ingest/sources/seattle-uof";
import type { SourceColumnSpec } from "@/lib/ingest/sources/types";
import { DATA_STATUS_KEY } from "@/lib/charts/publish";
import type { RowDatasetId } from "./datasets";

/**
 * The columns of each public row extract. Published columns take their description and normalisation from the
 * source mapping (lib/ingest/sources), so the data dictionary is generated from the same text the loader documents;
 * derived columns (force level, disposition group, contact key) say how they are derived. Nothing here reads a staff
 * table: each column selects fields of its dataset's own model, and officers only by their published ID
 * (Officer.sourceId), never the internal key.
 */
export type ColumnType = "string" | "integer" | "boolean" | "datetime";
export type Value = string | number | boolean | null;
type DbRow = Record<string, unknown>;

export interface ExtractColumn {
  key: string;
  type: ColumnType;
  description: string;
  normalisation: string;
  /** Seattle's column name(s) this column comes from; empty for derived columns. */
  sourceColumns: string[];
  derived: boolean;
  /** Prisma select fragment of the model fields this column reads. */
  select: Record<string, true | { select: Record<string, true> }>;
  read(row: DbRow): Value;
}

function published(
  spec: readonly SourceColumnSpec[],
  sourceKey: string,
): Pick<ExtractColumn, "description" | "normalisation" | "sourceColumns" | "derived"> {
  const c = spec.find((s) => s.key === sourceKey);
  // Fails at start-up (and in the unit tests) if a mapping renames a column the extracts rely on.
  if (!c) throw new Error(`extract catalogue: the source mapping has no column "${sourceKey}"`);
  return {
    description: c.description,
    normalisation: c.normalisation,
    sourceColumns: [c.aliases[0] ?? c.key],
    derived: false,
  };
}

const field = (name: string, type: ColumnType) => ({
  type,
  select: { [name]: true as const },
  read: (r: DbRow) => (r[name] ?? null) as Value,
});

const officerId = {
  type: "string" as const,
  select: { officer: { select: { sourceId: true as const } } },
  read: (r: DbRow) => (r.officer as { sourceId: string } | null)?.sourceId ?? null,
};

const crisis = (sourceKey: string) => published(seattleCrisis.columns, sourceKey);
const uof = (sourceKey: string) => published(seattleUseOfForce.columns, sourceKey);
const REPORTED_AT = "Reported date and time, Seattle local time as published (ISO 8601 without offset).";

const CRISIS_COMMON_HEAD: ExtractColumn[] = [
  { key: "template_id", ...crisis("template_id"), ...field("templateId", "string") },
  {
    key: "reported_date_time",
    ...crisis("reported_date"),
    sourceColumns: ["Reported Date", "Reported Time"],
    normalisation: `${crisis("reported_date").normalisation} ${crisis("reported_time").normalisation} ${REPORTED_AT}`,
    ...field("reportedDate", "datetime"),
  },
  { key: "occurred_date_time", ...crisis("occured_date_time"), ...field("occurredAt", "datetime") },
  { key: "call_type", ...crisis("call_type"), ...field("callType", "string") },
  { key: "initial_call_type", ...crisis("initial_call_type"), ...field("initialCallType", "string") },
  { key: "final_call_type", ...crisis("final_call_type"), ...field("finalCallType", "string") },
];

const CRISIS_LOCATION: ExtractColumn[] = [
  { key: "precinct", ...crisis("precinct"), ...field("precinct", "string") },
  { key: "sector", ...crisis("sector"), ...field("sector", "string") },
  { key: "beat", ...crisis("beat"), ...field("beat", "string") },
];

const cit = (key: string, sourceKey: string, model: string): ExtractColumn => ({
  key,
  ...crisis(sourceKey),
  ...field(model, "boolean"),
});

const CRISIS_ROWS: ExtractColumn[] = [
  ...CRISIS_COMMON_HEAD,
  { key: "disposition", ...crisis("disposition"), ...field("disposition", "string") },
  {
    key: "disposition_group",
    type: "string",
    derived: true,
    sourceColumns: [],
    description: "Group of the row's disposition: arrest, emergent_detention, referral, no_action or unknown.",
    normalisation:
      "Derived from Disposition with the portal's disposition table (see the methodology); unlisted values are 'unknown'.",
    select: { disposition: true },
    read: (r) => dispositionGroupOf(String(r.disposition ?? "")),
  },
  { key: "use_of_force", ...crisis("use_of_force_indicator"), ...field("useOfForce", "boolean") },
  { key: "subject_veteran", ...crisis("subject_veteran_indicator"), ...field("subjectVeteran", "string") },
  cit("cit_officer_requested", "cit_officer_requested", "citRequested"),
  cit("cit_officer_dispatched", "cit_officer_dispatched", "citDispatched"),
  cit("cit_officer_arrived", "cit_officer_arrived", "citArrived"),
  { key: "officer_id", ...crisis("officer_id"), ...officerId },
  { key: "officer_gender", ...crisis("officer_gender"), ...field("officerGender", "string") },
  { key: "officer_race", ...crisis("officer_race"), ...field("officerRace", "string") },
  { key: "officer_year_of_birth", ...crisis("officer_year_of_birth"), ...field("officerYearOfBirth", "integer") },
  {
    key: "officer_years_of_experience",
    ...crisis("officer_years_of_experience"),
    ...field("officerYearsExperience", "integer"),
  },
  cit("cit_certified", "cit_certified_indicator", "citCertified"),
  { key: "officer_bureau", ...crisis("officer_bureau_desc"), ...field("officerBureau", "string") },
  { key: "officer_precinct", ...crisis("officer_precinct_desc"), ...field("officerPrecinct", "string") },
  { key: "officer_squad", ...crisis("officer_squad_desc"), ...field("officerSquad", "string") },
  ...CRISIS_LOCATION,
];

const CRISIS_CONTACTS: ExtractColumn[] = [
  {
    key: "contact_key",
    derived: true,
    sourceColumns: ["Template ID", "Officer ID"],
    description:
      "Key of the contact: Template ID and Officer ID joined by ':'. One contact = one crisis template handled by one officer.",
    normalisation: "Derived; rows of the published data with the same Template ID and Officer ID form one contact.",
    ...field("contactKey", "string"),
  },
  ...CRISIS_COMMON_HEAD,
  { key: "officer_id", ...crisis("officer_id"), ...officerId },
  {
    key: "disposition_group",
    derived: true,
    sourceColumns: ["Disposition"],
    description:
      "Most serious disposition group of the contact's rows: arrest > emergent_detention > referral > no_action (> unknown).",
    normalisation: "Derived from the Disposition of each of the contact's rows with the portal's disposition table.",
    ...field("dispositionGroup", "string"),
  },
  {
    key: "disposition_count",
    derived: true,
    sourceColumns: ["Disposition"],
    description: "Number of published rows (dispositions) of the contact.",
    normalisation: "Derived: count of rows.",
    ...field("dispositionCount", "integer"),
  },
  {
    key: "use_of_force",
    ...crisis("use_of_force_indicator"),
    derived: true,
    description: "Whether reportable force was used in any of the contact's rows.",
    ...field("useOfForce", "boolean"),
  },
  cit("cit_officer_requested", "cit_officer_requested", "citRequested"),
  cit("cit_officer_dispatched", "cit_officer_dispatched", "citDispatched"),
  cit("cit_officer_arrived", "cit_officer_arrived", "citArrived"),
  cit("cit_certified", "cit_certified_indicator", "citCertified"),
  { key: "officer_gender", ...crisis("officer_gender"), ...field("officerGender", "string") },
  { key: "officer_race", ...crisis("officer_race"), ...field("officerRace", "string") },
  {
    key: "officer_years_of_experience",
    ...crisis("officer_years_of_experience"),
    ...field("officerYearsExperience", "integer"),
  },
  ...CRISIS_LOCATION,
];

const USE_OF_FORCE: ExtractColumn[] = [
  { key: "id", ...uof("id"), ...field("sourceId", "string") },
  { key: "incident_num", ...uof("incidentNum"), ...field("incidentNum", "string") },
  {
    key: "incident_type",
    ...uof("incidentType"),
    ...field("incidentType", "string"),
    normalisation: `Text kept as published. ${uof("incidentType").normalisation} (the level column)`,
  },
  {
    key: "level",
    derived: true,
    sourceColumns: ["Incident_Type"],
    description: "Force level as a number: 1, 2, 3, or 4 for Level 3 - OIS (officer-involved shooting).",
    normalisation: uof("incidentType").normalisation,
    ...field("level", "integer"),
  },
  {
    key: "occurred_date_time",
    ...uof("occurredAt"),
    normalisation: `${uof("occurredAt").normalisation} ISO 8601 without offset.`,
    ...field("occurredAt", "datetime"),
  },
  { key: "precinct", ...uof("precinct"), ...field("precinct", "string") },
  { key: "sector", ...uof("sector"), ...field("sector", "string") },
  { key: "beat", ...uof("beat"), ...field("beat", "string") },
  { key: "officer_id", ...uof("officerId"), ...officerId },
  { key: "subject_id", ...uof("subjectId"), ...field("subjectKey", "string") },
  { key: "subject_race", ...uof("subjectRace"), ...field("subjectRace", "string") },
  { key: "subject_gender", ...uof("subjectGender"), ...field("subjectGender", "string") },
];

export const CATALOGUE: Record<RowDatasetId, readonly ExtractColumn[]> = {
  "crisis-rows": CRISIS_ROWS,
  "crisis-contacts": CRISIS_CONTACTS,
  "use-of-force": USE_OF_FORCE,
};

export const columnKeys = (dataset: RowDatasetId) => CATALOGUE[dataset].map((c) => c.key);

/**
 * The columns a row extract writes: the chosen ones, then `data_status` (real | synthetic | mixed, from the dataset
 * version), which every CSV row and JSON row carries whatever columns were chosen (lib/extracts/csv-stream.ts).
 */
export const rowColumnKeys = (columns: readonly Pick<ExtractColumn, "key">[]) => [
  ...columns.map((c) => c.key),
  DATA_STATUS_KEY,
];

/** Dates are Seattle wall-clock times stored as UTC: printed without an offset so that nothing shifts them. */
export function jsonValue(column: ExtractColumn, row: DbRow): Value {
  const v = column.read(row);
  if (v === null || v === undefined) return null;
  if (column.type === "datetime") return (v as unknown as Date).toISOString().slice(0, 19);
  return v;
}

export function csvValue(column: ExtractColumn, row: DbRow): string {
  const v = jsonValue(column, row);
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "Y" : "N";
  return String(v);
}

/** Prisma select for the chosen columns (always with the row id, the paging key). */
export function selectFor(columns: readonly ExtractColumn[]): Record<string, unknown> {
  return Object.assign({ id: true }, ...columns.map((c) => c.select));
}

import { z } from "zod";
import { LABELS } from "@/lib/labels";
import { DISPOSITION_GROUPS, DISPOSITION_GROUP_LABELS } from "@/lib/ingest/sources/crisis-dispositions";
import type { SourceKey } from "@/lib/ingest/sources";

/**
 * The public extracts: three row-level datasets (read from the ACTIVE dataset version only) and every published
 * aggregate (the numbers behind each chart, addressed as `aggregate-<chart id>`). Filters are declared once here;
 * the request schema, the Prisma query, the extract page and the OpenAPI document are all written from this table.
 */
export const ROW_DATASET_IDS = ["crisis-rows", "crisis-contacts", "use-of-force"] as const;
export type RowDatasetId = (typeof ROW_DATASET_IDS)[number];
export const AGGREGATE_PREFIX = "aggregate-";

export interface RowDatasetDef {
  id: RowDatasetId;
  title: string;
  description: string;
  /** The ingest source (DatasetVersion.dataset) the rows come from. */
  source: SourceKey;
  model: "crisisRow" | "crisisContact" | "useOfForce";
  /** Model field that the from/to date range applies to, and how it is described. */
  dateField: "reportedDate" | "occurredAt";
  dateLabel: string;
}

export const ROW_DATASETS: Record<RowDatasetId, RowDatasetDef> = {
  "crisis-rows": {
    id: "crisis-rows",
    title: "Crisis Data, one row per disposition (as published)",
    description:
      "Seattle's Crisis Data as published: one row per disposition, so one contact can have several rows. Count Template IDs, not rows.",
    source: "seattle-crisis",
    model: "crisisRow",
    dateField: "reportedDate",
    dateLabel: "reported date",
  },
  "crisis-contacts": {
    id: "crisis-contacts",
    title: "Officer contacts in crisis templates (one row per Template ID and Officer ID)",
    description:
      "One row per crisis template and officer (an officer contact, the unit of the CIT models), with the most serious disposition group and force if any row reports it. The portal's crisis figures count crisis contacts (Template IDs): the row count is shown with the number of templates.",
    source: "seattle-crisis",
    model: "crisisContact",
    dateField: "reportedDate",
    dateLabel: "reported date",
  },
  "use-of-force": {
    id: "use-of-force",
    title: "Use of Force (one row per officer, subject and incident)",
    description: "Seattle's Use of Force data as published: one officer's force on one subject within an incident.",
    source: "seattle-uof",
    model: "useOfForce",
    dateField: "occurredAt",
    dateLabel: "date of the force",
  },
};

export const isRowDataset = (id: string): id is RowDatasetId => (ROW_DATASET_IDS as readonly string[]).includes(id);

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD, e.g. 2019-01-31")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "is not a calendar date",
  );

export const CIT_VALUES = ["certified", "not-certified", "requested", "dispatched", "arrived"] as const;
export const CIT_LABELS: Record<(typeof CIT_VALUES)[number], string> = {
  certified: "Officer CIT-certified",
  "not-certified": "Officer not CIT-certified (or unknown)",
  requested: "CIT officer requested",
  dispatched: "CIT officer dispatched",
  arrived: "CIT officer arrived",
};
export const LEVEL_LABELS: Record<string, string> = LABELS.uofLevel;

export interface FilterDef {
  key: string;
  label: string;
  description: string;
  /** Repeatable (`precinct=North&precinct=East` means either). Values are never comma-split: call types contain commas. */
  list: boolean;
  value: z.ZodType<string>;
  appliesTo: readonly RowDatasetId[];
  /** Fixed choices (value → label); other filters take their choices from the active data. */
  choices?: Record<string, string>;
}

const ALL = ROW_DATASET_IDS;
const CRISIS = ["crisis-rows", "crisis-contacts"] as const;
const UOF = ["use-of-force"] as const;

export const FILTERS: readonly FilterDef[] = [
  {
    key: "from",
    label: "From (date)",
    description: "First day included (YYYY-MM-DD), on the dataset's date: reported date (crisis) or date of the force.",
    list: false,
    value: isoDay,
    appliesTo: ALL,
  },
  {
    key: "to",
    label: "To (date)",
    description: "Last day included (YYYY-MM-DD).",
    list: false,
    value: isoDay,
    appliesTo: ALL,
  },
  {
    key: "precinct",
    label: "Precinct",
    description: "Precinct where the call or force was located, as in the extract's precinct column.",
    list: true,
    value: text(60),
    appliesTo: ALL,
  },
  {
    key: "sector",
    label: "Sector",
    description: "Sector, as in the extract's sector column.",
    list: true,
    value: text(60),
    appliesTo: ALL,
  },
  {
    key: "beat",
    label: "Beat",
    description: "Beat, as in the extract's beat column (e.g. K2).",
    list: true,
    value: text(60),
    appliesTo: ALL,
  },
  {
    key: "callType",
    label: "Call type (how received)",
    description: "How the call was received (911, on-view, ...).",
    list: true,
    value: text(160),
    appliesTo: CRISIS,
  },
  {
    key: "initialCallType",
    label: "Initial call type",
    description: "Call classification at dispatch (the call type of the trend pages).",
    list: true,
    value: text(160),
    appliesTo: CRISIS,
  },
  {
    key: "finalCallType",
    label: "Final call type",
    description: "Call classification by the officer closing the call.",
    list: true,
    value: text(160),
    appliesTo: CRISIS,
  },
  {
    key: "cit",
    label: "CIT status",
    description: "Crisis Intervention Team status of the contact.",
    list: false,
    appliesTo: CRISIS,
    value: z.enum(CIT_VALUES, { error: `use one of: ${CIT_VALUES.join(", ")}` }),
    choices: CIT_LABELS,
  },
  {
    key: "dispositionGroup",
    label: "Disposition group",
    description:
      "Disposition group (crisis rows: of the row's disposition; contacts: the most serious of the contact).",
    list: true,
    appliesTo: CRISIS,
    value: z.enum(DISPOSITION_GROUPS, { error: `use one of: ${DISPOSITION_GROUPS.join(", ")}` }),
    choices: DISPOSITION_GROUP_LABELS,
  },
  {
    key: "useOfForce",
    label: "Use of force",
    description: "Whether reportable force was used (contacts: in any of the contact's rows).",
    list: false,
    appliesTo: CRISIS,
    value: z.enum(["yes", "no"], { error: "use yes or no" }),
    choices: { yes: "With force", no: "Without force" },
  },
  {
    key: "level",
    label: "Force level",
    description: "Level of force: 1, 2, 3, or 4 (= Level 3 - OIS, officer-involved shooting).",
    list: true,
    appliesTo: UOF,
    value: z.enum(["1", "2", "3", "4"], { error: "use 1, 2, 3 or 4 (4 = Level 3 - OIS)" }),
    choices: LEVEL_LABELS,
  },
  {
    key: "subjectRace",
    label: "Subject race",
    description: "Subject race as recorded by the officer.",
    list: true,
    value: text(80),
    appliesTo: UOF,
  },
  {
    key: "subjectGender",
    label: "Subject gender",
    description: "Subject gender as recorded by the officer.",
    list: true,
    value: text(40),
    appliesTo: UOF,
  },
];

export const filtersFor = (dataset: RowDatasetId) => FILTERS.filter((f) => f.appliesTo.includes(dataset));

/** Request parameters that are not filters. */
export const MAX_LIMIT = 10_000;
export const PAGE_SIZE = 2_000;
export const CONTROL_PARAMS = ["columns", "limit", "cursor", "format"] as const;
/** Aggregates take the trend pages' filters (lib/trends/filters.ts). */
export const AGGREGATE_PARAMS = ["from", "to", "precinct", "callType", "granularity", "columns", "format"] as const;

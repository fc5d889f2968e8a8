/**
 * Annotations: notes that staff attach to the public reports to say why numbers move (a policy change, a new
 * reporting form, a data outage, a correction). This file names their states, kinds and scopes and the two shapes
 * they leave the database in: the staff view (with authors) and the public note (without any staff field).
 */
export const ANNOTATION_STATES = ["draft", "in_review", "published", "retired"] as const;
export type AnnotationState = (typeof ANNOTATION_STATES)[number];
export const STATE_LABELS: Record<AnnotationState, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
  retired: "Retired",
};

export const ANNOTATION_KINDS = ["policy_change", "data_change", "context", "correction"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];
export const KIND_LABELS: Record<AnnotationKind, string> = {
  policy_change: "Policy change",
  data_change: "Data change",
  context: "Context",
  correction: "Correction",
};

export const SCOPE_KINDS = ["site", "page", "chart", "dataset", "precinct"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export const SCOPE_LABELS: Record<ScopeKind, string> = {
  site: "Whole site",
  page: "A page",
  chart: "One chart",
  dataset: "A dataset",
  precinct: "A precinct",
};

/** What each stored change was (AnnotationVersion.change). */
export const CHANGES = ["create", "edit", "submit", "publish", "return", "retire"] as const;
export type Change = (typeof CHANGES)[number];
export const CHANGE_LABELS: Record<Change, string> = {
  create: "Created",
  edit: "Edited",
  submit: "Submitted for review",
  publish: "Published",
  return: "Returned to draft",
  retire: "Retired",
};

export const TITLE_MAX = 120;
export const BODY_MAX = 4000;
export const SOURCE_LABEL_MAX = 300;
export const RETURN_NOTE_MAX = 1000;

/** The content fields a staff member types; every version stores a copy of them. */
export interface AnnotationContent {
  title: string;
  body: string;
  kind: AnnotationKind;
  scopeKind: ScopeKind;
  /** Page path, chart id, dataset key or precinct name; "" for the whole site. */
  scopeTarget: string;
  /** YYYY-MM-DD, or null for a note without a date. */
  dateStart: string | null;
  dateEnd: string | null;
  sourceLabel: string | null;
  sourceUrl: string | null;
}

/** A published or retired note as the public sees it: no author, editor or internal ids of people. */
export interface PublicNote {
  id: number;
  state: "published" | "retired";
  title: string;
  body: string;
  kind: AnnotationKind;
  kindLabel: string;
  scopeKind: ScopeKind;
  scopeTarget: string;
  scopeLabel: string;
  dateStart: string | null;
  dateEnd: string | null;
  dateLabel: string;
  sourceLabel: string | null;
  sourceUrl: string | null;
  seeded: boolean;
  publishedAt: string | null;
  retiredAt: string | null;
  /** Its anchor on the public "Corrections and notes" page. */
  href: string;
}

export const noteAnchor = (id: number) => `note-${id}`;
export const noteHref = (id: number) => `/notes#${noteAnchor(id)}`;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "27 Jul 2012", or "23 Mar 2020 to 31 Mar 2021"; dates are calendar days, so no time zone can shift them. */
export function formatNoteDate(start: string | null, end: string | null): string {
  const day = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
  if (!start) return "undated";
  return end && end !== start ? `${day(start)} to ${day(end)}` : day(start);
}

import "server-only";
import { z } from "zod";
import { isUnitScoped } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { EIS_ID_SPACE, readVolume } from "@/lib/eis/store";
import type { EisWindows } from "@/lib/eis/types";
import { lenient, type InputIssue, type Lenient } from "@/lib/errors/app-error";
import { inputIssuesOf } from "@/lib/errors/zod";
import { readableReasons, type ReadableReason, type ReasonWindows } from "@/lib/staff/eis-reason-sentences";
import { OfficerIdSchema } from "@/lib/staff/officer-id";
import { officerTrend, TREND_RUNS, type RunSnapshot } from "@/lib/staff/eis-trend";
import {
  canViewEisOfficer,
  completeRuns,
  latestReviews,
  parseEscalation,
  parseReasons,
  reasonLabel,
  reviewStatusOf,
  runMeta,
} from "./internal/eis-runs";
import { requirePermission } from "./staff-session";

/**
 * Early Intervention flags for the staff area (Use of Force officers, ID space "seattle-uof"; not the crisis-data
 * officers of /staff/officers). Every function checks the session and permission itself and applies the unit
 * scope: an officer's unit is the precinct where most of their incidents in the run's window occurred
 * (EisOfficerScore.precinct, set by lib/eis); a supervisor sees an officer when that precinct is one of their units,
 * judged on the latest run that scored the officer. Officers with no known precinct are visible to analysts and
 * admins only.
 */
export const EisOfficerIdSchema = OfficerIdSchema;

export const REVIEW_STATUSES = {
  not_reviewed: "Not reviewed",
  confirmed: "Confirmed (agreed)",
  dismissed: "Dismissed",
} as const;
export type ReviewStatus = keyof typeof REVIEW_STATUSES | "not_flagged";

export interface EisRunMetaDto {
  runId: number;
  asOf: string;
  datasetVersionId: number;
  datasetLabel: string;
  /** The last incident date of the run's Use of Force version. */
  dataEnd: string | null;
  methodologyVersion: string;
  trigger: string;
  officersScored: number;
  officersFlagged: number;
  durationMs: number;
  createdAt: string;
  windows: EisWindows | null;
  /** The thresholds the run flagged with (from its stored configuration). */
  thresholds: { scoreThreshold: number | null; pTop5Threshold: number | null; minQualifying: number | null };
  /** Window lengths in months (from the stored configuration), for the plain-sentence reasons. */
  windowMonths: ReasonWindows;
}

// --- This week's flags -------------------------------------------------------------------------------------------

export const SORT_KEYS = ["flag", "officer", "incident", "subject", "top5", "incidents"] as const;
export const SORT_LABELS: Record<(typeof SORT_KEYS)[number], string> = {
  flag: "Flagged first, most reasons",
  officer: "Officer ID",
  incident: "Incident score, highest first",
  subject: "Subject score, highest first",
  top5: "Escalation chance of top 5%, highest first",
  incidents: "Incidents in the window, most first",
};
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
export const FlagFilterSchema = z.object({
  show: z.preprocess(blank, z.enum(["flagged", "all"], "must be flagged or all").default("flagged")),
  precinct: z.preprocess(blank, z.string().trim().min(1).max(40).optional()),
  reason: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z_]{1,40}$/, "is not a reason code")
      .optional(),
  ),
  review: z.preprocess(
    blank,
    z
      .enum(
        Object.keys(REVIEW_STATUSES) as [keyof typeof REVIEW_STATUSES],
        `must be one of ${Object.keys(REVIEW_STATUSES).join(", ")}`,
      )
      .optional(),
  ),
  // The list of every scored officer is long (500+): paged, sorted on the server, rows without any score hidden.
  sort: z.preprocess(blank, z.enum(SORT_KEYS, `must be one of ${SORT_KEYS.join(", ")}`).default("flag")),
  page: z.preprocess(
    blank,
    z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(10_000).default(1),
  ),
  na: z.preprocess(blank, z.enum(["hide", "show"], "must be hide or show").default("hide")),
});
export const PAGE_SIZE = 50;
export type FlagFilter = z.infer<typeof FlagFilterSchema>;

export interface EisFlagRowDto {
  officerId: string;
  precinct: string | null;
  flagged: boolean;
  /** Each with its plain sentence (lib/staff/eis-reason-sentences.ts) and the statistics text. */
  reasons: ReadableReason[];
  incidentsInWindow: number;
  incidentScore: number | null;
  incidentN: number;
  subjectScore: number | null;
  subjectN: number;
  engagementScore: number | null;
  engagementAvailable: boolean;
  lambda: number | null;
  pTop5: number | null;
  reviewStatus: ReviewStatus;
  flaggedRecent: number;
  recentRuns: number;
  incidentScoreChange: number | null;
  newFlag: boolean;
}

export interface EisFlagsDto {
  run: EisRunMetaDto | null;
  filter: FlagFilter;
  /** Filter values that were not understood and are left out (the page says so; the API answers 400). */
  filterIssues: InputIssue[];
  rows: EisFlagRowDto[];
  /** Paging of the filtered rows (rows holds one page); naHidden counts rows without any score left out. */
  paging: { page: number; pages: number; total: number; pageSize: number; naHidden: number };
  /** Officers of the run in the user's scope, and how many of them are flagged (before the filters). */
  inScope: { officers: number; flagged: number };
  options: { precincts: string[]; reasons: { code: string; label: string }[] };
  scoped: boolean;
}

/** A row with no computable score in the table's columns ("n/a" everywhere). */
const noScore = (r: EisFlagRowDto) => r.incidentScore === null && r.subjectScore === null && r.pTop5 === null;
const byOfficer = (a: EisFlagRowDto, b: EisFlagRowDto) =>
  a.officerId.localeCompare(b.officerId, "en", { numeric: true });
const desc = (f: (r: EisFlagRowDto) => number | null) => (a: EisFlagRowDto, b: EisFlagRowDto) =>
  (f(b) ?? -Infinity) - (f(a) ?? -Infinity) || byOfficer(a, b);
const SORTS: Record<(typeof SORT_KEYS)[number], (a: EisFlagRowDto, b: EisFlagRowDto) => number> = {
  flag: (a, b) =>
    Number(b.flagged) - Number(a.flagged) ||
    b.reasons.length - a.reasons.length ||
    (b.pTop5 ?? -1) - (a.pTop5 ?? -1) ||
    byOfficer(a, b),
  officer: byOfficer,
  incident: desc((r) => r.incidentScore),
  subject: desc((r) => r.subjectScore),
  top5: desc((r) => r.pTop5),
  incidents: desc((r) => r.incidentsInWindow),
};

function parseFilter(raw: unknown): Lenient<FlagFilter> {
  const input = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const picked = Object.fromEntries(
    ["show", "precinct", "reason", "review", "sort", "page", "na"].map((k) => [
      k,
      Array.isArray(input[k]) ? (input[k] as unknown[])[0] : input[k],
    ]),
  );
  const parsed = FlagFilterSchema.safeParse(picked);
  if (parsed.success) return lenient(parsed.data);
  const issues = inputIssuesOf(parsed.error);
  const bad = new Set(issues.map((i) => i.field));
  // Keep the parts that are valid, so the page still answers with the rest of the filter.
  const kept = FlagFilterSchema.parse(Object.fromEntries(Object.entries(picked).filter(([k]) => !bad.has(k))));
  return lenient(kept, issues);
}

/** The latest run's officers in the user's scope (flagged only unless show=all), with reasons, reviews and trend. */
export async function getEisFlags(raw: unknown): Promise<EisFlagsDto> {
  const user = await requirePermission("viewEisFlags");
  const { value: filter, issues } = parseFilter(raw);
  const empty: EisFlagsDto = {
    run: null,
    filter,
    filterIssues: issues,
    rows: [],
    paging: { page: 1, pages: 1, total: 0, pageSize: PAGE_SIZE, naHidden: 0 },
    inScope: { officers: 0, flagged: 0 },
    options: { precincts: [], reasons: [] },
    scoped: isUnitScoped(user),
  };
  const runs = await completeRuns(TREND_RUNS);
  const current = runs[0];
  if (!current) return empty;
  const scores = await db().eisOfficerScore.findMany({ where: { runId: { in: runs.map((r) => r.id) } } });
  const snapshots: RunSnapshot[] = runs.map((r) => ({
    runId: r.id,
    byOfficer: new Map(
      scores
        .filter((s) => s.runId === r.id)
        .map((s) => [s.officerSourceId, { flagged: s.flagged, incidentScore: s.incidentScore }]),
    ),
  }));
  const visible = scores.filter((s) => s.runId === current.id && canViewEisOfficer(user, s.precinct));
  const reviews = await latestReviews(visible.filter((s) => s.flagged).map((s) => s.id));
  const meta = await runMeta(current);
  const all: EisFlagRowDto[] = visible.map((s) => {
    const escalation = parseEscalation(s.escalation);
    const volume = readVolume(s.volume);
    return {
      officerId: s.officerSourceId,
      precinct: s.precinct,
      flagged: s.flagged,
      reasons: readableReasons(parseReasons(s.reasons), { ...s, escalation, volume }, meta.windowMonths),
      incidentsInWindow: s.incidentsInWindow,
      incidentScore: s.incidentScore,
      incidentN: s.incidentN,
      subjectScore: s.subjectScore,
      subjectN: s.subjectN,
      engagementScore: s.engagementScore,
      engagementAvailable: s.engagementAvailable,
      lambda: escalation?.lambda ?? null,
      pTop5: escalation?.pTop5 ?? null,
      reviewStatus: reviewStatusOf(s.flagged, reviews.get(s.id)),
      ...officerTrend(s.officerSourceId, snapshots),
    };
  });
  const filtered = all
    .filter((r) => filter.show === "all" || r.flagged)
    .filter((r) => !filter.precinct || (r.precinct ?? "").toLowerCase() === filter.precinct.toLowerCase())
    .filter((r) => !filter.reason || r.reasons.some((x) => x.code === filter.reason))
    .filter((r) => !filter.review || r.reviewStatus === filter.review);
  const shown = filter.na === "show" ? filtered : filtered.filter((r) => r.flagged || !noScore(r));
  const sorted = shown.sort(SORTS[filter.sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const rows = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const reasonCodes = [...new Set(all.flatMap((r) => r.reasons.map((x) => x.code)))].sort();
  return {
    run: meta,
    filter,
    filterIssues: issues,
    rows,
    paging: { page, pages, total: sorted.length, pageSize: PAGE_SIZE, naHidden: filtered.length - shown.length },
    inScope: { officers: all.length, flagged: all.filter((r) => r.flagged).length },
    options: {
      precincts: [...new Set(all.map((r) => r.precinct).filter((p): p is string => p !== null))].sort(),
      reasons: reasonCodes.map((code) => ({ code, label: reasonLabel(code) })),
    },
    scoped: isUnitScoped(user),
  };
}

export { EIS_ID_SPACE };

import "server-only";
import { canViewOfficer, type StaffUser } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { isoDay, readEscalation } from "@/lib/eis/store";
import type { EisWindows, FlagReason } from "@/lib/eis/types";
import type { EisRunMetaDto, ReviewStatus } from "../staff-eis";

/**
 * EIS run and review helpers for the staff data functions (lib/dal/staff-eis*.ts). They trust their caller: the
 * session and scope checks happen in the staff-* function that calls them, so app/ and components/ may not import
 * this folder (eslint.config.mjs, ARCHITECTURE.md).
 */
const REASON_LABELS: Record<string, string> = {
  incident_score: "Incident score",
  subject_score: "Subject score",
  escalation: "Escalation",
  volume: "Volume",
  engagement_score: "Engagement",
};
export const reasonLabel = (code: string) =>
  REASON_LABELS[code] ?? code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

/** Whether `user` may see an EIS officer whose unit (precinct) is `precinct`. */
export const canViewEisOfficer = (user: StaffUser, precinct: string | null) =>
  canViewOfficer(user, { precinct, squad: null });

export type RunRow = {
  id: number;
  asOf: Date;
  datasetVersionId: number;
  methodologyVersion: string;
  trigger: string;
  officersScored: number;
  officersFlagged: number;
  durationMs: number;
  createdAt: Date;
  summary: string;
  config: string;
};

function parseObject(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
const numberOrNull = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Complete runs, newest as-of first; when one date was scored on several dataset versions, the newest run counts. */
export async function completeRuns(limit?: number): Promise<RunRow[]> {
  const rows = await db().eisRun.findMany({
    where: { status: "complete" },
    orderBy: [{ asOf: "desc" }, { id: "desc" }],
    select: {
      id: true,
      asOf: true,
      datasetVersionId: true,
      methodologyVersion: true,
      trigger: true,
      officersScored: true,
      officersFlagged: true,
      durationMs: true,
      createdAt: true,
      summary: true,
      config: true,
    },
  });
  const seen = new Set<number>();
  const unique = rows.filter((r) => (seen.has(r.asOf.getTime()) ? false : (seen.add(r.asOf.getTime()), true)));
  return limit === undefined ? unique : unique.slice(0, limit);
}

export async function runMeta(run: RunRow): Promise<EisRunMetaDto> {
  const version = await db().datasetVersion.findUnique({
    where: { id: run.datasetVersionId },
    select: { label: true, periodEnd: true },
  });
  const windows = (parseObject(run.summary).windows as EisWindows | undefined) ?? null;
  const config = parseObject(run.config);
  return {
    runId: run.id,
    asOf: isoDay(run.asOf),
    datasetVersionId: run.datasetVersionId,
    datasetLabel: version?.label ?? `version ${run.datasetVersionId}`,
    dataEnd: version?.periodEnd ? isoDay(version.periodEnd) : null,
    methodologyVersion: run.methodologyVersion,
    trigger: run.trigger,
    officersScored: run.officersScored,
    officersFlagged: run.officersFlagged,
    durationMs: run.durationMs,
    createdAt: run.createdAt.toISOString(),
    windows,
    thresholds: {
      scoreThreshold: numberOrNull(config.scoreThreshold),
      pTop5Threshold: numberOrNull(config.pTop5Threshold),
      minQualifying: numberOrNull(config.minQualifying),
    },
    windowMonths: {
      incident: numberOrNull(config.incidentWindowMonths),
      subject: numberOrNull(config.subjectWindowMonths),
      volume: numberOrNull(config.volumeWindowMonths),
      escalation: numberOrNull(config.escalationWindowMonths),
    },
  };
}

export const parseReasons = (json: string): FlagReason[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v)
      ? v.filter((r): r is FlagReason => !!r && typeof r.code === "string" && typeof r.text === "string")
      : [];
  } catch {
    return [];
  }
};

/** The stored escalation score, validated (a corrupt column is a StoredDataError, not a wrong number on a page). */
export const parseEscalation = readEscalation;

/** The latest review of each score (reviews are appended, never edited: the newest one is the decision). */
export async function latestReviews(scoreIds: number[]) {
  const reviews = scoreIds.length
    ? await db().eisReview.findMany({ where: { scoreId: { in: scoreIds } }, orderBy: [{ at: "desc" }, { id: "desc" }] })
    : [];
  const latest = new Map<number, (typeof reviews)[number]>();
  for (const r of reviews) if (!latest.has(r.scoreId)) latest.set(r.scoreId, r);
  return latest;
}

export const reviewStatusOf = (flagged: boolean, review: { flagDecision: string } | undefined): ReviewStatus =>
  !flagged ? "not_flagged" : !review ? "not_reviewed" : review.flagDecision === "agree" ? "confirmed" : "dismissed";

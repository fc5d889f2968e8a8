import "server-only";
import { db } from "@/lib/db/client";
import { EIS_ID_SPACE, isoDay, readEscalation, readVolume } from "@/lib/eis/store";
import { activeVersion } from "@/lib/ingest/versions";
import { readableReasons, type ReadableReason, type ReasonWindows } from "@/lib/staff/eis-reason-sentences";
import { daysBetween, seattleToday } from "@/lib/staff/seattle-time";
import { completeRuns, latestReviews, parseReasons } from "./internal/eis-runs";
import { interventionsOfScores } from "./internal/eis-interventions";
import { officersInScope } from "./internal/eis-scope";
import { requirePermission } from "./staff-session";

/**
 * The supervisor's queue: every open flag in the user's scope across all stored runs, oldest first. A flag is open
 * until someone acts on it: not yet reviewed; reviewed with an intervention recommended and none assigned; or with
 * an assigned intervention not yet completed. The scope is the officer view's rule (officersInScope), so the queue
 * lists exactly the officers the user can open.
 */
export type QueueStatus = "not_reviewed" | "intervention_to_assign" | "intervention_open";
export const QUEUE_STATUS_LABELS: Record<QueueStatus, string> = {
  not_reviewed: "Not reviewed",
  intervention_to_assign: "Reviewed: intervention recommended, none assigned",
  intervention_open: "Reviewed: intervention open",
};

/** Runs are weekly; data older than this many days at the newest run mean a load is overdue. */
export const EXPECTED_CADENCE_DAYS = 7;
/** Grace on top of the cadence before the page warns (the data's last incident precedes the load by a few days). */
export const STALE_AFTER_DAYS = EXPECTED_CADENCE_DAYS * 2;

export interface QueueItemDto {
  scoreId: number;
  officerId: string;
  runAsOf: string;
  ageDays: number;
  /** The officer's unit in the run that raised the flag. */
  precinct: string | null;
  reasons: ReadableReason[];
  status: QueueStatus;
  /** The open intervention's due date, and whether it has passed. */
  due: { date: string; overdue: boolean } | null;
}

export interface FreshnessDto {
  today: string;
  dataEnd: string | null;
  latestRun: string | null;
  /** Days from the data's last incident to today. */
  dataAgeDays: number | null;
  stale: boolean;
}

const config = (json: string): Record<string, unknown> => {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
};
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const windowsOf = (c: Record<string, unknown>): ReasonWindows => ({
  incident: num(c.incidentWindowMonths),
  subject: num(c.subjectWindowMonths),
  volume: num(c.volumeWindowMonths),
  escalation: num(c.escalationWindowMonths),
});

export async function getEisFreshness(): Promise<FreshnessDto> {
  await requirePermission("viewEisFlags");
  const [version, runs] = await Promise.all([activeVersion(db(), EIS_ID_SPACE), completeRuns(1)]);
  const today = seattleToday();
  const dataEnd = version?.periodEnd ? isoDay(version.periodEnd) : null;
  const dataAgeDays = dataEnd ? daysBetween(dataEnd, today) : null;
  return {
    today,
    dataEnd,
    latestRun: runs[0] ? isoDay(runs[0].asOf) : null,
    dataAgeDays,
    stale: dataAgeDays !== null && dataAgeDays > STALE_AFTER_DAYS,
  };
}

export async function getEisQueue(): Promise<QueueItemDto[]> {
  const user = await requirePermission("viewEisFlags");
  const runs = await completeRuns();
  const runById = new Map(runs.map((r) => [r.id, r]));
  const flagged = await db().eisOfficerScore.findMany({ where: { runId: { in: [...runById.keys()] }, flagged: true } });
  const visible = await officersInScope(user, [...new Set(flagged.map((s) => s.officerSourceId))]);
  const mine = flagged.filter((s) => visible.has(s.officerSourceId));
  const [reviews, interventions] = await Promise.all([
    latestReviews(mine.map((s) => s.id)),
    interventionsOfScores(mine.map((s) => s.id)),
  ]);
  const today = seattleToday();
  const items: QueueItemDto[] = [];
  for (const s of mine) {
    const review = reviews.get(s.id);
    const ivs = interventions.get(s.id) ?? [];
    const openIv = ivs.filter((i) => i.status === "assigned").sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    const status: QueueStatus | null = !review
      ? "not_reviewed"
      : openIv
        ? "intervention_open"
        : review.interventionRecommended && ivs.length === 0
          ? "intervention_to_assign"
          : null;
    if (!status) continue;
    const run = runById.get(s.runId)!;
    const asOf = isoDay(run.asOf);
    const facts = { ...s, escalation: readEscalation(s.escalation), volume: readVolume(s.volume) };
    items.push({
      scoreId: s.id,
      officerId: s.officerSourceId,
      runAsOf: asOf,
      ageDays: daysBetween(asOf, today),
      precinct: s.precinct,
      reasons: readableReasons(parseReasons(s.reasons), facts, windowsOf(config(run.config))),
      status,
      due: openIv ? { date: openIv.dueDate, overdue: openIv.dueDate < today } : null,
    });
  }
  return items.sort(
    (a, b) => a.runAsOf.localeCompare(b.runAsOf) || a.officerId.localeCompare(b.officerId, "en", { numeric: true }),
  );
}

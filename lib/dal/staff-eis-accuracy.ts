import "server-only";
import { db } from "@/lib/db/client";
import { EIS_ID_SPACE, isoDay } from "@/lib/eis/store";
import { activeVersion } from "@/lib/ingest/versions";
import {
  FOLLOW_UP_MONTHS,
  followUpComplete,
  followUpMetrics,
  OUTCOME_MIN_LEVEL,
  pooled,
  tallyReviews,
  type FollowUpMetrics,
  type ReviewTally,
} from "@/lib/staff/eis-accuracy";
import { completeRuns, latestReviews } from "./internal/eis-runs";
import { requirePermission } from "./staff-session";

/**
 * "How well the EIS works": per run, what happened to its flags in review and how the flagged and the other scored
 * officers fared in the following 6 and 12 months (definitions: lib/staff/eis-accuracy.ts). Aggregates only: no
 * officer ID leaves this module. Every staff role sees the department-wide figures.
 */
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];

export interface AccuracyRunDto {
  runId: number;
  asOf: string;
  officersScored: number;
  reviews: ReviewTally;
  followUp: Record<FollowUpMonths, FollowUpMetrics | null>;
}

export interface EisAccuracyDto {
  datasetLabel: string | null;
  /** The last incident date of the active Use of Force version: follow-ups must end by the next day. */
  dataEnd: string | null;
  outcomeMinLevel: number;
  runs: AccuracyRunDto[];
  pooled: Record<FollowUpMonths, ReturnType<typeof pooled>>;
}

export async function getEisAccuracy(): Promise<EisAccuracyDto> {
  await requirePermission("viewEisFlags");
  const runs = await completeRuns();
  const version = await activeVersion(db(), EIS_ID_SPACE);
  const [scores, outcomeRows] = await Promise.all([
    db().eisOfficerScore.findMany({
      where: { runId: { in: runs.map((r) => r.id) } },
      select: { id: true, runId: true, officerId: true, flagged: true },
    }),
    version
      ? db().useOfForce.findMany({
          where: { versionId: version.id, level: { gte: OUTCOME_MIN_LEVEL }, officerId: { not: null } },
          select: { officerId: true, occurredAt: true },
        })
      : Promise.resolve([]),
  ]);
  const reviews = await latestReviews(scores.filter((s) => s.flagged).map((s) => s.id));
  const outcomes = new Map<number, Date[]>();
  for (const o of outcomeRows)
    (outcomes.get(o.officerId!) ?? outcomes.set(o.officerId!, []).get(o.officerId!)!).push(o.occurredAt);
  const byRun = new Map<number, typeof scores>();
  for (const s of scores) (byRun.get(s.runId) ?? byRun.set(s.runId, []).get(s.runId)!).push(s);
  const dataEnd = version?.periodEnd ?? null;
  const rows: AccuracyRunDto[] = runs.map((run) => {
    const scored = byRun.get(run.id) ?? [];
    const metrics = (months: FollowUpMonths) =>
      dataEnd && followUpComplete(run.asOf, months, dataEnd)
        ? followUpMetrics(run.asOf, months, scored, (id) => outcomes.get(id) ?? [])
        : null;
    return {
      runId: run.id,
      asOf: isoDay(run.asOf),
      officersScored: scored.length,
      reviews: tallyReviews(
        scored.filter((s) => s.flagged).map((s) => s.id),
        reviews,
      ),
      followUp: { 6: metrics(6), 12: metrics(12) },
    };
  });
  const pooledOf = (months: FollowUpMonths) =>
    pooled(rows.map((r) => r.followUp[months]).filter((m): m is FollowUpMetrics => m !== null));
  return {
    datasetLabel: version?.label ?? null,
    dataEnd: dataEnd ? isoDay(dataEnd) : null,
    outcomeMinLevel: OUTCOME_MIN_LEVEL,
    runs: rows,
    pooled: { 6: pooledOf(6), 12: pooledOf(12) },
  };
}

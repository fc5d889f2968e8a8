import "server-only";
import { z } from "zod";
import { zodAppError } from "@/lib/errors/zod";
import { appendAudit } from "@/lib/audit/append";
import { can, isUnitScoped, type StaffUser } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { EIS_ID_SPACE, isoDay, readVolume } from "@/lib/eis/store";
import type { FlagReason, VolumeScore } from "@/lib/eis/types";
import { monthsBefore } from "@/lib/eis/windows";
import { readableReasons, type ReadableReason } from "@/lib/staff/eis-reason-sentences";
import { countRatio, incidentScoreInterval, levelVsOthers } from "@/lib/staff/eis-uncertainty";
import { latestReviews, parseEscalation, parseReasons, reviewStatusOf, runMeta } from "./internal/eis-runs";
import { officerInScope, officersInScope, type EisScoreRow } from "./internal/eis-scope";
import type { EisRunMetaDto, ReviewStatus } from "./staff-eis";
import { incidentByKey, incidentVersion, officerIncidents, type IncidentDto } from "./internal/eis-incidents";
import { AppError } from "@/lib/errors/app-error";
import { actorFor, requirePermission } from "./staff-session";

/**
 * One Use of Force officer's EIS scores for staff: the selected run's scores against the peers of that run, the
 * officer's incidents, the scores across runs, and the reviews of a flag. Audited (views and refusals).
 */
const DAY_MS = 86_400_000;

export type EisOfficerAuditAction =
  "eis.officer_view" | "eis.officer_view_denied" | "eis.incident_view" | "eis.incident_view_denied";

async function auditEis(
  user: StaffUser,
  action: EisOfficerAuditAction | "intervention.denied",
  target: string,
  detail: Record<string, unknown>,
) {
  const actor = await actorFor(user);
  await appendAudit(db(), { action, actorId: user.id, actorEmail: user.email, target, detail, ...actor.context });
}

export interface EisScoreDto {
  scoreId: number;
  runId: number;
  asOf: string;
  precinct: string | null;
  flagged: boolean;
  reasons: FlagReason[];
  incidentsInWindow: number;
  incidentScore: number | null;
  incidentN: number;
  subjectScore: number | null;
  subjectN: number;
  engagementScore: number | null;
  engagementAvailable: boolean;
  escalation: ReturnType<typeof parseEscalation>;
  volume: VolumeScore | null;
  reviewStatus: ReviewStatus;
}

export interface EisReviewDto {
  id: number;
  at: string;
  reviewerEmail: string;
  flagDecision: "agree" | "disagree";
  reasonDecisions: { code: string; decision: "agree" | "disagree" }[];
  dismissalReason: string | null;
  interventionRecommended: boolean;
  notes: string;
}

/** Peer values of the same run (officer IDs are never included). */
export interface EisPeersDto {
  incidentScore: number[];
  subjectScore: number[];
  lambda: number[];
  volumeRatio: number[];
}

export const PERIODS = { week: 7, month: 30, year: 365 } as const;
export type Period = keyof typeof PERIODS;

export interface EisOfficerDto {
  officerId: string;
  idSpace: string;
  run: EisRunMetaDto;
  score: EisScoreDto;
  peers: EisPeersDto;
  history: EisScoreDto[];
  reviews: EisReviewDto[];
  canReview: boolean;
  incidents: {
    period: Period;
    start: string;
    end: string;
    datasetLabel: string | null;
    counts: Record<Period, number>;
    rows: (IncidentDto & { officerLevel: number; levelVsOthers: number | null })[];
  };
  /** Approximate 95% interval of the incident score (mean ± 1.96 standard errors of the per-incident differences). */
  incidentInterval: { low: number; high: number } | null;
  /** The selected score's reasons: a plain sentence each, with the stored statistics text. */
  reasons: ReadableReason[];
  /** The past year's incidents (before the selected run): how many carry a precinct, and how many the unit's. */
  yearPrecincts: { total: number; known: number; inUnit: number };
}

/** Count over the peer average: the raw comparison the volume test makes (the shrunk rate is not always estimable). */
const ViewOptionsSchema = z.object({
  score: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  period: z.preprocess((v) => (v === "" || v === undefined ? "year" : v), z.enum(["week", "month", "year"])),
});

function parseReviewDecisions(json: string): EisReviewDto["reasonDecisions"] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v)
      ? v.filter((d) => d && typeof d.code === "string" && (d.decision === "agree" || d.decision === "disagree"))
      : [];
  } catch {
    return [];
  }
}

type ScoreRow = EisScoreRow;

function scoreDto(s: ScoreRow, review: { flagDecision: string } | undefined): EisScoreDto {
  return {
    scoreId: s.id,
    runId: s.runId,
    asOf: isoDay(s.run.asOf),
    precinct: s.precinct,
    flagged: s.flagged,
    reasons: parseReasons(s.reasons),
    incidentsInWindow: s.incidentsInWindow,
    incidentScore: s.incidentScore,
    incidentN: s.incidentN,
    subjectScore: s.subjectScore,
    subjectN: s.subjectN,
    engagementScore: s.engagementScore,
    engagementAvailable: s.engagementAvailable,
    escalation: parseEscalation(s.escalation),
    volume: readVolume(s.volume),
    reviewStatus: reviewStatusOf(s.flagged, review),
  };
}

/** The officer page: `options.score` picks a past score (default: the latest), `options.period` the incident list. */
export async function getEisOfficer(rawId: unknown, options: unknown = {}): Promise<EisOfficerDto> {
  const user = await requirePermission("viewEisFlags");
  const opts = ViewOptionsSchema.safeParse(options);
  if (!opts.success) throw zodAppError(opts.error, "Check the address: ", { root: "" });
  const { officerId, history, auditTarget } = await officerInScope(user, rawId);
  const selected = opts.data.score === undefined ? history[0]! : history.find((h) => h.id === opts.data.score);
  if (!selected) throw new AppError("not_found", "This officer has no score with that number.");
  const run = await db().eisRun.findUniqueOrThrow({ where: { id: selected.runId } });
  const [peerRows, latest, reviewRows] = await Promise.all([
    db().eisOfficerScore.findMany({
      where: { runId: selected.runId },
      select: { incidentScore: true, subjectScore: true, escalation: true, volume: true },
    }),
    latestReviews(history.filter((h) => h.flagged).map((h) => h.id)),
    db().eisReview.findMany({ where: { scoreId: selected.id }, orderBy: [{ at: "desc" }, { id: "desc" }] }),
  ]);
  const num = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
  const peers: EisPeersDto = {
    incidentScore: peerRows.map((p) => p.incidentScore).filter(num),
    subjectScore: peerRows.map((p) => p.subjectScore).filter(num),
    lambda: peerRows.map((p) => parseEscalation(p.escalation)?.lambda).filter(num),
    volumeRatio: peerRows.map((p) => (p.volume ? countRatio(readVolume(p.volume)!) : null)).filter(num),
  };
  const asOf = selected.run.asOf;
  const version = await incidentVersion(run.datasetVersionId);
  const yearStart = monthsBefore(asOf, 12);
  const yearIncidents = version ? await officerIncidents(version.id, officerId, yearStart, asOf) : [];
  const startOf: Record<z.infer<typeof ViewOptionsSchema>["period"], Date> = {
    week: new Date(asOf.getTime() - 7 * DAY_MS),
    month: monthsBefore(asOf, 1),
    year: yearStart,
  };
  const inPeriod = (p: keyof typeof startOf) => yearIncidents.filter((i) => new Date(i.occurredAt) >= startOf[p]);
  const meta = await runMeta(run);
  const incidentStart = meta.windows ? new Date(`${meta.windows.incident.start}T00:00:00Z`) : monthsBefore(asOf, 1);
  const diffs = yearIncidents
    .filter((i) => new Date(i.occurredAt) >= incidentStart)
    .map((i) => levelVsOthers(i, officerId))
    .filter((d): d is number => d !== null);
  await auditEis(user, "eis.officer_view", auditTarget, {
    outcome: "shown",
    runId: selected.runId,
    asOf: isoDay(asOf),
    precinct: history[0]!.precinct,
  });
  const selectedDto = scoreDto(selected, latest.get(selected.id));
  const unit = history[0]!.precinct?.toLowerCase() ?? null;
  return {
    yearPrecincts: {
      total: yearIncidents.length,
      known: yearIncidents.filter((i) => i.precinct !== null).length,
      inUnit: yearIncidents.filter((i) => unit !== null && i.precinct?.toLowerCase() === unit).length,
    },
    reasons: readableReasons(selectedDto.reasons, selectedDto, meta.windowMonths),
    officerId,
    idSpace: EIS_ID_SPACE,
    run: meta,
    score: selectedDto,
    peers,
    history: history.map((h) => scoreDto(h, latest.get(h.id))),
    reviews: reviewRows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      reviewerEmail: r.reviewerEmail,
      flagDecision: r.flagDecision === "agree" ? "agree" : "disagree",
      reasonDecisions: parseReviewDecisions(r.reasonDecisions),
      dismissalReason: r.dismissalReason,
      interventionRecommended: r.interventionRecommended,
      notes: r.notes,
    })),
    canReview: selected.flagged && can(user, "reviewEisFlags"),
    incidents: {
      period: opts.data.period,
      start: isoDay(startOf[opts.data.period]),
      end: isoDay(asOf),
      datasetLabel: version?.label ?? null,
      counts: { week: inPeriod("week").length, month: inPeriod("month").length, year: yearIncidents.length },
      rows: inPeriod(opts.data.period).map((i) => ({
        ...i,
        officerLevel: i.officers.find((o) => o.officerId === officerId)?.level ?? 0,
        levelVsOthers: levelVsOthers(i, officerId),
      })),
    },
    incidentInterval: incidentScoreInterval(diffs, selected.incidentScore, meta.thresholds.minQualifying ?? 3),
  };
}

const INCIDENT_NOT_FOUND = "There is no incident with this key in the active Use of Force data.";

export interface EisIncidentDto extends IncidentDto {
  datasetLabel: string;
  /** Officers the viewer may open (the others are listed with their level only). */
  openable: string[];
}

/**
 * One incident with every officer present and their level. Analysts and admins see any incident; a supervisor sees
 * an incident when at least one officer at it is in their units (their unit from their latest score).
 */
export async function getEisIncident(rawKey: unknown): Promise<EisIncidentDto> {
  const user = await requirePermission("viewEisFlags");
  const key = z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9:_+.-]+$/)
    .safeParse(rawKey);
  if (!key.success) throw new AppError("not_found", "There is no incident with this key.");
  const target = `eis-incident:${key.data}`;
  const version = await incidentVersion(null);
  const incident = version ? await incidentByKey(version.id, key.data) : null;
  if (!version || !incident) {
    await auditEis(user, "eis.incident_view", target, { outcome: "not_found" });
    throw new AppError("not_found", INCIDENT_NOT_FOUND);
  }
  const officerIds = incident.officers.map((o) => o.officerId);
  const inScope = await officersInScope(user, officerIds);
  const openable = officerIds.filter((id) => inScope.has(id));
  if (isUnitScoped(user) && openable.length === 0) {
    await auditEis(user, "eis.incident_view_denied", target, { outcome: "outside_units", role: user.role });
    // The same answer as an unknown key: scoped staff cannot tell which incidents exist outside their units.
    throw new AppError("not_found", INCIDENT_NOT_FOUND);
  }
  await auditEis(user, "eis.incident_view", target, { outcome: "shown", officers: incident.officers.length });
  return { ...incident, datasetLabel: version.label, openable };
}

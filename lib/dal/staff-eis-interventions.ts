import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import type { StaffUser } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db/client";
import { EIS_ID_SPACE, isoDay } from "@/lib/eis/store";
import { activeVersion } from "@/lib/ingest/versions";
import {
  AssignInterventionSchema,
  CompleteInterventionSchema,
  dateIssues,
  INTERVENTION_TYPES,
  type InterventionType,
} from "@/lib/staff/eis-intervention-input";
import {
  aggregate,
  followUp,
  type HorizonAggregate,
  type Horizon,
  type InterventionFollowUp,
} from "@/lib/staff/eis-intervention-outcome";
import { seattleToday } from "@/lib/staff/seattle-time";
import { latestReviews } from "./internal/eis-runs";
import { officerLevelsByIncident } from "./internal/eis-incidents";
import { officerInScope } from "./internal/eis-scope";
import { AppError } from "@/lib/errors/app-error";
import { actorFor, requirePermission } from "./staff-session";

/**
 * Interventions after reviewed EIS flags: assigned (type, owner, due date), then completed (date, note). The scope is
 * the officer view's rule, decided by officerInScope (lib/dal/staff-eis-officer.ts) and nowhere else: a supervisor
 * changes interventions only for officers they may see; a refusal is audited as intervention.denied. Every change is
 * written with its audit entry in one transaction. Follow-ups are computed when read from the Use of Force data.
 */

export interface InterventionDto {
  id: number;
  scoreId: number;
  flagAsOf: string;
  type: InterventionType;
  typeLabel: string;
  owner: string;
  dueDate: string;
  status: "assigned" | "completed";
  assignedByEmail: string;
  assignedAt: string;
  completedOn: string | null;
  completionNote: string | null;
  completedByEmail: string | null;
  completedAt: string | null;
  followUp: InterventionFollowUp | null;
}

const idOf = (raw: unknown, key: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .safeParse((raw as Record<string, unknown> | null)?.[key]).data;
const asDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const typeOf = (t: string): InterventionType => (t in INTERVENTION_TYPES ? (t as InterventionType) : "other");

async function audit(
  tx: Db,
  user: StaffUser,
  action: "intervention.assign" | "intervention.complete",
  target: string,
  detail: Record<string, unknown>,
) {
  const actor = await actorFor(user);
  await appendAudit(tx, { action, actorId: user.id, actorEmail: user.email, target, detail, ...actor.context });
}

/** Assigns an intervention on a reviewed flag. Checks scope before the rest of the input, so every refusal is audited. */
export async function assignIntervention(raw: unknown): Promise<{ interventionId: number; officerId: string }> {
  const user = await requirePermission("reviewEisFlags");
  const scoreId = idOf(raw, "scoreId");
  if (scoreId === undefined) throw AssignInterventionSchema.safeParse(raw).error!;
  const score = await db().eisOfficerScore.findUnique({
    where: { id: scoreId },
    include: { run: { select: { asOf: true, status: true } } },
  });
  if (!score || score.run.status !== "complete")
    throw new AppError("not_found", "This flag no longer exists; reload the page.");
  const { auditTarget } = await officerInScope(
    user,
    score.officerSourceId,
    `assign intervention (flag ${score.id})`,
    "intervention.denied",
  );
  const input = AssignInterventionSchema.parse(raw);
  if (!score.flagged)
    throw new AppError("bad_request", "This score is not flagged: interventions follow a reviewed flag.");
  if (!(await latestReviews([score.id])).has(score.id))
    throw new AppError("bad_request", "Review the flag first: an intervention follows a review.");
  const flagAsOf = isoDay(score.run.asOf);
  const dateIssue = dateIssues("due", input.dueDate, flagAsOf, seattleToday());
  if (dateIssue)
    throw new z.ZodError([{ code: "custom", path: ["dueDate"], message: dateIssue, input: input.dueDate }]);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.eisIntervention.create({
      data: {
        scoreId: score.id,
        officerId: score.officerId,
        officerSourceId: score.officerSourceId,
        type: input.type,
        owner: input.owner,
        dueDate: asDate(input.dueDate),
        status: "assigned",
        assignedById: user.id,
        assignedByEmail: user.email,
      },
    });
    await audit(tx as unknown as Db, user, "intervention.assign", auditTarget, {
      interventionId: row.id,
      scoreId: score.id,
      runId: score.runId,
      asOf: flagAsOf,
      type: input.type,
      owner: input.owner,
      dueDate: input.dueDate,
    });
    return row;
  });
  return { interventionId: created.id, officerId: score.officerSourceId };
}

/** Records an assigned intervention as completed (once: a second completion is refused). */
export async function completeIntervention(raw: unknown): Promise<{ interventionId: number; officerId: string }> {
  const user = await requirePermission("reviewEisFlags");
  const interventionId = idOf(raw, "interventionId");
  if (interventionId === undefined) throw CompleteInterventionSchema.safeParse(raw).error!;
  const row = await db().eisIntervention.findUnique({
    where: { id: interventionId },
    include: { score: { include: { run: { select: { asOf: true } } } } },
  });
  if (!row) throw new AppError("not_found", "There is no such intervention; reload the page.");
  const { auditTarget } = await officerInScope(
    user,
    row.officerSourceId,
    `complete intervention ${row.id}`,
    "intervention.denied",
  );
  const input = CompleteInterventionSchema.parse(raw);
  const dateIssue = dateIssues("completed", input.completedOn, isoDay(row.score.run.asOf), seattleToday());
  if (dateIssue)
    throw new z.ZodError([{ code: "custom", path: ["completedOn"], message: dateIssue, input: input.completedOn }]);
  await db().$transaction(async (tx) => {
    // Guarded by the status read in the same statement: two completions at once cannot both succeed.
    const updated = await tx.eisIntervention.updateMany({
      where: { id: row.id, status: "assigned" },
      data: {
        status: "completed",
        completedOn: asDate(input.completedOn),
        completionNote: input.note,
        completedById: user.id,
        completedByEmail: user.email,
        completedAt: new Date(),
      },
    });
    if (updated.count !== 1) throw new AppError("bad_request", "This intervention is already recorded as completed.");
    await audit(tx as unknown as Db, user, "intervention.complete", auditTarget, {
      interventionId: row.id,
      scoreId: row.scoreId,
      completedOn: input.completedOn,
    });
  });
  return { interventionId: row.id, officerId: row.officerSourceId };
}

type Row = Awaited<ReturnType<typeof interventionRows>>[number];
const interventionRows = (where: { officerId?: number; status?: string; scoreId?: { in: number[] } }) =>
  db().eisIntervention.findMany({
    where,
    include: { score: { select: { run: { select: { asOf: true } } } } },
    orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
  });

function dto(r: Row, follow: InterventionFollowUp | null): InterventionDto {
  return {
    id: r.id,
    scoreId: r.scoreId,
    flagAsOf: isoDay(r.score.run.asOf),
    type: typeOf(r.type),
    typeLabel: INTERVENTION_TYPES[typeOf(r.type)],
    owner: r.owner,
    dueDate: isoDay(r.dueDate),
    status: r.status === "completed" ? "completed" : "assigned",
    assignedByEmail: r.assignedByEmail,
    assignedAt: r.assignedAt.toISOString(),
    completedOn: r.completedOn ? isoDay(r.completedOn) : null,
    completionNote: r.completionNote,
    completedByEmail: r.completedByEmail,
    completedAt: r.completedAt?.toISOString() ?? null,
    followUp: follow,
  };
}

/** Follow-ups of completed interventions, from the active Use of Force version (one read for all of them). */
async function followUps(rows: Row[]): Promise<Map<number, InterventionFollowUp>> {
  const done = rows.filter((r) => r.completedOn);
  const version = await activeVersion(db(), EIS_ID_SPACE);
  if (!done.length || !version) return new Map();
  const times = done.map((r) => r.completedOn!.getTime());
  const start = new Date(Math.min(...times) - 370 * 86_400_000);
  const end = new Date(Math.max(...times) + 370 * 86_400_000);
  const byOfficer = await officerLevelsByIncident(
    version.id,
    [...new Set(done.map((r) => r.officerSourceId))],
    start,
    end,
  );
  return new Map(
    done.map((r) => [r.id, followUp(r.completedOn!, byOfficer.get(r.officerSourceId) ?? [], version.periodEnd)]),
  );
}

/**
 * One officer's interventions with their follow-ups. Internal: the caller (getEisOfficer) has already applied the
 * view rule to this officer.
 */
async function interventionsOfOfficer(officerDbId: number): Promise<InterventionDto[]> {
  const rows = await interventionRows({ officerId: officerDbId });
  const follow = await followUps(rows);
  return rows.map((r) => dto(r, follow.get(r.id) ?? null));
}

export interface InterventionAggregateDto {
  assigned: number;
  completed: number;
  /** Officers with a completed intervention (each counted once, by their first completion). */
  officers: number;
  horizons: Record<Horizon, HorizonAggregate>;
  dataEnd: string | null;
}

/** Department-wide, without officer identities: counts, and before/after rates withheld below the minimum n. */
export async function interventionAggregate(): Promise<InterventionAggregateDto> {
  await requirePermission("viewEisFlags");
  const rows = await interventionRows({});
  const first = new Map<number, Row>();
  for (const r of rows.filter((x) => x.completedOn).sort((a, b) => a.completedOn!.getTime() - b.completedOn!.getTime()))
    if (!first.has(r.officerId)) first.set(r.officerId, r);
  const follow = await followUps([...first.values()]);
  const version = await activeVersion(db(), EIS_ID_SPACE);
  return {
    assigned: rows.length,
    completed: rows.filter((r) => r.status === "completed").length,
    officers: first.size,
    horizons: aggregate([...follow.values()]),
    dataEnd: version?.periodEnd ? isoDay(version.periodEnd) : null,
  };
}

/** The officer page's interventions: the view rule first (officerInScope), then every intervention of the officer. */
export async function getEisOfficerInterventions(rawId: unknown): Promise<InterventionDto[]> {
  const user = await requirePermission("viewEisFlags");
  const { officer } = await officerInScope(user, rawId);
  return interventionsOfOfficer(officer.id);
}

import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/actions";
import type { StaffUser } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { EIS_ID_SPACE } from "@/lib/eis/store";
import { OfficerIdSchema as EisOfficerIdSchema } from "@/lib/staff/officer-id";
import { AppError } from "@/lib/errors/app-error";
import { canViewEisOfficer } from "./eis-runs";
import { actorFor } from "../staff-session";

/**
 * THE scope rule for one Early Intervention officer, for every read and write about them: the officer page, a
 * review of any of their flags, and (issue 23) interventions. The officer's unit is the precinct of their latest
 * complete score, whichever score a request is about: a supervisor of the officer's current unit may see and
 * review their older flags too, and a supervisor of a unit the officer has left may do neither.
 *
 * An unknown officer and one outside the user's units get the same 404 and message, so scoped staff cannot probe
 * which IDs exist elsewhere; the audit log still tells them apart.
 */
export const EIS_OFFICER_NOT_FOUND =
  "There is no officer with this ID among the Early Intervention scores (Use of Force officer IDs).";

export interface EisScopeRequest {
  /** What the request is about, for the audit entry (e.g. "officer", "review"). */
  what: string;
  /** The audit action of a refusal (e.g. "eis.officer_view_denied", "flag.review_denied"). */
  deniedAction: AuditAction;
  /** The audit action of an unknown officer (default "eis.officer_view", outcome "not_found"). */
  notFoundAction?: AuditAction;
  /** Extra audit detail (e.g. the scoreId of a review). */
  detail?: Record<string, unknown>;
}

/** An officer's complete scores, newest as-of first (one per as-of date: the newest run's). */
export async function eisScoreHistory(officerDbId: number) {
  const rows = await db().eisOfficerScore.findMany({
    where: { officerId: officerDbId, run: { status: "complete" } },
    include: { run: { select: { asOf: true } } },
    orderBy: [{ run: { asOf: "desc" } }, { runId: "desc" }],
  });
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.run.asOf.getTime()) ? false : (seen.add(r.run.asOf.getTime()), true)));
}
export type EisScoreRow = Awaited<ReturnType<typeof eisScoreHistory>>[number];

/** Checks `user` may act on EIS officer `rawId` (audited when not); returns the officer, their history and unit. */
export async function requireEisOfficerInScope(user: StaffUser, rawId: unknown, request: EisScopeRequest) {
  const id = EisOfficerIdSchema.safeParse(rawId);
  if (!id.success) throw new AppError("not_found", EIS_OFFICER_NOT_FOUND);
  const auditTarget = `officer:${EIS_ID_SPACE}:${id.data}`;
  const audit = async (action: AuditAction, detail: Record<string, unknown>) => {
    const actor = await actorFor(user);
    await appendAudit(db(), {
      action,
      actorId: user.id,
      actorEmail: user.email,
      target: auditTarget,
      detail: { ...detail, what: request.what, ...request.detail },
      ...actor.context,
    });
  };
  const officer = await db().officer.findUnique({
    where: { idSpace_sourceId: { idSpace: EIS_ID_SPACE, sourceId: id.data } },
  });
  const history = officer ? await eisScoreHistory(officer.id) : [];
  if (!officer || history.length === 0) {
    await audit(request.notFoundAction ?? "eis.officer_view", { outcome: "not_found" });
    throw new AppError("not_found", EIS_OFFICER_NOT_FOUND);
  }
  const unit = history[0]!.precinct;
  if (!canViewEisOfficer(user, unit)) {
    await audit(request.deniedAction, { outcome: "outside_units", role: user.role });
    throw new AppError("not_found", EIS_OFFICER_NOT_FOUND);
  }
  return { officerId: id.data, officer, history, unit, auditTarget };
}

/**
 * Loads an officer's scores and checks the viewer's scope with the one EIS scope rule (lib/dal/internal/eis-scope.ts):
 * unknown IDs and officers outside a supervisor's units are both 404s, audited differently.
 */
export async function officerInScope(
  user: StaffUser,
  rawId: unknown,
  target = "officer",
  deniedAction: AuditAction = "eis.officer_view_denied",
) {
  const { officerId, officer, history, auditTarget } = await requireEisOfficerInScope(user, rawId, {
    what: target,
    deniedAction,
  });
  return { officerId, officer, history, auditTarget };
}

/**
 * The view rule for many officers at once (the flags queue): the same decision as officerInScope, canViewEisOfficer
 * on the precinct of the officer's latest complete score.
 */
export async function officersInScope(user: StaffUser, officerIds: string[]): Promise<Set<string>> {
  const units = await latestUnits(officerIds);
  return new Set(officerIds.filter((id) => units.has(id) && canViewEisOfficer(user, units.get(id)!)));
}

/** Each officer's unit (precinct of their latest complete score); officers never scored are absent. */
async function latestUnits(officerIds: string[]): Promise<Map<string, string | null>> {
  const rows = await db().eisOfficerScore.findMany({
    where: { officerSourceId: { in: officerIds }, run: { status: "complete" } },
    select: { officerSourceId: true, precinct: true, run: { select: { asOf: true } }, runId: true },
    orderBy: [{ run: { asOf: "desc" } }, { runId: "desc" }],
  });
  const units = new Map<string, string | null>();
  for (const r of rows) if (!units.has(r.officerSourceId)) units.set(r.officerSourceId, r.precinct);
  return units;
}

import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/actions";
import type { StaffUser } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { EIS_ID_SPACE } from "@/lib/eis/store";
import { canViewEisOfficer, EisOfficerIdSchema } from "./staff-eis";
import { AppError } from "@/lib/errors/app-error";
import { actorFor } from "./staff-session";

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

import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { canViewOfficer, isUnitScoped, type StaffUser } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { OfficerIdSchema } from "@/lib/staff/officer-id";
import { contactsByMonth, deriveUnits, NO_UNIT, unitWindow, type DerivedUnit } from "@/lib/staff/officer-unit";
import { AppError } from "@/lib/errors/app-error";
import { actorFor, requirePermission } from "./staff-session";

/**
 * Officer reads for the staff area (crisis-data officers: ID space "seattle-crisis"). Each function checks the
 * session and permission itself and applies the supervisor's unit scope; every detail view is audited, refused
 * ones included. How an officer's unit is derived: lib/staff/officer-unit.ts.
 */
const ID_SPACE = "seattle-crisis";
const NOT_FOUND = "There is no officer with this ID in the crisis data.";
export { OfficerIdSchema };

export interface OfficerUnitSummaryDto {
  officerId: string;
  idSpace: string;
  datasetLabel: string;
  window: { start: string; end: string };
  unit: DerivedUnit;
  months: { month: string; contacts: number; withForce: number }[];
  totalContacts: number;
}

export interface OfficerListItemDto {
  officerId: string;
  precinct: string | null;
  squad: string | null;
  contactsInWindow: number;
}

async function activeCrisisVersion() {
  const version = await db().datasetVersion.findFirst({
    where: { dataset: ID_SPACE, status: "active" },
    select: { id: true, label: true },
  });
  if (!version) return null;
  const latest = await db().crisisContact.aggregate({ where: { versionId: version.id }, _max: { reportedDate: true } });
  return latest._max.reportedDate ? { ...version, window: unitWindow(latest._max.reportedDate) } : null;
}

type Version = NonNullable<Awaited<ReturnType<typeof activeCrisisVersion>>>;

/** Units of the given officers (or of every officer with contacts in the window when `officerIds` is omitted). */
async function unitsInWindow(version: Version, officerIds?: number[]): Promise<Map<number, DerivedUnit>> {
  const where = {
    versionId: version.id,
    reportedDate: { gte: version.window.start, lte: version.window.end },
    ...(officerIds ? { officerId: { in: officerIds } } : { officerId: { not: null } }),
  };
  const [contacts, rows] = await Promise.all([
    db().crisisContact.findMany({
      where,
      select: { officerId: true, templateId: true, reportedDate: true, precinct: true },
    }),
    db().crisisRow.findMany({
      where,
      select: { officerId: true, templateId: true, reportedDate: true, officerSquad: true },
    }),
  ]);
  const withOfficer = <T extends { officerId: number | null }>(r: T): r is T & { officerId: number } =>
    r.officerId !== null;
  return deriveUnits(contacts.filter(withOfficer), rows.filter(withOfficer));
}

async function auditView(
  user: StaffUser,
  action: "officer.view" | "officer.view_denied",
  officerId: string,
  detail: Record<string, unknown>,
) {
  const actor = await actorFor(user);
  await appendAudit(db(), {
    action,
    actorId: user.id,
    actorEmail: user.email,
    target: `officer:${ID_SPACE}:${officerId}`,
    detail,
    ...actor.context,
  });
}

/** One officer's unit and contacts by month. Supervisors: only officers whose unit is one of theirs (else 404). */
export async function getOfficerUnitSummary(officerId: unknown): Promise<OfficerUnitSummaryDto> {
  const user = await requirePermission("viewOfficers");
  const id = OfficerIdSchema.safeParse(officerId);
  if (!id.success) throw new AppError("not_found", NOT_FOUND);
  const version = await activeCrisisVersion();
  const officer = version
    ? await db().officer.findUnique({ where: { idSpace_sourceId: { idSpace: ID_SPACE, sourceId: id.data } } })
    : null;
  if (!version || !officer) {
    await auditView(user, "officer.view", id.data, { outcome: "not_found" });
    throw new AppError("not_found", NOT_FOUND);
  }
  const unit = (await unitsInWindow(version, [officer.id])).get(officer.id) ?? NO_UNIT;
  if (!canViewOfficer(user, unit)) {
    // The same answer as an unknown ID (scoped staff cannot probe which IDs exist elsewhere); the audit tells them apart.
    await auditView(user, "officer.view_denied", id.data, { outcome: "outside_units", role: user.role });
    throw new AppError("not_found", NOT_FOUND);
  }
  const contacts = await db().crisisContact.findMany({
    where: { versionId: version.id, officerId: officer.id },
    select: { reportedDate: true, useOfForce: true },
  });
  await auditView(user, "officer.view", id.data, {
    outcome: "shown",
    unit: { precinct: unit.precinct, squad: unit.squad },
  });
  return {
    officerId: id.data,
    idSpace: ID_SPACE,
    datasetLabel: version.label,
    window: { start: version.window.start.toISOString(), end: version.window.end.toISOString() },
    unit,
    months: contactsByMonth(contacts),
    totalContacts: contacts.length,
  };
}

/** Officers the user may see, with their unit, most active first (supervisors: their units only). */
export async function listOfficersInScope(limit = 200): Promise<{
  officers: OfficerListItemDto[];
  total: number;
  window: { start: string; end: string } | null;
  scoped: boolean;
}> {
  const user = await requirePermission("viewOfficers");
  const version = await activeCrisisVersion();
  if (!version) return { officers: [], total: 0, window: null, scoped: isUnitScoped(user) };
  const units = await unitsInWindow(version);
  const visible = [...units.entries()].filter(([, unit]) => canViewOfficer(user, unit));
  visible.sort((a, b) => b[1].contactsInWindow - a[1].contactsInWindow || a[0] - b[0]);
  const page = visible.slice(0, Math.max(1, Math.min(limit, 1000)));
  const sourceIds = new Map(
    (
      await db().officer.findMany({
        where: { id: { in: page.map(([id]) => id) } },
        select: { id: true, sourceId: true },
      })
    ).map((o) => [o.id, o.sourceId]),
  );
  return {
    officers: page.map(([id, unit]) => ({
      officerId: sourceIds.get(id) ?? String(id),
      precinct: unit.precinct,
      squad: unit.squad,
      contactsInWindow: unit.contactsInWindow,
    })),
    total: visible.length,
    window: { start: version.window.start.toISOString(), end: version.window.end.toISOString() },
    scoped: isUnitScoped(user),
  };
}

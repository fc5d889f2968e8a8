import { z } from "zod";

/**
 * Roles, unit scopes and the named permission checks of the staff area. Pure functions with no I/O: the data
 * access layer (lib/dal/staff-*) calls them on every query, the CLI validates input with the same schemas, and the
 * staff home page explains them to the signed-in user.
 */
export const ROLES = ["admin", "analyst", "supervisor"] as const;
export const RoleSchema = z.enum(ROLES, `must be one of ${ROLES.join(", ")}`);
export type Role = z.infer<typeof RoleSchema>;

/** A unit a supervisor is responsible for: a precinct (as in the crisis data, e.g. "West") or an HR squad. */
export const UnitSchema = z.object({
  kind: z.enum(["precinct", "squad"]),
  name: z.string().trim().min(1).max(80),
});
export type Unit = z.infer<typeof UnitSchema>;
export const UnitsSchema = z.array(UnitSchema).max(50);

/** The user the staff area acts for: loaded from the database on every request, never trusted from the token. */
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  units: Unit[];
}

/** An officer's unit as the data shows it (lib/dal/staff-officers.ts documents how it is derived). */
export interface OfficerUnit {
  precinct: string | null;
  squad: string | null;
}

export const PERMISSIONS = {
  viewStaffHome: { roles: ["admin", "analyst", "supervisor"], label: "Staff home: your role and scope" },
  viewOfficers: {
    roles: ["admin", "analyst", "supervisor"],
    label: "Officer unit summaries (supervisors: their units only)",
  },
  viewEisFlags: {
    roles: ["admin", "analyst", "supervisor"],
    label: "Early Intervention flags (supervisors: their units only)",
  },
  reviewEisFlags: { roles: ["admin", "analyst", "supervisor"], label: "Review flags (supervisors: their units only)" },
  annotate: { roles: ["admin", "analyst"], label: "Annotations on flags" },
  // Notes on the public reports (lib/annotations): the second-person rule for publishing is enforced per annotation
  // in lib/annotations/workflow.ts, on top of these role checks.
  draftAnnotation: {
    roles: ["admin", "analyst", "supervisor"],
    label: "Report annotations: propose drafts and submit them for review",
  },
  editAnnotation: { roles: ["admin", "analyst"], label: "Report annotations: edit, return to draft, retire" },
  publishAnnotation: { roles: ["admin", "analyst"], label: "Report annotations: publish someone else's" },
  manageUsers: { roles: ["admin"], label: "Staff accounts: invite, roles, units, deactivate" },
  viewAuditLog: { roles: ["admin"], label: "Audit log" },
  refreshData: { roles: ["admin"], label: "Data refresh" },
} as const satisfies Record<string, { roles: readonly Role[]; label: string }>;
export type Permission = keyof typeof PERMISSIONS;

export function can(user: Pick<StaffUser, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(user.role);
}

/** Roles whose officer access is limited to their assigned units. */
export const isUnitScoped = (user: Pick<StaffUser, "role">) => user.role === "supervisor";

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether `user` may see an officer whose unit is `unit`. Analysts and admins see every officer; a supervisor sees
 * an officer only when the officer's precinct or squad is one of the supervisor's units. An officer with no known
 * unit is outside every supervisor's scope (deny by default).
 */
export function canViewOfficer(user: Pick<StaffUser, "role" | "units">, unit: OfficerUnit): boolean {
  if (!can(user, "viewOfficers")) return false;
  if (!isUnitScoped(user)) return true;
  return user.units.some(
    (u) =>
      (u.kind === "precinct" && unit.precinct !== null && sameName(u.name, unit.precinct)) ||
      (u.kind === "squad" && unit.squad !== null && sameName(u.name, unit.squad)),
  );
}

/** Units as stored in User.units (JSON). A malformed value reads as no units: a supervisor then sees nothing. */
export function parseStoredUnits(json: string): Unit[] {
  try {
    const parsed = UnitsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Units from the text form used by the CLI and the admin page: comma- or newline-separated entries, each
 * `precinct:NAME`, `squad:NAME`, or a bare NAME (a precinct). Example: `West, squad:WEST PCT 3RD W - MARY`.
 */
export function parseUnitsText(text: string): Unit[] {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
  const units = entries.map((entry) => {
    const m = /^(precinct|squad)\s*:\s*(.+)$/i.exec(entry);
    return UnitSchema.parse(m ? { kind: m[1]!.toLowerCase(), name: m[2] } : { kind: "precinct", name: entry });
  });
  const seen = new Set<string>();
  return units.filter((u) => {
    const key = `${u.kind}:${u.name.toLowerCase()}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export const formatUnit = (u: Unit) => (u.kind === "precinct" ? `precinct:${u.name}` : `squad:${u.name}`);
export const formatUnits = (units: Unit[]) => units.map(formatUnit).join(", ");

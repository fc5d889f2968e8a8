import "server-only";
import { cache } from "react";
import { appendAudit } from "@/lib/audit/append";
import type { StaffClaims } from "@/lib/auth/config";
import { auth } from "@/lib/auth/next-auth";
import { currentRequestContext } from "@/lib/auth/request-context";
import {
  can,
  parseStoredUnits,
  PERMISSIONS,
  RoleSchema,
  type Permission,
  type Role,
  type StaffUser,
} from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/**
 * The staff area's gate, after the Next.js data-security guide: every staff data function calls verifySession()
 * or requirePermission() itself, so a page, layout or route that forgets a check still gets no data. Failures are
 * AppErrors (lib/errors/app-error.ts); lib/http/staff-page.ts turns them into a redirect / 403 / 404 for pages,
 * lib/http/staff-api.ts into the JSON error shape for route handlers, and lib/dal/staff-action.ts into a form
 * state for server actions.
 */

function claimsOf(session: unknown): StaffClaims | null {
  const claims = (session as { claims?: Partial<StaffClaims> } | null)?.claims;
  const uid = Number(claims?.uid);
  const signedInAt = Number(claims?.signedInAt);
  return Number.isInteger(uid) && uid > 0 && Number.isFinite(signedInAt) ? { uid, signedInAt } : null;
}

/**
 * The signed-in staff user, or null. Reads the account on every request (memoised per request): a deactivated
 * account, a session older than SESSION_MAX_AGE_HOURS or one signed in before User.sessionsValidAfter (revoked)
 * counts as signed out, and role and units are current.
 */
export const getStaffUser = cache(async (): Promise<StaffUser | null> => {
  const claims = claimsOf(await auth());
  if (!claims) return null;
  if (Date.now() - claims.signedInAt > env().SESSION_MAX_AGE_HOURS * 3_600_000) return null;
  const user = await db().user.findUnique({ where: { id: claims.uid } });
  const role = RoleSchema.safeParse(user?.role);
  if (!user || !user.active || !role.success) return null;
  // Sign-out, a password reset, an unlock or a deactivation ends every session signed in before it.
  if (user.sessionsValidAfter && claims.signedInAt < user.sessionsValidAfter.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: role.data, units: parseStoredUnits(user.units) };
});

export async function verifySession(): Promise<StaffUser> {
  const user = await getStaffUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to use the staff area.");
  return user;
}

/** Records a refused staff request (who tried what), then refuses it. */
export async function deny(
  user: StaffUser,
  what: string,
  message = "Your role does not give access to this.",
): Promise<never> {
  await appendAudit(db(), {
    action: "access.denied",
    actorId: user.id,
    actorEmail: user.email,
    target: what,
    detail: { role: user.role },
    ...(await currentRequestContext()),
  });
  throw new AppError("forbidden", message);
}

export async function requireRole(roles: readonly Role[], what: string): Promise<StaffUser> {
  const user = await verifySession();
  if (!roles.includes(user.role)) await deny(user, what);
  return user;
}

export async function requirePermission(permission: Permission): Promise<StaffUser> {
  const user = await requireRole(PERMISSIONS[permission].roles, `permission:${permission}`);
  if (!can(user, permission)) await deny(user, `permission:${permission}`);
  return user;
}

/** The actor for audit entries made on behalf of `user` in the current request. */
export async function actorFor(user: StaffUser) {
  return { id: user.id, email: user.email, context: await currentRequestContext() };
}

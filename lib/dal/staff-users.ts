import "server-only";
import { z } from "zod";
import {
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountActive,
  unlockAccount,
  updateAccountAccess,
  type AccountDto,
  type NewAccount,
} from "@/lib/auth/accounts";
import type { Role, Unit } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { actorFor, requirePermission } from "./staff-session";

/**
 * Account administration for the admin page: each function requires the manageUsers permission itself, then calls
 * the shared account logic (lib/auth/accounts.ts), which validates the input and audits the change.
 */
const UserIdSchema = z.coerce.number().int().positive();

async function asAdmin<T>(run: (actor: Awaited<ReturnType<typeof actorFor>>) => Promise<T>): Promise<T> {
  const admin = await requirePermission("manageUsers");
  return run(await actorFor(admin));
}

function userId(raw: unknown): number {
  const id = UserIdSchema.safeParse(raw);
  if (!id.success) throw new AppError("not_found", "no such account");
  return id.data;
}

export async function listStaffAccounts(): Promise<AccountDto[]> {
  await requirePermission("manageUsers");
  return listAccounts(db());
}

export async function createStaffAccount(input: NewAccount) {
  return asAdmin((actor) => createAccount(db(), input, actor));
}

export async function changeStaffAccess(id: unknown, change: { role: Role; units: Unit[] }) {
  return asAdmin(async (actor) => {
    const target = userId(id);
    // Admins cannot demote themselves by accident; another admin can.
    if (target === actor.id && change.role !== "admin")
      throw new AppError("bad_request", "You cannot change your own role. Ask another admin.");
    return updateAccountAccess(db(), target, change, actor);
  });
}

export async function setStaffAccountActive(id: unknown, active: boolean) {
  return asAdmin(async (actor) => {
    const target = userId(id);
    if (target === actor.id && !active) throw new AppError("bad_request", "You cannot deactivate your own account.");
    return setAccountActive(db(), target, active, actor);
  });
}

export async function unlockStaffAccount(id: unknown) {
  return asAdmin((actor) => unlockAccount(db(), userId(id), actor));
}

export async function resetStaffPassword(id: unknown) {
  return asAdmin((actor) => resetAccountPassword(db(), userId(id), actor));
}

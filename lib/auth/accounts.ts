import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { generatePassword, hashPassword, PasswordSchema } from "./passwords";
import type { RequestContext } from "./request-context";
import { parseStoredUnits, RoleSchema, UnitsSchema, type Role, type Unit } from "./roles";
import { recordAttempt } from "./throttle";

/**
 * Staff account changes, shared by the admin page (through lib/dal/staff-users.ts, which checks the session and
 * role first) and the CLI (run by an operator with database access). Every change is audited with its actor.
 */
export const EmailSchema = z
  .email("must be an email address")
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const NewAccountSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1, "is required").max(120),
  role: RoleSchema,
  units: UnitsSchema.default([]),
  /** "password": sign in with a password (given, or generated and shown once); "sso": single sign-on only. */
  signIn: z.enum(["password", "sso"]).default("password"),
  password: PasswordSchema.optional(),
});
export type NewAccount = z.input<typeof NewAccountSchema>;

/** Who makes a change: a signed-in admin, or the CLI (actorEmail like "cli:operator@host"). */
export interface Actor {
  id: number | null;
  email: string;
  context: RequestContext;
}

export interface AccountDto {
  id: number;
  email: string;
  name: string;
  role: Role;
  units: Unit[];
  active: boolean;
  signIn: "password" | "sso";
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  lastSignInAt: string | null;
}

type UserRow = NonNullable<Awaited<ReturnType<Db["user"]["findUnique"]>>>;
export function toAccountDto(u: UserRow, now = new Date()): AccountDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: RoleSchema.catch("supervisor").parse(u.role),
    units: parseStoredUnits(u.units),
    active: u.active,
    signIn: u.passwordHash ? "password" : "sso",
    failedLogins: u.failedLogins,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  };
}

const audit = (
  db: Db,
  actor: Actor,
  action: Parameters<typeof appendAudit>[1]["action"],
  target: string,
  detail: Record<string, unknown>,
) => appendAudit(db, { action, actorId: actor.id, actorEmail: actor.email, target, detail, ...actor.context });

/**
 * Runs one account change and its audit entry in one transaction: both are written or neither. Serializable, so
 * that the "last active admin" check and the change it guards cannot interleave with another admin's change.
 */
function change<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db
    .$transaction((tx) => work(tx as unknown as Db), { isolationLevel: "Serializable" })
    .catch((e: unknown) => {
      // PostgreSQL refuses one of two conflicting serializable transactions (P2034): ask to try again.
      if ((e as { code?: string }).code === "P2034")
        throw new AppError("conflict", "another change to the staff accounts happened at the same time: try again");
      throw e;
    });
}

/** Creates an account. Returns the initial password when one was generated (to show once), else null. */
export async function createAccount(
  db: Db,
  input: NewAccount,
  actor: Actor,
): Promise<{ account: AccountDto; initialPassword: string | null }> {
  const data = NewAccountSchema.parse(input);
  const initialPassword = data.signIn === "password" && !data.password ? generatePassword() : null;
  const password = data.signIn === "password" ? (data.password ?? initialPassword) : null;
  const passwordHash = password ? await hashPassword(password) : null; // slow: outside the transaction
  const units = data.role === "supervisor" ? data.units : [];
  return change(db, async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } }))
      throw new AppError("conflict", `an account for ${data.email} already exists`);
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, units: JSON.stringify(units), passwordHash },
    });
    await audit(tx, actor, "user.create", `user:${user.id}`, {
      email: user.email,
      role: user.role,
      units,
      signIn: data.signIn,
    });
    return { account: toAccountDto(user), initialPassword };
  });
}

async function existing(db: Db, id: number): Promise<UserRow> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("not_found", "no such account");
  return user;
}

/** There must always be an active admin, or nobody could manage accounts from the application (checked in the change's transaction). */
async function assertAnotherActiveAdmin(db: Db, exceptId: number): Promise<void> {
  const others = await db.user.count({ where: { role: "admin", active: true, id: { not: exceptId } } });
  if (others === 0) throw new AppError("conflict", "this is the last active admin: make another admin first");
}

export async function updateAccountAccess(
  db: Db,
  id: number,
  access: { role: Role; units: Unit[] },
  actor: Actor,
): Promise<AccountDto> {
  const { role, units: requested } = z.object({ role: RoleSchema, units: UnitsSchema }).parse(access);
  return change(db, async (tx) => {
    const before = await existing(tx, id);
    if (before.role === "admin" && role !== "admin" && before.active) await assertAnotherActiveAdmin(tx, id);
    const units = role === "supervisor" ? requested : [];
    const user = await tx.user.update({ where: { id }, data: { role, units: JSON.stringify(units) } });
    await audit(tx, actor, "user.update", `user:${id}`, {
      email: user.email,
      from: { role: before.role, units: parseStoredUnits(before.units) },
      to: { role, units },
    });
    return toAccountDto(user);
  });
}

/** Deactivating also ends the account's sessions, so a later reactivation does not revive an old cookie. */
export async function setAccountActive(
  db: Db,
  id: number,
  active: boolean,
  actor: Actor,
  now = new Date(),
): Promise<AccountDto> {
  return change(db, async (tx) => {
    const before = await existing(tx, id);
    if (!active && before.role === "admin" && before.active) await assertAnotherActiveAdmin(tx, id);
    const user = await tx.user.update({
      where: { id },
      data: active ? { active } : { active, sessionsValidAfter: now },
    });
    await audit(tx, actor, active ? "user.reactivate" : "user.deactivate", `user:${id}`, { email: user.email });
    return toAccountDto(user);
  });
}

/**
 * Lifts a lockout: the unlock counts as a reset for the email's failure count (lib/auth/throttle.ts), and ends
 * the account's sessions (a lockout suggests someone else may have been trying the account).
 */
export async function unlockAccount(db: Db, id: number, actor: Actor, now = new Date()): Promise<AccountDto> {
  return change(db, async (tx) => {
    const before = await existing(tx, id);
    await recordAttempt(tx, { email: before.email, ip: actor.context.ip, outcome: "unlocked", at: now });
    const user = await tx.user.update({
      where: { id },
      data: { failedLogins: 0, lockedUntil: null, sessionsValidAfter: now },
    });
    await audit(tx, actor, "user.unlock", `user:${id}`, { email: user.email });
    return toAccountDto(user);
  });
}

/** Sets a new generated password (returned once), e.g. for a user who forgot theirs, and ends the account's sessions. */
export async function resetAccountPassword(
  db: Db,
  id: number,
  actor: Actor,
  now = new Date(),
): Promise<{ account: AccountDto; password: string }> {
  await existing(db, id);
  const password = generatePassword();
  const passwordHash = await hashPassword(password); // slow: outside the transaction
  return change(db, async (tx) => {
    await existing(tx, id);
    const user = await tx.user.update({ where: { id }, data: { passwordHash, sessionsValidAfter: now } });
    await audit(tx, actor, "user.password_reset", `user:${id}`, { email: user.email });
    return { account: toAccountDto(user), password };
  });
}

/** Ends every session of the account signed in before `now` (sign-out: a copied cookie stops working too). */
export async function endSessions(db: Db, id: number, now = new Date()): Promise<void> {
  await db.user.updateMany({ where: { id }, data: { sessionsValidAfter: now } });
}

export async function listAccounts(db: Db): Promise<AccountDto[]> {
  const users = await db.user.findMany({ orderBy: [{ active: "desc" }, { email: "asc" }] });
  return users.map((u) => toAccountDto(u));
}

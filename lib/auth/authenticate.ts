import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db/client";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import type { RequestContext } from "./request-context";
import { ACCOUNT_LOCK, minutesUntil, recordAttempt, reserveAttempt } from "./throttle";

/**
 * Password sign-in: throttling, lockout, verification and auditing in one place, called by the credentials
 * provider (lib/auth/next-auth.ts) for every attempt, whichever route it came through.
 *
 * Unknown emails, deactivated and SSO-only accounts and wrong passwords all get the same answer after the same
 * work (an argon2 verify, against a dummy hash when there is no usable one), so neither the message nor the
 * timing tells whether an account exists. Lockout is keyed by the email as typed, for the same reason.
 */
export const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(256),
});

export type SignInRefusal = "invalid" | "locked" | "throttled";
export type SignInResult =
  | { ok: true; user: { id: number; email: string; name: string } }
  | { ok: false; reason: SignInRefusal; retryAfterMinutes?: number };

/** What the sign-in page says for each refusal. `invalid` deliberately does not say which part was wrong. */
export function refusalMessage(reason: SignInRefusal | string, minutes?: number): string {
  const wait = minutes ? `Try again in about ${minutes} minute${minutes === 1 ? "" : "s"}` : "Try again later";
  if (reason === "locked")
    return `Too many failed sign-in attempts for this account. ${wait}, or ask an administrator to unlock it.`;
  if (reason === "throttled") return `Too many failed sign-in attempts from your network. ${wait}.`;
  return "The email or password is incorrect.";
}

export async function authenticateWithPassword(
  db: Db,
  input: unknown,
  ctx: RequestContext,
  now = new Date(),
): Promise<SignInResult> {
  const parsed = CredentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" }; // not even a well-formed attempt: nothing to count
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  const failureAudit = (tx: Db, reason: "bad_credentials" | "locked" | "ip_throttled") =>
    appendAudit(tx, {
      action: "auth.sign_in_failed",
      actorId: user?.id ?? null,
      actorEmail: email,
      detail: { method: "password", reason, accountExists: user !== null },
      ...ctx,
    });
  // Each attempt's record and its audit entry are written together (one transaction), or not at all.
  const inTx = (work: (tx: Db) => Promise<unknown>) =>
    db.$transaction(async (tx) => void (await work(tx as unknown as Db)));

  const reservation = await reserveAttempt(db, email, ctx.ip, now);
  if (!reservation.ok) {
    await inTx(async (tx) => {
      await recordAttempt(tx, { email, ip: ctx.ip, outcome: reservation.reason, at: now });
      await failureAudit(tx, reservation.reason);
    });
    return {
      ok: false,
      reason: reservation.reason === "ip_throttled" ? "throttled" : "locked",
      retryAfterMinutes: minutesUntil(reservation.retryAt, now),
    };
  }

  const usable = user !== null && user.active && user.passwordHash !== null;
  const verified = await verifyPassword(usable ? user.passwordHash! : await dummyPasswordHash(), password);

  if (!usable || !verified) {
    const failures = reservation.failures + 1;
    const lockedNow = failures >= ACCOUNT_LOCK.maxFailures;
    const lockedUntil = lockedNow ? new Date(now.getTime() + ACCOUNT_LOCK.lockMinutes * 60_000) : null;
    await inTx(async (tx) => {
      await tx.loginAttempt.update({ where: { id: reservation.attemptId }, data: { outcome: "bad_credentials" } });
      if (user) await tx.user.update({ where: { id: user.id }, data: { failedLogins: failures, lockedUntil } });
      await failureAudit(tx, "bad_credentials");
    });
    // The attempt that reaches the limit already says so (for every email alike).
    return lockedNow
      ? { ok: false, reason: "locked", retryAfterMinutes: ACCOUNT_LOCK.lockMinutes }
      : { ok: false, reason: "invalid" };
  }

  await inTx(async (tx) => {
    await tx.loginAttempt.update({ where: { id: reservation.attemptId }, data: { outcome: "success" } });
    await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastSignInAt: now } });
    await appendAudit(tx, {
      action: "auth.sign_in",
      actorId: user.id,
      actorEmail: user.email,
      detail: { method: "password" },
      ...ctx,
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

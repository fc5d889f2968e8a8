import type { Db } from "@/lib/db/client";

/**
 * Failed-login throttling, stored in the database (LoginAttempt) so that several app instances share it.
 *
 * - Per account: 5 failed passwords for one email within 15 minutes lock that email for 15 minutes after the last
 *   of them. It is keyed by the email as typed, whether or not an account exists, so that lockout behaviour does
 *   not reveal which emails have accounts. A successful sign-in or an admin's unlock starts the count again.
 * - Per address: 20 failed attempts from one client address within 15 minutes refuse further attempts from it
 *   until the oldest of them is 15 minutes old.
 */
export const ACCOUNT_LOCK = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;
export const ADDRESS_LIMIT = { maxFailures: 20, windowMinutes: 15 } as const;

export type AttemptOutcome = "success" | "bad_credentials" | "locked" | "ip_throttled" | "unlocked";
const MINUTE = 60_000;

export interface AccountLockState {
  /** Failures that count toward the lock (at most maxFailures). */
  failures: number;
  lockedUntil: Date | null;
}

export async function accountLockState(db: Db, email: string, now: Date): Promise<AccountLockState> {
  const lookback = new Date(now.getTime() - (ACCOUNT_LOCK.windowMinutes + ACCOUNT_LOCK.lockMinutes) * MINUTE);
  const recent = await db.loginAttempt.findMany({
    where: { email, at: { gt: lookback }, outcome: { in: ["bad_credentials", "success", "unlocked"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ACCOUNT_LOCK.maxFailures,
    select: { at: true, outcome: true },
  });
  const failures: Date[] = [];
  for (const r of recent) {
    if (r.outcome !== "bad_credentials") break; // a success or an unlock resets the count
    failures.push(r.at);
  }
  const newest = failures[0];
  const oldest = failures[ACCOUNT_LOCK.maxFailures - 1];
  const withinWindow = newest && oldest && newest.getTime() - oldest.getTime() <= ACCOUNT_LOCK.windowMinutes * MINUTE;
  const until = newest ? new Date(newest.getTime() + ACCOUNT_LOCK.lockMinutes * MINUTE) : null;
  const lockedUntil = withinWindow && until && until > now ? until : null;
  // Failures older than the window no longer count toward a lock.
  const counting = failures.filter((f) => f.getTime() > now.getTime() - ACCOUNT_LOCK.windowMinutes * MINUTE).length;
  return { failures: lockedUntil ? failures.length : counting, lockedUntil };
}

/** When the address may try again, or null if it is not throttled. */
export async function addressThrottledUntil(db: Db, ip: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - ADDRESS_LIMIT.windowMinutes * MINUTE);
  const failures = await db.loginAttempt.findMany({
    where: { ip, at: { gt: since }, outcome: { in: ["bad_credentials", "locked"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ADDRESS_LIMIT.maxFailures,
    select: { at: true },
  });
  const oldest = failures[ADDRESS_LIMIT.maxFailures - 1];
  return oldest ? new Date(oldest.at.getTime() + ADDRESS_LIMIT.windowMinutes * MINUTE) : null;
}

export async function recordAttempt(db: Db, attempt: { email: string; ip: string; outcome: AttemptOutcome; at: Date }): Promise<void> {
  await db.loginAttempt.create({ data: { email: attempt.email.slice(0, 254), ip: attempt.ip.slice(0, 64), outcome: attempt.outcome, at: attempt.at } });
}

/** Whole minutes until `until`, at least 1 (for messages). */
export const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));

import { providerOfDb, type Db } from "@/lib/db/client";

/**
 * Failed-login throttling, stored in the database (LoginAttempt) so that several app instances share it.
 *
 * - Per account: 5 failed passwords for one email within 15 minutes lock that email for 15 minutes after the last
 *   of them. It is keyed by the email as typed, whether or not an account exists, so that lockout behaviour does
 *   not reveal which emails have accounts. A successful sign-in or an admin's unlock starts the count again.
 * - Per address: 20 failed attempts from one client address within 15 minutes refuse further attempts from it
 *   until the oldest of them is 15 minutes old.
 * - Counting is atomic: each attempt is decided and recorded as "pending" in one transaction before its password
 *   is checked (reserveAttempt), and a pending attempt counts as a failure, so parallel attempts cannot get more
 *   password checks than the limit. The row becomes "success" or "bad_credentials" once the check is done.
 */
export const ACCOUNT_LOCK = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;
export const ADDRESS_LIMIT = { maxFailures: 20, windowMinutes: 15 } as const;

export type AttemptOutcome = "success" | "bad_credentials" | "locked" | "ip_throttled" | "unlocked" | "pending";
/** Outcomes that count as failed passwords: a pending attempt is one until its check says otherwise. */
const FAILED: AttemptOutcome[] = ["bad_credentials", "pending"];
const MINUTE = 60_000;

export interface AccountLockState {
  /** Failures that count toward the lock (at most maxFailures). */
  failures: number;
  lockedUntil: Date | null;
}

export async function accountLockState(db: Db, email: string, now: Date): Promise<AccountLockState> {
  const lookback = new Date(now.getTime() - (ACCOUNT_LOCK.windowMinutes + ACCOUNT_LOCK.lockMinutes) * MINUTE);
  const recent = await db.loginAttempt.findMany({
    where: { email, at: { gt: lookback }, outcome: { in: [...FAILED, "success", "unlocked"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ACCOUNT_LOCK.maxFailures,
    select: { at: true, outcome: true },
  });
  const failures: Date[] = [];
  for (const r of recent) {
    if (!FAILED.includes(r.outcome as AttemptOutcome)) break; // a success or an unlock resets the count
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
    where: { ip, at: { gt: since }, outcome: { in: [...FAILED, "locked"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ADDRESS_LIMIT.maxFailures,
    select: { at: true },
  });
  const oldest = failures[ADDRESS_LIMIT.maxFailures - 1];
  return oldest ? new Date(oldest.at.getTime() + ADDRESS_LIMIT.windowMinutes * MINUTE) : null;
}

export async function recordAttempt(
  db: Db,
  attempt: { email: string; ip: string; outcome: AttemptOutcome; at: Date },
): Promise<void> {
  await db.loginAttempt.create({
    data: { email: attempt.email.slice(0, 254), ip: attempt.ip.slice(0, 64), outcome: attempt.outcome, at: attempt.at },
  });
}

export type Reservation =
  { ok: true; attemptId: number; failures: number } | { ok: false; reason: "locked" | "ip_throttled"; retryAt: Date };

/**
 * Decides whether an attempt may check a password and, if so, records it as pending, in one transaction: on
 * SQLite transactions run one at a time; on PostgreSQL an advisory lock per email serialises attempts on one
 * account (the per-address count may overshoot by the attempts in flight, the per-account one cannot).
 */
export async function reserveAttempt(db: Db, email: string, ip: string, now: Date): Promise<Reservation> {
  return db.$transaction(async (t) => {
    const tx = t as unknown as Db;
    if (providerOfDb(db) === "postgresql")
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext($1))", `login:${email}`);
    const throttledUntil = await addressThrottledUntil(tx, ip, now);
    if (throttledUntil) return { ok: false as const, reason: "ip_throttled" as const, retryAt: throttledUntil };
    const lock = await accountLockState(tx, email, now);
    if (lock.lockedUntil) return { ok: false as const, reason: "locked" as const, retryAt: lock.lockedUntil };
    const row = await tx.loginAttempt.create({
      data: { email: email.slice(0, 254), ip: ip.slice(0, 64), outcome: "pending", at: now },
      select: { id: true },
    });
    return { ok: true as const, attemptId: row.id, failures: lock.failures };
  });
}

/** Whole minutes until `until`, at least 1 (for messages). */
export const minutesUntil = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));

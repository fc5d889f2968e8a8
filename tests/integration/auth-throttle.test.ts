import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { unlockAccount } from "@/lib/auth/accounts";
import { authenticateWithPassword, refusalMessage, type SignInResult } from "@/lib/auth/authenticate";
import { ACCOUNT_LOCK, ADDRESS_LIMIT } from "@/lib/auth/throttle";
import { auditActions, createTestUser } from "../helpers/staff-fixtures";
import { tempSqliteDb } from "../helpers/temp-db";

// Counts argon2 verifications (calling through to the real one): the no-enumeration property is that every
// sign-in does the same work, which a call count checks deterministically where wall-clock timing is noisy.
const verifyCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock("@/lib/auth/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/passwords")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      verifyCalls.n++;
      return real.verifyPassword(hash, password);
    },
  };
});

/** Password sign-in against a real database: lockout per account, throttling per address, no enumeration. */
const PASSWORD = "correct horse battery";
const T0 = new Date("2026-03-01T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const reasonOf = (r: SignInResult) => (r.ok ? "ok" : r.reason);
let ipCounter = 0;
const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describe("password sign-in", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  const signIn = (email: string, password: string, at = T0, ip = "192.0.2.10"): Promise<SignInResult> =>
    authenticateWithPassword(t.db, { email, password }, { ip, userAgent: "vitest" }, at);

  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await t.db.loginAttempt.deleteMany();
    await t.db.user.deleteMany();
  });

  it("signs in with the right password, records it and audits who, when and from where", async () => {
    const user = await createTestUser(t.db, { email: "ana@spd.test", role: "analyst", password: PASSWORD });
    const result = await signIn(" ANA@spd.test ", PASSWORD);
    expect(result).toEqual({ ok: true, user: { id: user.id, email: "ana@spd.test", name: "ana" } });
    expect((await t.db.user.findUnique({ where: { id: user.id } }))!.lastSignInAt).toEqual(T0);
    const last = (await auditActions(t.db)).at(-1)!;
    expect(last).toMatchObject({
      action: "auth.sign_in",
      actorEmail: "ana@spd.test",
      ip: "192.0.2.10",
      detail: { method: "password" },
    });
  });

  it("answers an unknown email, a wrong password, a deactivated and an SSO-only account identically", async () => {
    await createTestUser(t.db, { email: "real@spd.test", role: "analyst", password: PASSWORD });
    await createTestUser(t.db, { email: "gone@spd.test", role: "analyst", password: PASSWORD, active: false });
    await createTestUser(t.db, { email: "sso@spd.test", role: "analyst", password: null });
    const answers = [
      await signIn("nobody@spd.test", PASSWORD, T0, freshIp()),
      await signIn("real@spd.test", "wrong password!", T0, freshIp()),
      await signIn("gone@spd.test", PASSWORD, T0, freshIp()),
      await signIn("sso@spd.test", PASSWORD, T0, freshIp()),
    ];
    for (const a of answers) expect(a).toEqual({ ok: false, reason: "invalid", retryAfterMinutes: undefined });
    expect(refusalMessage("invalid")).not.toMatch(/email (is|was) not|no account|unknown|deactivated/i);
    // Admins still learn which failures were for existing accounts.
    const failed = (await auditActions(t.db)).filter((a) => a.action === "auth.sign_in_failed");
    expect(failed.map((f) => [f.actorEmail, f.detail.accountExists])).toEqual([
      ["nobody@spd.test", false],
      ["real@spd.test", true],
      ["gone@spd.test", true],
      ["sso@spd.test", true],
    ]);
  });

  it("spends one argon2 verify on unknown emails too, so timing does not reveal accounts", async () => {
    await createTestUser(t.db, { email: "timed@spd.test", role: "analyst", password: PASSWORD });
    for (const email of ["timed@spd.test", "unknown@spd.test"]) {
      verifyCalls.n = 0;
      const r = await signIn(email, "wrong-password", minutes(1), freshIp());
      expect(r).toMatchObject({ ok: false });
      expect(verifyCalls.n).toBe(1);
    }
  });

  it(`locks an account after ${ACCOUNT_LOCK.maxFailures} failures in ${ACCOUNT_LOCK.windowMinutes} minutes, even for the right password`, async () => {
    const user = await createTestUser(t.db, { email: "lock@spd.test", role: "supervisor", password: PASSWORD });
    for (let i = 1; i < ACCOUNT_LOCK.maxFailures; i++)
      expect((await signIn("lock@spd.test", "nope", minutes(i))).ok).toBe(false);
    // The attempt that reaches the limit says so.
    expect(await signIn("lock@spd.test", "nope", minutes(5))).toEqual({
      ok: false,
      reason: "locked",
      retryAfterMinutes: 15,
    });
    const locked = await signIn("lock@spd.test", PASSWORD, minutes(6));
    expect(locked).toEqual({ ok: false, reason: "locked", retryAfterMinutes: 14 });
    expect(refusalMessage("locked", 14)).toContain(
      "Too many failed sign-in attempts for this account. Try again in about 14 minutes",
    );
    const row = (await t.db.user.findUnique({ where: { id: user.id } }))!;
    expect(row.failedLogins).toBe(5);
    expect(row.lockedUntil).toEqual(minutes(20));
    // 15 minutes after the last failure the lock ends and the right password works again.
    expect((await signIn("lock@spd.test", PASSWORD, minutes(20.5))).ok).toBe(true);
    expect((await t.db.user.findUnique({ where: { id: user.id } }))!.failedLogins).toBe(0);
  });

  it("locks unknown emails exactly like real ones (lockout does not reveal accounts)", async () => {
    await createTestUser(t.db, { email: "exists@spd.test", role: "analyst", password: PASSWORD });
    const run = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i < ACCOUNT_LOCK.maxFailures + 2; i++) {
        const r = await signIn(email, "nope", minutes(i), freshIp());
        out.push(r.ok ? "ok" : `${r.reason}:${r.retryAfterMinutes ?? ""}`);
      }
      return out;
    };
    const real = await run("exists@spd.test");
    expect(real).toEqual(["invalid:", "invalid:", "invalid:", "invalid:", "locked:15", "locked:14", "locked:13"]);
    expect(await run("ghost@spd.test")).toEqual(real);
  });

  it("spreads-out failures do not lock; a success resets the count", async () => {
    await createTestUser(t.db, { email: "slow@spd.test", role: "analyst", password: PASSWORD });
    for (let i = 0; i < 8; i++) expect(reasonOf(await signIn("slow@spd.test", "nope", minutes(i * 4)))).toBe("invalid");
    await t.db.loginAttempt.deleteMany();
    for (let i = 0; i < 4; i++) await signIn("slow@spd.test", "nope", minutes(i));
    expect((await signIn("slow@spd.test", PASSWORD, minutes(4))).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(reasonOf(await signIn("slow@spd.test", "nope", minutes(5 + i)))).toBe("invalid");
  });

  it("an admin's unlock lifts a lockout at once", async () => {
    const user = await createTestUser(t.db, { email: "unlock@spd.test", role: "analyst", password: PASSWORD });
    for (let i = 0; i < ACCOUNT_LOCK.maxFailures; i++) await signIn("unlock@spd.test", "nope", minutes(i));
    expect(reasonOf(await signIn("unlock@spd.test", PASSWORD, minutes(6)))).toBe("locked");
    await unlockAccount(
      t.db,
      user.id,
      { id: null, email: "cli:test", context: { ip: "cli", userAgent: null } },
      minutes(7),
    );
    expect((await signIn("unlock@spd.test", PASSWORD, minutes(8))).ok).toBe(true);
    expect((await auditActions(t.db)).some((a) => a.action === "user.unlock" && a.target === `user:${user.id}`)).toBe(
      true,
    );
  });

  it(`throttles an address after ${ADDRESS_LIMIT.maxFailures} failures in ${ADDRESS_LIMIT.windowMinutes} minutes, for every account`, async () => {
    await createTestUser(t.db, { email: "victim@spd.test", role: "analyst", password: PASSWORD });
    const ip = "198.51.100.7";
    // Password spraying: one try per email, so no account lock is reached.
    for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++)
      expect(reasonOf(await signIn(`spray${i}@spd.test`, "nope", minutes(i * 0.5), ip))).toBe("invalid");
    const throttled = await signIn("victim@spd.test", PASSWORD, minutes(10), ip);
    expect(throttled).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 5 });
    expect(refusalMessage("throttled", 5)).toBe(
      "Too many failed sign-in attempts from your network. Try again in about 5 minutes.",
    );
    // Another address is not affected, and the throttle ends when the failures age out.
    expect((await signIn("victim@spd.test", PASSWORD, minutes(10), "198.51.100.8")).ok).toBe(true);
    expect((await signIn("victim@spd.test", PASSWORD, minutes(25), ip)).ok).toBe(true);
    const audited = (await auditActions(t.db)).filter((a) => a.detail.reason === "ip_throttled");
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorEmail: "victim@spd.test", ip });
  });

  it("refuses malformed input without counting it or throwing", async () => {
    for (const input of [
      null,
      {},
      { email: 1, password: 2 },
      { email: "a@b.c", password: "x".repeat(300) },
      { email: "", password: "" },
    ]) {
      expect(await authenticateWithPassword(t.db, input, { ip: "192.0.2.99", userAgent: null }, T0)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await t.db.loginAttempt.count()).toBe(0);
  });

  it("counts parallel wrong attempts atomically: 20 at once check at most 5 passwords (issue 25 item 7)", async () => {
    await createTestUser(t.db, { email: "race@spd.test", role: "analyst", password: PASSWORD });
    verifyCalls.n = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => signIn("race@spd.test", "wrong password", T0, freshIp())),
    );
    expect(verifyCalls.n).toBeLessThanOrEqual(ACCOUNT_LOCK.maxFailures);
    expect(results.filter((r) => reasonOf(r) === "invalid")).toHaveLength(ACCOUNT_LOCK.maxFailures - 1);
    expect(results.filter((r) => reasonOf(r) === "locked")).toHaveLength(20 - ACCOUNT_LOCK.maxFailures + 1);
    expect(await t.db.loginAttempt.count({ where: { outcome: "pending" } })).toBe(0); // every checked attempt was settled
    expect(await t.db.loginAttempt.count({ where: { email: "race@spd.test", outcome: "bad_credentials" } })).toBe(
      ACCOUNT_LOCK.maxFailures,
    );
    // Every attempt has its audit entry, written with its attempt record.
    expect(
      (await auditActions(t.db)).filter((a) => a.action === "auth.sign_in_failed" && a.actorEmail === "race@spd.test"),
    ).toHaveLength(20);
    expect(reasonOf(await signIn("race@spd.test", PASSWORD, minutes(1)))).toBe("locked");
  });

  it("writes a sign-in's attempt record and audit entry together or not at all (issue 25 item 5)", async () => {
    await createTestUser(t.db, { email: "tx@spd.test", role: "analyst", password: PASSWORD });
    const audit = await import("@/lib/audit/append");
    const spy = vi.spyOn(audit, "appendAudit").mockRejectedValueOnce(new Error("audit store unavailable"));
    try {
      await expect(signIn("tx@spd.test", PASSWORD)).rejects.toThrow("audit store unavailable");
    } finally {
      spy.mockRestore();
    }
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "tx@spd.test" } });
    expect(user.lastSignInAt).toBeNull(); // the sign-in's update was rolled back with its audit entry
    expect(await t.db.loginAttempt.count({ where: { email: "tx@spd.test", outcome: "success" } })).toBe(0);
  });
});

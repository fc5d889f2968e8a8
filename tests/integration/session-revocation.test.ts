import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { auditActions, createTestUser } from "../helpers/staff-fixtures";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * Issue 25 items 4, 5 and 12 (last admin): sign-out, password reset, unlock and deactivation end every session
 * signed in before them (User.sessionsValidAfter, checked on each request), so a copied cookie stops working at
 * once; each account change is written with its audit entry in one transaction; the "last active admin" rule holds
 * when two admins are demoted at the same time.
 */
const session = vi.hoisted(() => ({ current: null as null | { claims: { uid: number; signedInAt: number } } }));
vi.mock("@/lib/auth/next-auth", () => ({
  auth: async () => session.current,
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
vi.mock("@/lib/auth/request-context", async (original) => ({
  ...(await original<typeof import("@/lib/auth/request-context")>()),
  currentRequestContext: async () => ({ ip: "203.0.113.44", userAgent: "vitest" }),
}));

const { AppError } = await import("@/lib/errors/app-error");
const { verifySession } = await import("@/lib/dal/staff-session");
const accounts = await import("@/lib/auth/accounts");
const { buildAuthConfig } = await import("@/lib/auth/config");
const audit = await import("@/lib/audit/append");

const status = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `threw ${String(e)}`),
  );
const actor = { id: null, email: "cli:test", context: { ip: "none", userAgent: null } };

describe("session revocation and account changes", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  let uid = 0;
  /** A copy of the user's session cookie: what the server decodes from it. */
  const copiedCookie = (signedInAt: number) => (session.current = { claims: { uid, signedInAt } });

  beforeAll(async () => {
    t = await tempSqliteDb();
    db = t.db;
    process.env.DATABASE_URL = t.url;
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    uid = (await createTestUser(db, { email: `u${Date.now()}${Math.random()}@spd.test`, role: "analyst" })).id;
  });

  it("sign-out refuses a copied cookie at once, not at its 8-hour expiry; a new sign-in works", async () => {
    const signedIn = Date.now() - 60_000;
    copiedCookie(signedIn);
    expect(await status(verifySession())).toBe("ok");
    const config = buildAuthConfig(parseEnv({}), "x".repeat(40));
    await (config.events!.signOut as unknown as (m: { token: { uid: number } }) => Promise<void>)({ token: { uid } });
    copiedCookie(signedIn);
    expect(await status(verifySession())).toBe("unauthenticated");
    copiedCookie(Date.now() + 1); // signs in again
    expect(await status(verifySession())).toBe("ok");
    const { email } = await db.user.findUniqueOrThrow({ where: { id: uid } });
    expect((await auditActions(db)).filter((a) => a.action === "auth.sign_out" && a.actorEmail === email)).toHaveLength(
      1,
    );
  });

  for (const [what, revoke] of [
    ["a password reset", () => accounts.resetAccountPassword(db, uid, actor)],
    ["an unlock", () => accounts.unlockAccount(db, uid, actor)],
    [
      "a deactivation and reactivation",
      async () => (
        await accounts.setAccountActive(db, uid, false, actor),
        accounts.setAccountActive(db, uid, true, actor)
      ),
    ],
  ] as const) {
    it(`${what} ends the sessions signed in before it`, async () => {
      const signedIn = Date.now() - 60_000;
      copiedCookie(signedIn);
      expect(await status(verifySession())).toBe("ok");
      await revoke();
      copiedCookie(signedIn);
      expect(await status(verifySession())).toBe("unauthenticated");
    });
  }

  it("writes each account change with its audit entry, or neither (item 5)", async () => {
    const fail = () => vi.spyOn(audit, "appendAudit").mockRejectedValueOnce(new Error("audit store unavailable"));
    const before = await db.user.findUniqueOrThrow({ where: { id: uid } });
    const cases: [string, () => Promise<unknown>][] = [
      ["create", () => accounts.createAccount(db, { email: "new@spd.test", name: "New", role: "analyst" }, actor)],
      [
        "update",
        () =>
          accounts.updateAccountAccess(
            db,
            uid,
            { role: "supervisor", units: [{ kind: "precinct", name: "West" }] },
            actor,
          ),
      ],
      ["deactivate", () => accounts.setAccountActive(db, uid, false, actor)],
      ["unlock", () => accounts.unlockAccount(db, uid, actor)],
      ["reset", () => accounts.resetAccountPassword(db, uid, actor)],
    ];
    for (const [name, run] of cases) {
      const spy = fail();
      await expect(run(), name).rejects.toThrow("audit store unavailable");
      spy.mockRestore();
    }
    expect(await db.user.findUnique({ where: { email: "new@spd.test" } })).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: uid } })).toEqual(before);
    expect(await db.loginAttempt.count({ where: { outcome: "unlocked", email: before.email } })).toBe(0);
  });

  it("keeps an active admin when two admins are demoted at the same time (item 12)", async () => {
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "analyst" } });
    const a = await createTestUser(db, { email: "admin-a@spd.test", role: "admin" });
    const b = await createTestUser(db, { email: "admin-b@spd.test", role: "admin" });
    const demote = (id: number) =>
      accounts.updateAccountAccess(db, id, { role: "analyst", units: [] }, actor).then(
        () => "ok",
        (e: Error) => e.message,
      );
    const outcomes = await Promise.all([demote(a.id), demote(b.id)]);
    expect(outcomes.sort()).toEqual(["ok", "this is the last active admin: make another admin first"]);
    expect(await db.user.count({ where: { role: "admin", active: true } })).toBe(1);
  });
});

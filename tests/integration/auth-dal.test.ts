import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { auditActions, createTestUser, OFFICERS, seedCrisisData } from "../helpers/staff-fixtures";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * The data access layer guards itself: with a fake session (Auth.js replaced by a stub), every staff function
 * refuses without a session, refuses the wrong role, applies the supervisor's unit scope whatever ID is passed in,
 * and audits views and changes.
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
  currentRequestContext: async () => ({ ip: "203.0.113.5", userAgent: "vitest-browser" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { AppError } = await import("@/lib/errors/app-error");
const { verifySession } = await import("@/lib/dal/staff-session");
const { getOfficerUnitSummary, listOfficersInScope } = await import("@/lib/dal/staff-officers");
const { changeStaffAccess, createStaffAccount, listStaffAccounts, resetStaffPassword, setStaffAccountActive } =
  await import("@/lib/dal/staff-users");
const { getAuditLog } = await import("@/lib/dal/staff-audit");
const actions = await import("@/app/(staff)/staff/admin/users/actions");

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `threw ${String(e)}`),
  );

describe("staff data access layer", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  const ids: Record<string, number> = {};
  const signInAs = (who: keyof typeof ids | null, signedInAt = Date.now()) => {
    session.current = who ? { claims: { uid: ids[who]!, signedInAt } } : null;
  };

  beforeAll(async () => {
    t = await tempSqliteDb();
    db = t.db;
    process.env.DATABASE_URL = t.url; // the DAL's shared client
    await seedCrisisData(db);
    ids.admin = (await createTestUser(db, { email: "admin@spd.test", role: "admin" })).id;
    ids.analyst = (await createTestUser(db, { email: "analyst@spd.test", role: "analyst" })).id;
    ids.west = (
      await createTestUser(db, {
        email: "west@spd.test",
        role: "supervisor",
        units: [{ kind: "precinct", name: "West" }],
      })
    ).id;
    ids.nora = (
      await createTestUser(db, {
        email: "nora@spd.test",
        role: "supervisor",
        units: [{ kind: "squad", name: "NORTH PCT 2ND W - NORA" }],
      })
    ).id;
    ids.gone = (await createTestUser(db, { email: "gone@spd.test", role: "admin", active: false })).id;
  });
  afterAll(() => t.cleanup());
  beforeEach(() => signInAs(null));

  it("refuses every staff function without a session, with an expired session, or for a deactivated account", async () => {
    const calls = () => [
      verifySession(),
      getOfficerUnitSummary(OFFICERS.west),
      listOfficersInScope(),
      listStaffAccounts(),
      getAuditLog({}),
      changeStaffAccess(ids.west, { role: "admin", units: [] }),
    ];
    for (const who of [null, "gone"] as const) {
      signInAs(who);
      for (const c of calls()) expect(await code(c)).toBe("unauthenticated");
    }
    signInAs("admin", Date.now() - 8.01 * 3_600_000); // SESSION_MAX_AGE_HOURS defaults to 8
    for (const c of calls()) expect(await code(c)).toBe("unauthenticated");
  });

  it("supervisors see officers of their units only, whatever ID they pass; refusals are audited without data", async () => {
    signInAs("west");
    const mine = await getOfficerUnitSummary(OFFICERS.west);
    expect(mine.unit).toMatchObject({ precinct: "West", squad: "WEST PCT 3RD W - MARY", contactsInWindow: 13 });
    expect(mine.totalContacts).toBe(14);
    expect(mine.months.find((m) => m.month === "2025-01")).toEqual({ month: "2025-01", contacts: 1, withForce: 1 });
    for (const other of [OFFICERS.north, OFFICERS.none, OFFICERS.tie]) {
      const error = await getOfficerUnitSummary(other).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      // The same answer as an unknown ID (issue 25 item 11): scoped staff cannot probe which IDs exist elsewhere.
      expect((error as InstanceType<typeof AppError>).code).toBe("not_found");
      expect((error as Error).message).toBe("There is no officer with this ID in the crisis data.");
    }
    for (const bad of [
      "../1",
      "",
      "x".repeat(50),
      42,
      null,
      "99999",
      ` ${OFFICERS.west}`,
      `%20${OFFICERS.west}`,
      `${OFFICERS.west}%0A`,
    ])
      expect(await code(getOfficerUnitSummary(bad))).toBe("not_found");
    const escaped = `%${OFFICERS.west.charCodeAt(0).toString(16)}${OFFICERS.west.slice(1)}`;
    expect((await getOfficerUnitSummary(escaped)).officerId).toBe(OFFICERS.west); // decoded once, as a route param may arrive
    const log = (await auditActions(db)).filter((a) => a.actorEmail === "west@spd.test");
    expect(log.filter((a) => a.action === "officer.view_denied").map((a) => a.target)).toEqual([
      `officer:seattle-crisis:${OFFICERS.north}`,
      `officer:seattle-crisis:${OFFICERS.none}`,
      `officer:seattle-crisis:${OFFICERS.tie}`,
    ]);
    expect(log.find((a) => a.action === "officer.view_denied")).toMatchObject({
      ip: "203.0.113.5",
      detail: { outcome: "outside_units", role: "supervisor" },
    });
    expect(log.filter((a) => a.action === "officer.view" && a.detail.outcome === "shown")).toHaveLength(2);
    // The list shows the same scope: West officers only (E500 works West too).
    expect((await listOfficersInScope()).officers.map((o) => o.officerId).sort()).toEqual([
      OFFICERS.west,
      OFFICERS.last,
    ]);
  });

  it("a squad-scoped supervisor sees the squad's officers; analysts and admins see everyone", async () => {
    signInAs("nora");
    expect((await getOfficerUnitSummary(OFFICERS.north)).unit.squad).toBe("NORTH PCT 2ND W - NORA");
    expect(await code(getOfficerUnitSummary(OFFICERS.west))).toBe("not_found");
    for (const who of ["analyst", "admin"] as const) {
      signInAs(who);
      for (const id of Object.values(OFFICERS)) expect(await code(getOfficerUnitSummary(id))).toBe("ok");
      expect((await listOfficersInScope()).total).toBe(4); // C300 has no contact in the last 12 months
    }
    signInAs("analyst");
    expect((await getOfficerUnitSummary(OFFICERS.tie)).unit.precinct).toBe("East");
    expect((await getOfficerUnitSummary(OFFICERS.none)).unit).toMatchObject({
      precinct: null,
      squad: null,
      contactsInWindow: 0,
    });
  });

  it("only admins manage accounts and read the audit log; refusals change nothing and are audited", async () => {
    for (const who of ["analyst", "west"] as const) {
      signInAs(who);
      expect(await code(listStaffAccounts())).toBe("forbidden");
      expect(await code(getAuditLog({}))).toBe("forbidden");
      expect(await code(changeStaffAccess(ids[who], { role: "admin", units: [] }))).toBe("forbidden");
      expect(await code(setStaffAccountActive(ids.admin, false))).toBe("forbidden");
      expect(await code(createStaffAccount({ email: "sneaky@spd.test", name: "x", role: "admin" }))).toBe("forbidden");
      // Server actions are public endpoints: they go through the same checks.
      const form = new FormData();
      form.set("id", String(ids[who]));
      form.set("role", "admin");
      form.set("units", "");
      expect(await actions.changeAccessAction({ status: "idle" }, form)).toMatchObject({
        status: "error",
        code: "forbidden",
      });
    }
    expect((await db.user.findUnique({ where: { id: ids.west } }))!.role).toBe("supervisor");
    expect(await db.user.findUnique({ where: { email: "sneaky@spd.test" } })).toBeNull();
    expect(
      (await auditActions(db)).filter((a) => a.action === "access.denied" && a.actorEmail === "west@spd.test").length,
    ).toBeGreaterThanOrEqual(6);
  });

  it("admins create, change, deactivate and reset accounts, each audited; they cannot lock themselves out", async () => {
    signInAs("admin");
    const created = await createStaffAccount({
      email: "New.Sup@SPD.test",
      name: "New Sup",
      role: "supervisor",
      units: [{ kind: "precinct", name: "North" }],
    });
    expect(created.account).toMatchObject({
      email: "new.sup@spd.test",
      role: "supervisor",
      units: [{ kind: "precinct", name: "North" }],
      active: true,
      signIn: "password",
    });
    expect(created.initialPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    // A duplicate is a conflict (409), not bad input: issue 24 item 3 (it was reported as bad_request).
    expect(await code(createStaffAccount({ email: "new.sup@spd.test", name: "Dup", role: "analyst" }))).toBe(
      "conflict",
    );
    const id = created.account.id;
    expect(
      (await changeStaffAccess(id, { role: "analyst", units: [{ kind: "precinct", name: "West" }] })).units,
    ).toEqual([]); // units only for supervisors
    expect((await setStaffAccountActive(id, false)).active).toBe(false);
    expect((await resetStaffPassword(id)).password).not.toBe(created.initialPassword);
    expect(await code(changeStaffAccess(ids.admin, { role: "analyst", units: [] }))).toBe("bad_request");
    expect(await code(setStaffAccountActive(ids.admin, false))).toBe("bad_request");
    expect(await code(changeStaffAccess("abc", { role: "analyst", units: [] }))).toBe("not_found");
    expect(await code(setStaffAccountActive(999_999, true))).toBe("not_found");
    const log = (await auditActions(db)).filter((a) => a.target === `user:${id}`);
    expect(log.map((a) => a.action)).toEqual(["user.create", "user.update", "user.deactivate", "user.password_reset"]);
    expect(log.every((a) => a.actorEmail === "admin@spd.test" && a.ip === "203.0.113.5")).toBe(true);
    expect(log[1]!.detail).toMatchObject({ from: { role: "supervisor" }, to: { role: "analyst" } });
  });

  it("the audit log filters by action, user and date, ignores malformed filters, and records that it was read", async () => {
    signInAs("admin");
    const denied = await getAuditLog({ action: "officer.view_denied" });
    expect(denied.total).toBe(4);
    expect(
      denied.entries.every(
        (e) => e.action === "officer.view_denied" && e.actionLabel === "Denied view of an officer's detail",
      ),
    ).toBe(true);
    expect((await getAuditLog({ user: "NORA@" })).entries.every((e) => e.actorEmail === "nora@spd.test")).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await getAuditLog({ from: today, to: today })).total).toBeGreaterThan(10);
    expect((await getAuditLog({ to: "2000-01-01" })).total).toBe(0);
    const messy = await getAuditLog({ action: "drop table", from: "yesterday", page: "-3", user: ["a", "b"] });
    expect(messy.filter).toMatchObject({ action: undefined, from: undefined, page: 1 });
    expect((await auditActions(db)).at(-1)).toMatchObject({ action: "audit.view", actorEmail: "admin@spd.test" });
  });
});

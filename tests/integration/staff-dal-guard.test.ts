import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestUser } from "../helpers/staff-fixtures";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * The DAL's guard rule (lib/dal/staff-session.ts, ARCHITECTURE.md): every function exported by lib/dal/staff-*.ts
 * checks the session itself. This test imports every such module, calls every exported function without a session
 * and expects a refusal, so an unchecked export added later fails here; helpers that trust their caller live in
 * lib/dal/internal/, which app/ and components/ may not import (eslint.config.mjs).
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
  currentRequestContext: async () => ({ ip: "203.0.113.26", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const DAL = path.resolve(import.meta.dirname, "../../lib/dal");
/** The gate itself and the form-state wrapper around it: tested below for what they are, not as data functions. */
const GATE = ["staff-session.ts", "staff-action.ts"];
const dataModules = fs
  .readdirSync(DAL)
  .filter((f) => /^staff-.*\.ts$/.test(f) && !GATE.includes(f))
  .sort();

type Fn = (...args: unknown[]) => unknown;
async function exportedFunctions(file: string): Promise<[string, Fn][]> {
  const mod = (await import(path.join(DAL, file))) as Record<string, unknown>;
  return Object.entries(mod).filter(
    (e): e is [string, Fn] => typeof e[1] === "function" && !/^class\s/.test(Function.prototype.toString.call(e[1])),
  );
}

const { AppError } = await import("@/lib/errors/app-error");
/** How a call ended: the AppError code, or what else happened (a value, another error). */
async function outcome(call: () => unknown): Promise<string> {
  try {
    const value = call();
    if (!(value instanceof Promise)) return "returned synchronously (no session check)";
    await value;
    return "resolved (no session check)";
  } catch (e) {
    return e instanceof AppError ? e.code : `threw ${String(e)}`;
  }
}

/**
 * Arguments that pass each function's input parsing, so the refusal seen is the session or role check and not a
 * 400. Unlisted functions get a generic officer id / record id and an empty object.
 */
/** An analyst's draft note (created in beforeAll): a supervisor may read it but neither edit nor submit it. */
let analystDraft = 0;
const note = { title: "A note", body: "Why the figures moved.", kind: "context", scopeKind: "site", scopeTarget: "" };
const ARGS: Record<string, unknown[] | (() => unknown[])> = {
  createStaffAnnotation: [note],
  getStaffAnnotation: () => [analystDraft],
  editStaffAnnotation: () => [{ id: analystDraft, version: 1, ...note, title: "Changed" }],
  transitionStaffAnnotation: () => [{ id: analystDraft, version: 1, change: "submit" }],
  changeStaffAccess: [1, { role: "analyst", units: [] }],
  createStaffAccount: [
    { email: "x@spd.test", name: "x", role: "analyst", units: [], password: "correct horse battery" },
  ],
  setStaffAccountActive: [1, false],
  submitEisReview: [{ scoreId: 1, flagDecision: "agree", reasonDecisions: {}, interventionRecommended: "no" }],
  assignIntervention: [{ scoreId: 1 }],
  completeIntervention: [{ interventionId: 1 }],
};
const argsOf = (name: string) => {
  const args = ARGS[name] ?? ["1", {}];
  return typeof args === "function" ? args() : args;
};

/**
 * A signed-in user each data function must refuse: a role without its permission, or for functions every role may
 * call, a supervisor whose units hold none of the data (the scope check answers like an unknown record). Lists that
 * every role may read are scoped rather than refused (eis-dal.test.ts, eis-scope.test.ts, staff-officers tests
 * check the rows they keep); they are named here so that a new export must be placed in one of the two groups.
 */
const WRONG_USER: Record<string, { role: "analyst" | "supervisor"; expect: string } | "scoped list"> = {
  // Notes on the public reports: every role may read and draft; a supervisor changes their own drafts only.
  getScopeTargets: "scoped list",
  listStaffAnnotations: "scoped list",
  createStaffAnnotation: "scoped list",
  getStaffAnnotation: "scoped list",
  editStaffAnnotation: { role: "supervisor", expect: "forbidden" },
  transitionStaffAnnotation: { role: "supervisor", expect: "forbidden" },
  // administration: analysts and supervisors are refused
  getAuditLog: { role: "analyst", expect: "forbidden" },
  listStaffAccounts: { role: "analyst", expect: "forbidden" },
  createStaffAccount: { role: "analyst", expect: "forbidden" },
  changeStaffAccess: { role: "analyst", expect: "forbidden" },
  setStaffAccountActive: { role: "analyst", expect: "forbidden" },
  unlockStaffAccount: { role: "analyst", expect: "forbidden" },
  resetStaffPassword: { role: "analyst", expect: "forbidden" },
  // One officer's records: outside the supervisor's units answers exactly like an unknown officer or flag
  // (eis-scope.test.ts shows the two answers are equal on real data).
  getEisOfficer: { role: "supervisor", expect: "not_found" },
  getEisIncident: { role: "supervisor", expect: "not_found" },
  getEisOfficerInterventions: { role: "supervisor", expect: "not_found" },
  getOfficerUnitSummary: { role: "supervisor", expect: "not_found" },
  submitEisReview: { role: "supervisor", expect: "not_found" },
  assignIntervention: { role: "supervisor", expect: "not_found" },
  completeIntervention: { role: "supervisor", expect: "not_found" },

  // every role may read these; supervisors see their units only
  getEisAccuracy: "scoped list",
  getEisFlags: "scoped list",
  getEisQueue: "scoped list",
  getEisFreshness: "scoped list",
  listOfficersInScope: "scoped list",
  interventionAggregate: "scoped list",
};

describe("every staff data function checks the session itself", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  const uid: Record<string, number> = {};
  beforeAll(async () => {
    t = await tempSqliteDb();
    process.env.DATABASE_URL = t.url;
    for (const role of ["analyst", "supervisor"] as const)
      uid[role] = (
        await createTestUser(t.db, { email: `${role}@spd.test`, role, units: [{ kind: "precinct", name: "Nowhere" }] })
      ).id;
    session.current = { claims: { uid: uid.analyst!, signedInAt: Date.now() } };
    const { createStaffAnnotation } = await import("@/lib/dal/staff-annotations");
    analystDraft = await createStaffAnnotation(note);
    session.current = null;
  });
  afterAll(() => t.cleanup());
  beforeEach(() => {
    session.current = null;
  });

  it("finds the staff data modules", () => {
    expect(dataModules.length).toBeGreaterThanOrEqual(10);
  });

  it.each(dataModules)("%s: every export refuses a request without a session", async (file) => {
    const fns = await exportedFunctions(file);
    expect(fns.length).toBeGreaterThan(0);
    const results = Object.fromEntries(
      await Promise.all(fns.map(async ([name, fn]) => [name, await outcome(() => fn(...argsOf(name)))] as const)),
    );
    expect(results).toEqual(Object.fromEntries(fns.map(([name]) => [name, "unauthenticated"])));
  });

  it.each(dataModules)("%s: every export refuses a signed-in user of the wrong role or scope", async (file) => {
    const fns = await exportedFunctions(file);
    const expected: Record<string, string> = {};
    const seen: Record<string, string> = {};
    for (const [name, fn] of fns) {
      const rule = WRONG_USER[name];
      if (rule === undefined) {
        seen[name] = "not placed in WRONG_USER";
        continue;
      }
      if (rule === "scoped list") continue;
      session.current = { claims: { uid: uid[rule.role]!, signedInAt: Date.now() } };
      expected[name] = rule.expect;
      seen[name] = await outcome(() => fn(...argsOf(name)));
    }
    expect(seen).toEqual(expected);
  });
});

describe("the gate", () => {
  it("refuses without a session and hands a refusal to forms as an error state", async () => {
    const gate = await import("@/lib/dal/staff-session");
    const exported = Object.keys(gate).sort();
    // A new export of the gate must be added here with its own expectation.
    expect(exported).toEqual(
      ["actorFor", "deny", "getStaffUser", "requirePermission", "requireRole", "verifySession"].sort(),
    );
    session.current = null;
    expect(await gate.getStaffUser()).toBeNull();
    expect(await outcome(() => gate.verifySession())).toBe("unauthenticated");
    expect(await outcome(() => gate.requireRole(["admin"], "test"))).toBe("unauthenticated");
    expect(await outcome(() => gate.requirePermission("viewEisFlags"))).toBe("unauthenticated");
    const { runStaffAction } = await import("@/lib/dal/staff-action");
    const { z } = await import("zod");
    const result = await runStaffAction(z.object({}), {}, async () => {
      await gate.verifySession();
      return { message: "done" };
    });
    expect(result).toMatchObject({ ok: false, error: { status: "error", code: "unauthenticated" } });
  });
});

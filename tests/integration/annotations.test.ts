import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { auditActions, createTestUser } from "../helpers/staff-fixtures";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * The annotation lifecycle through the staff data access layer, with a fake session: draft by an analyst, publish by
 * the same analyst refused, publish by a second person, every version kept, every change audited, supervisors limited
 * to proposing drafts, and the public list showing only published and retired notes.
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
  currentRequestContext: async () => ({ ip: "203.0.113.9", userAgent: "vitest-browser" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { AppError } = await import("@/lib/errors/app-error");
const dal = await import("@/lib/dal/staff-annotations");
const pub = await import("@/lib/dal/annotations");
const { seedContextAnnotations, CONTEXT_NOTES } = await import("@/lib/annotations/seed");

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? `${e.code}: ${e.message}` : `threw ${String(e)}`),
  );
const form = {
  title: "New crisis template",
  body: "The crisis template changed in **June 2019**.",
  kind: "data_change",
  scopeKind: "chart",
  scopeTarget: "crisis-contacts",
  dateStart: "2019-06-01",
  dateEnd: "",
  sourceLabel: "SPD",
  sourceUrl: "",
};

describe("annotation lifecycle (SQLite)", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  const ids: Record<string, number> = {};
  const as = (who: string | null) => {
    session.current = who ? { claims: { uid: ids[who]!, signedInAt: Date.now() } } : null;
  };

  beforeAll(async () => {
    t = await tempSqliteDb();
    db = t.db;
    process.env.DATABASE_URL = t.url;
    for (const [key, role] of [
      ["ana", "analyst"],
      ["bea", "analyst"],
      ["adm", "admin"],
      ["sup", "supervisor"],
      ["sup2", "supervisor"],
    ] as const) {
      ids[key] = (
        await createTestUser(db, {
          email: `${key}@spd.test`,
          role,
          units: role === "supervisor" ? [{ kind: "precinct", name: "West" }] : [],
        })
      ).id;
    }
  });
  afterAll(() => t.cleanup());
  beforeEach(() => as(null));

  it("refuses every function without a session", async () => {
    for (const call of [
      dal.listStaffAnnotations({}),
      dal.getStaffAnnotation(1),
      dal.createStaffAnnotation(form),
      dal.transitionStaffAnnotation({ id: 1, change: "publish", version: 1 }),
    ]) {
      expect(await code(call)).toMatch(/^unauthenticated/);
    }
  });

  it("draft by A, publish by A refused, publish by B; versions complete; audit entries; public only once published", async () => {
    as("ana");
    const id = await dal.createStaffAnnotation(form);
    expect((await pub.getPublicNotes()).map((n) => n.id)).not.toContain(id);
    await dal.editStaffAnnotation({ ...form, id: String(id), version: "1", title: "New crisis template (2019)" });
    // A stale edit is a conflict (409), not bad input: issue 24 item 3 (it was reported as bad_request).
    expect(await code(dal.editStaffAnnotation({ ...form, id: String(id), version: "1", title: "stale" }))).toMatch(
      /^conflict: Someone changed this annotation/,
    );
    await dal.transitionStaffAnnotation({ id: String(id), change: "submit", version: "2" });
    expect(await code(dal.transitionStaffAnnotation({ id: String(id), change: "publish", version: "3" }))).toBe(
      "forbidden: Publishing needs a second person: you wrote or edited this annotation, so someone else must publish it.",
    );
    expect((await dal.getStaffAnnotation(id)).actions).toEqual(["edit", "return"]);
    expect((await pub.getPublicNotes()).map((n) => n.id)).not.toContain(id); // in review: not public

    as("bea");
    expect((await dal.getStaffAnnotation(id)).actions).toEqual(["edit", "publish", "return"]);
    await dal.transitionStaffAnnotation({ id: String(id), change: "publish", version: "3" });
    const publicNote = (await pub.getPublicNotes()).find((n) => n.id === id)!;
    expect(publicNote).toMatchObject({
      state: "published",
      title: "New crisis template (2019)",
      scopeLabel: "Chart crisis-contacts (Crisis contacts page)",
      dateLabel: "1 Jun 2019",
    });
    expect(JSON.stringify(publicNote)).not.toMatch(/spd\.test|authorEmail|editor/); // no staff identity leaves

    await dal.transitionStaffAnnotation({
      id: String(id),
      change: "retire",
      version: "4",
      note: "Superseded by the methodology note",
    });
    const notes = await pub.getNotesPage();
    expect(notes.published.map((n) => n.id)).not.toContain(id);
    expect(notes.retired.find((n) => n.id === id)?.retiredAt).toBeTruthy();

    const view = await dal.getStaffAnnotation(id);
    expect(view.annotation.versions.map((v) => [v.version, v.change, v.state, v.editor])).toEqual([
      [1, "create", "draft", "ana@spd.test"],
      [2, "edit", "draft", "ana@spd.test"],
      [3, "submit", "in_review", "ana@spd.test"],
      [4, "publish", "published", "bea@spd.test"],
      [5, "retire", "retired", "bea@spd.test"],
    ]);
    expect(view.annotation.versions[0]!.title).toBe("New crisis template");
    expect(view.annotation.versions[4]).toMatchObject({
      title: "New crisis template (2019)",
      note: "Superseded by the methodology note",
    });
    const log = (await auditActions(db)).filter((a) => a.target === `annotation:${id}`);
    expect(log.map((a) => [a.action, a.actorEmail, a.detail.version ?? null])).toEqual([
      ["annotation.create", "ana@spd.test", 1],
      ["annotation.update", "ana@spd.test", 2],
      ["annotation.submit", "ana@spd.test", 3],
      ["access.denied", "ana@spd.test", null],
      ["annotation.publish", "bea@spd.test", 4],
      ["annotation.retire", "bea@spd.test", 5],
    ]);
    expect(log[1]!.detail.changed).toEqual(["title"]);
    expect(log[0]!.ip).toBe("203.0.113.9");
  });

  it("supervisors propose drafts and submit their own, and cannot edit others', publish, return or retire", async () => {
    as("sup");
    const own = await dal.createStaffAnnotation({
      ...form,
      scopeKind: "precinct",
      scopeTarget: "west",
      title: "West precinct staffing",
    });
    await dal.transitionStaffAnnotation({ id: own, change: "submit", version: 1 });
    expect(await code(dal.transitionStaffAnnotation({ id: own, change: "publish", version: 2 }))).toBe(
      "forbidden: Only an analyst or an admin can publish an annotation.",
    );
    expect(await code(dal.transitionStaffAnnotation({ id: own, change: "return", version: 2, note: "x" }))).toMatch(
      /^forbidden/,
    );
    as("ana");
    const other = await dal.createStaffAnnotation(form);
    as("sup2");
    expect(await code(dal.editStaffAnnotation({ ...form, id: other, version: 1, title: "hijack" }))).toMatch(
      /^forbidden: Only its author/,
    );
    expect(await code(dal.transitionStaffAnnotation({ id: other, change: "submit", version: 1 }))).toMatch(
      /^forbidden/,
    );
    as("adm");
    await dal.transitionStaffAnnotation({ id: own, change: "publish", version: 2 }); // a supervisor's draft: the admin is the second person
    as("sup");
    expect(await code(dal.transitionStaffAnnotation({ id: own, change: "retire", version: 3 }))).toMatch(/^forbidden/);
    expect((await dal.getStaffAnnotation(own)).annotation.state).toBe("published");
    expect((await dal.getStaffAnnotation(own)).annotation.scopeTarget).toBe("West");
  });

  it("bad input is a field-level validation error, not a crash; unknown ids are not found", async () => {
    as("ana");
    for (const [bad, field] of [
      [{ body: "" }, "body"],
      [{ dateStart: "2020-05-01", dateEnd: "2020-04-01" }, "dateEnd"],
      [{ scopeTarget: "no-such-chart" }, "scopeTarget"],
      [{ body: "<script>alert(1)</script>" }, "body"],
    ] as const) {
      const error = await dal.createStaffAnnotation({ ...form, ...bad }).catch((e: unknown) => e);
      expect((error as { issues?: { path: unknown[] }[] }).issues?.[0]?.path, JSON.stringify(bad)).toEqual([field]);
    }
    for (const id of ["abc", "-1", "99999", "1.5"])
      expect(await code(dal.getStaffAnnotation(id)), id).toMatch(/^not_found/);
  });

  it("seeds the sourced context once, published and marked, with their versions and audit entries", async () => {
    expect(await seedContextAnnotations(db)).toBe(CONTEXT_NOTES.length);
    expect(await seedContextAnnotations(db)).toBe(0);
    const seeded = (await pub.getPublicNotes()).filter((n) => n.seeded);
    expect(seeded).toHaveLength(CONTEXT_NOTES.length);
    expect(seeded.every((n) => n.state === "published" && n.sourceLabel)).toBe(true);
    expect(seeded.find((n) => n.dateStart === "2012-07-27")?.title).toMatch(/Settlement Agreement/);
    as("adm");
    const view = await dal.getStaffAnnotation(seeded[0]!.id);
    expect(view.annotation.versions.map((v) => v.change)).toEqual(["create", "publish"]);
    expect(view.actions).toEqual(["retire"]);
  });
});

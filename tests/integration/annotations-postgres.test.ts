import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContextAnnotations } from "@/lib/annotations/seed";
import {
  annotationsStamp,
  createAnnotation,
  editAnnotation,
  getAnnotation,
  listPublicNotes,
  transitionAnnotation,
  type Editor,
} from "@/lib/annotations/store";
import { createDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { migrateDeploy } from "@/lib/db/migrate";
import { auditActions, createTestUser } from "../helpers/staff-fixtures";

/** The annotation lifecycle on PostgreSQL (runs when TEST_DATABASE_URL_POSTGRES is set). */
const baseUrl = process.env.TEST_DATABASE_URL_POSTGRES;
const ctx = { ip: "10.0.0.1", userAgent: null };
const content = {
  title: "Reporting form changed",
  body: "A new form from **2021**.",
  kind: "data_change" as const,
  scopeKind: "dataset" as const,
  scopeTarget: "seattle-uof",
  dateStart: "2021-01-01",
  dateEnd: "2021-03-31",
  sourceLabel: null,
  sourceUrl: null,
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `threw ${String(e)}`),
  );

describe.skipIf(!baseUrl)("annotations on PostgreSQL", () => {
  const dbName = `portal_notes_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let db: Db;
  let a: Editor;
  let b: Editor;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    await migrateDeploy(u.toString());
    db = createDb(u.toString());
    const ua = await createTestUser(db, { email: "a@spd.test", role: "analyst" });
    const ub = await createTestUser(db, { email: "b@spd.test", role: "admin" });
    a = { id: ua.id, email: ua.email, role: "analyst" };
    b = { id: ub.id, email: ub.email, role: "admin" };
  });
  afterAll(async () => {
    await db?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it("draft by A, publish by A refused, publish by B, retire; every version and audit entry kept", async () => {
    const stamp0 = await annotationsStamp(db);
    const id = await createAnnotation(db, a, content, ctx);
    await editAnnotation(db, a, id, 1, { ...content, dateEnd: "2021-06-30" }, ctx);
    expect(await failure(editAnnotation(db, a, id, 1, content, ctx))).toBe("conflict");
    await transitionAnnotation(db, a, id, "submit", 2, "", ctx);
    expect(await failure(transitionAnnotation(db, a, id, "publish", 3, "", ctx))).toBe("forbidden");
    expect(await listPublicNotes(db)).toEqual([]);
    await transitionAnnotation(db, b, id, "publish", 3, "", ctx);
    const [note] = await listPublicNotes(db);
    expect(note).toMatchObject({
      id,
      state: "published",
      dateStart: "2021-01-01",
      dateEnd: "2021-06-30",
      dateLabel: "1 Jan 2021 to 30 Jun 2021",
    });
    await transitionAnnotation(db, b, id, "retire", 4, "wrong dates", ctx);
    expect(await annotationsStamp(db)).not.toBe(stamp0);
    const view = (await getAnnotation(db, id))!;
    expect(view.versions.map((v) => `${v.version}:${v.change}:${v.state}:${v.editor}`)).toEqual([
      "1:create:draft:a@spd.test",
      "2:edit:draft:a@spd.test",
      "3:submit:in_review:a@spd.test",
      "4:publish:published:b@spd.test",
      "5:retire:retired:b@spd.test",
    ]);
    expect(view.versions[4]!.note).toBe("wrong dates");
    expect((await auditActions(db)).map((x) => x.action)).toEqual([
      "annotation.create",
      "annotation.update",
      "annotation.submit",
      "annotation.publish",
      "annotation.retire",
    ]);
    expect((await listPublicNotes(db)).map((n) => n.state)).toEqual(["retired"]);
  });

  it("seeds the context notes once", async () => {
    const first = await seedContextAnnotations(db);
    expect(first).toBeGreaterThan(4);
    expect(await seedContextAnnotations(db)).toBe(0);
    expect((await listPublicNotes(db)).filter((n) => n.seeded && n.state === "published")).toHaveLength(first);
  });
});

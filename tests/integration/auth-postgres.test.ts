import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { createTestUser } from "../helpers/staff-fixtures";

/**
 * The staff models on PostgreSQL (runs when TEST_DATABASE_URL_POSTGRES is set): the append-only trigger of the
 * staff_area migration, and lockout shared through the database as several app instances would share it.
 */
const baseUrl = process.env.TEST_DATABASE_URL_POSTGRES;

describe.skipIf(!baseUrl)("staff area on PostgreSQL", () => {
  const dbName = `portal_staff_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let instanceA: Db;
  let instanceB: Db;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    await migrateDeploy(u.toString());
    instanceA = createDb(u.toString());
    instanceB = createDb(u.toString());
  });
  afterAll(async () => {
    await instanceA?.$disconnect();
    await instanceB?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it("refuses UPDATE and DELETE on the audit log", async () => {
    await appendAudit(instanceA, {
      action: "auth.sign_in",
      actorEmail: "a@spd.test",
      detail: { method: "password" },
      ip: "10.0.0.1",
    });
    await expect(instanceA.$executeRawUnsafe(`UPDATE "AuditLog" SET "action" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(instanceA.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await instanceA.auditLog.count()).toBe(1);
  });

  it("locks an account across app instances", async () => {
    await createTestUser(instanceA, { email: "pg@spd.test", role: "analyst", password: "correct horse battery" });
    const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 12, m));
    for (let i = 0; i < 5; i++) {
      const db = i % 2 === 0 ? instanceA : instanceB; // alternate instances, as behind a load balancer
      await authenticateWithPassword(
        db,
        { email: "pg@spd.test", password: "nope" },
        { ip: `10.0.0.${i}`, userAgent: null },
        at(i),
      );
    }
    const result = await authenticateWithPassword(
      instanceB,
      { email: "pg@spd.test", password: "correct horse battery" },
      { ip: "10.0.0.9", userAgent: null },
      at(6),
    );
    expect(result).toEqual({ ok: false, reason: "locked", retryAfterMinutes: 13 }); // locked until 15 min after the failure at minute 4
  });
});

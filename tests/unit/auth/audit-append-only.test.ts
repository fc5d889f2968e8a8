import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { tempSqliteDb } from "../../helpers/temp-db";

/** The audit log is append-only: no code path changes or removes entries, and the database refuses to. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe("audit log is append-only", () => {
  it("no code in lib/ or app/ updates or deletes audit entries", () => {
    const forbidden = [
      /auditLog\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/i,
      /\b(UPDATE|DELETE\s+FROM)\s+"?AuditLog"?/i,
      /\bDROP\s+TRIGGER\b/i,
    ];
    const offenders = ["lib", "app"]
      .flatMap((d) => sourceFiles(path.resolve(d)))
      .flatMap((file) => {
        const text = fs.readFileSync(file, "utf8");
        return forbidden
          .filter((re) => re.test(text))
          .map((re) => `${path.relative(process.cwd(), file)} matches ${re}`);
      });
    expect(offenders).toEqual([]);
  });

  it("appendAudit is the only writer of audit entries", () => {
    const writers = ["lib", "app"]
      .flatMap((d) => sourceFiles(path.resolve(d)))
      .filter((file) => /auditLog\s*\.\s*(create|createMany)\b/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(process.cwd(), file));
    expect(writers).toEqual([path.join("lib", "audit", "append.ts")]);
  });

  describe("in the database", () => {
    let t: Awaited<ReturnType<typeof tempSqliteDb>>;
    beforeAll(async () => {
      t = await tempSqliteDb();
    });
    afterAll(() => t.cleanup());

    it("refuses UPDATE and DELETE on AuditLog (SQLite triggers from the staff_area migration)", async () => {
      await appendAudit(t.db, { action: "auth.sign_in", actorEmail: "a@b.c", detail: { n: 1 }, ip: "10.0.0.1" });
      await expect(t.db.$executeRawUnsafe(`UPDATE "AuditLog" SET "action" = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
      const rows = await t.db.auditLog.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "auth.sign_in", actorEmail: "a@b.c", ip: "10.0.0.1", detail: '{"n":1}' });
    });

    it("keeps oversized details as valid JSON", async () => {
      await appendAudit(t.db, { action: "audit.view", actorEmail: "a@b.c", detail: { big: "x".repeat(5000) } });
      const last = await t.db.auditLog.findFirst({ orderBy: { id: "desc" } });
      expect(JSON.parse(last!.detail)).toEqual({ truncated: true, length: 5010 });
    });
  });
});

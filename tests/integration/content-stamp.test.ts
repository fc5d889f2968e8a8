import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { probeDatabase } from "@/lib/db/health";
import { migrateDeploy } from "@/lib/db/migrate";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * The content stamp that keys the public page cache (lib/http/page-cache.ts) must change with every write that
 * changes a public page, and only then: a load (new version, new results), a failed load (the version history on
 * /data shows it), and any change to a note. Same checks on SQLite and PostgreSQL (the query differs by quoting).
 */
const HEADER = [
  "ID",
  "Incident_Num",
  "Incident_Type",
  "Occured_date_time",
  "Precinct",
  "Sector",
  "Beat",
  "Officer_ID",
  "Subject_ID",
  "Subject_Race",
  "Subject_Gender",
];
const ROWS = [
  ["P1", "1", "Level 1 - Use of Force", "01/08/2019 12:13:00 AM", "West", "KING", "K2", "7", "S1", "White", "Male"],
  [
    "P2",
    "2",
    "Level 2 - Use of Force",
    "02/08/2019 12:13:00 AM",
    "North",
    "LINCOLN",
    "L1",
    "8",
    "S2",
    "Black or African American",
    "Female",
  ],
];

async function stamp(url: string): Promise<string> {
  const h = await probeDatabase(url);
  expect(h.ok, h.reason ?? "").toBe(true);
  expect(h.contentStamp).toEqual(expect.any(String));
  return h.contentStamp!;
}

async function exercise(db: Db, url: string, dir: string) {
  const empty = await stamp(url);
  expect(await stamp(url), "unchanged data, unchanged stamp").toBe(empty);

  await ingestFile(db, { source: "seattle-uof", filePath: writeCsv(dir, "uof.csv", HEADER, ROWS), origin: "file" });
  const loaded = await stamp(url);
  expect(loaded, "a load changes it").not.toBe(empty);
  expect(await stamp(url)).toBe(loaded);

  const missing = path.join(dir, "missing.csv");
  await ingestFile(db, { source: "seattle-uof", filePath: missing, origin: "file" }).catch(() => undefined);
  const failed = await stamp(url);
  if ((await db.datasetVersion.count()) > 1)
    expect(failed, "a failed load is on /data, so it changes it too").not.toBe(loaded);

  const now = new Date();
  const content = { title: "t", body: "b", kind: "context", scopeKind: "site", scopeTarget: "" };
  const note = await db.annotation.create({
    data: { state: "published", ...content, authorEmail: "a@spd.test", createdAt: now, updatedAt: now },
  });
  await db.annotationVersion.create({
    data: {
      annotationId: note.id,
      version: 1,
      change: "publish",
      state: "published",
      ...content,
      editorEmail: "a@spd.test",
      at: now,
    },
  });
  const noted = await stamp(url);
  expect(noted, "a note changes it").not.toBe(failed);

  await db.annotation.update({
    where: { id: note.id },
    data: { state: "retired", updatedAt: new Date(now.getTime() + 1000) },
  });
  expect(await stamp(url), "retiring a note changes it").not.toBe(noted);
}

describe("content stamp (SQLite)", () => {
  it("changes with loads and notes, and only then", async () => {
    const t = await tempSqliteDb();
    try {
      await exercise(t.db, t.url, t.dir);
    } finally {
      await t.cleanup();
    }
  });

  it("is null (not an outage) before the first migration", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-stamp-"));
    const file = path.join(dir, "empty.db");
    fs.writeFileSync(file, "");
    try {
      const h = await probeDatabase(`file:${file}`);
      expect(h).toMatchObject({ ok: true, contentStamp: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const baseUrl = process.env.TEST_DATABASE_URL_POSTGRES;
describe.skipIf(!baseUrl)("content stamp (PostgreSQL)", () => {
  const dbName = `portal_stamp_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  let db: Db | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-stamp-pg-"));
  afterAll(async () => {
    await db?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("changes with loads and notes, and only then", async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    await migrateDeploy(u.toString());
    db = createDb(u.toString());
    await exercise(db, u.toString(), dir);
  });
});

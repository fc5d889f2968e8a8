import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrateCreate, migrateDeploy } from "@/lib/db/migrate";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * The same models and pipeline on PostgreSQL. Runs when TEST_DATABASE_URL_POSTGRES points at a server where the
 * user may create databases (.ci/run sets it to the local server); each run uses its own throwaway database.
 */
const baseUrl = process.env.TEST_DATABASE_URL_POSTGRES;
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
  ["P2", "1", "Level 3 - OIS", "01/08/2019 12:15:00 AM", "West", "KING", "K2", "8", "S1", "White", "Male"],
  ["P3", "2", "Level 2 - Use of Force", "2020-02-29T23:59:59", "-", "", "99", "-9", "S2", "Not Specified", "-"],
  ["P4", "3", "Level 9", "01/08/2019 12:13:00 AM", "West", "KING", "K2", "7", "S1", "White", "Male"],
];

describe.skipIf(!baseUrl)("PostgreSQL", () => {
  const dbName = `portal_it_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let db: Db;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  });
  afterAll(async () => {
    await db?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies the committed PostgreSQL migrations offline, once", async () => {
    expect((await migrateDeploy(url)).length).toBeGreaterThan(0);
    expect(await migrateDeploy(url)).toEqual([]);
    db = createDb(url);
  });

  it("loads, quarantines and computes exactly as on SQLite", async () => {
    const file = writeCsv(dir, "uof.csv", HEADER, ROWS);
    const report = await ingestFile(db, { source: "seattle-uof", filePath: file, origin: "file" });
    expect(report).toMatchObject({
      status: "loaded",
      rowsRead: 4,
      rowsLoaded: 3,
      rowsQuarantined: 1,
      quarantineByReason: { unknown_code: 1 },
    });
    const stored = await db.useOfForce.findFirstOrThrow({ where: { sourceId: "P3" } });
    expect(stored.occurredAt.toISOString()).toBe("2020-02-29T23:59:59.000Z");
    expect(stored).toMatchObject({ precinct: "Unknown", beat: "Unknown", officerId: null });

    const lite = await tempSqliteDb();
    try {
      await ingestFile(lite.db, { source: "seattle-uof", filePath: file, origin: "file" });
      const a = await db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } });
      const b = await lite.db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } });
      expect(JSON.parse(a.payload)).toEqual(JSON.parse(b.payload));
    } finally {
      await lite.cleanup();
    }
    expect((await ingestFile(db, { source: "seattle-uof", filePath: file, origin: "file" })).status).toBe("unchanged");
  });

  it("has the hand-written partial index (one loading version per dataset) and no drift for create-migration", async () => {
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [dbName]);
    expect(rows).toHaveLength(1);
    const row = (status: string) => ({
      dataset: "seattle-crisis",
      label: "x",
      origin: "file",
      sourceName: "x",
      sourceUrl: "x",
      inputName: "x",
      retrievedAt: new Date(),
      sha256: "x",
      mappingVersion: "x",
      status,
    });
    const first = await db.datasetVersion.create({ data: row("loading") });
    await expect(db.datasetVersion.create({ data: row("loading") })).rejects.toThrow();
    await db.datasetVersion.delete({ where: { id: first.id } });
    const created = await migrateCreate(url, "drift_check");
    if (created) fs.rmSync(created, { recursive: true, force: true });
    expect(created).toBeNull();
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { HeaderError } from "@/lib/ingest/sources/types";
import type { UseOfForceYearly } from "@/lib/pipeline/uof-summary";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

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
const good = (id: string, inc: string, type: string, when: string, officer = "1001"): string[] => [
  id,
  inc,
  type,
  when,
  "West",
  "KING",
  "K2",
  officer,
  `S${inc}`,
  "White",
  "Male",
];

// 10 rows: 6 good (3 incidents in 2019, 1 in 2020), quirky values, and one row per quarantine reason.
const ROWS: string[][] = [
  good("A1", "100", "Level 1 - Use of Force", "01/08/2019 12:13:00 AM"),
  good("A2", "100", "Level 2 - Use of Force", "01/08/2019 12:20:00 AM", "1002"),
  good("A3", "101", "Level 3 - OIS", "06/30/2019 11:59:00 PM"),
  ["A4", "102", "Level 1 - Use of Force", "12/31/2019 10:00:00 PM", "-", "", "99", "-9", "S102", "Not Specified", "-"],
  [
    "A5",
    "103",
    "Level 1 - Use of Force",
    "01/01/2020 01:00:00 AM",
    "OOJ",
    "OOJ",
    "XX",
    "1003",
    "S103",
    "Asian",
    "Unknown",
  ],
  good("A6", "104", "Level 2 - Use of Force", "2020-03-01T10:00:00", "1003"),
  good("A1", "105", "Level 1 - Use of Force", "03/01/2020 10:00:00 AM"), // duplicate_id
  good("A8", "106", "Level 7 - Use of Force", "03/01/2020 10:00:00 AM"), // unknown_code
  good("A9", "107", "Level 1 - Use of Force", "31/31/2020 10:00:00 AM"), // unparseable_date
  good("A10", "", "Level 1 - Use of Force", "03/01/2020 10:00:00 AM"), // missing_key
];

describe("ingesting Use of Force", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  let file: string;
  beforeAll(async () => {
    t = await tempSqliteDb();
    db = t.db;
    file = writeCsv(t.dir, "uof.csv", HEADER, ROWS);
    fs.appendFileSync(file, '"A11","108","Level 1 - Use of Force"\n'); // malformed_row: too few fields
  });
  afterAll(async () => t.cleanup());

  it("accounts for every row: read = loaded + quarantined, with reasons", async () => {
    const report = await ingestFile(db, { source: "seattle-uof", filePath: file, origin: "file" });
    expect(report.status).toBe("loaded");
    expect(report).toMatchObject({ rowsRead: 11, rowsLoaded: 6, rowsQuarantined: 5 });
    expect(report.quarantineByReason).toEqual({
      duplicate_id: 1,
      unknown_code: 1,
      unparseable_date: 1,
      missing_key: 1,
      malformed_row: 1,
    });
    const stored = await db.quarantinedRow.findMany({ orderBy: { sourceRow: "asc" } });
    expect(stored.map((q) => [q.sourceRow, q.reason])).toEqual([
      [7, "duplicate_id"],
      [8, "unknown_code"],
      [9, "unparseable_date"],
      [10, "missing_key"],
      [11, "malformed_row"],
    ]);
    expect(JSON.parse(stored[1]!.raw)).toMatchObject({ incidentType: "Level 7 - Use of Force" });
    expect(await db.useOfForce.count()).toBe(6);
    const quirky = await db.useOfForce.findFirstOrThrow({ where: { sourceId: "A4" } });
    expect(quirky).toMatchObject({
      precinct: "Unknown",
      sector: "Unknown",
      beat: "Unknown",
      officerId: null,
      subjectRace: "Not Specified",
      subjectGender: "Unknown",
    });
    const ooj = await db.useOfForce.findFirstOrThrow({ where: { sourceId: "A5" } });
    expect(ooj).toMatchObject({ precinct: "Out of jurisdiction", sector: "Out of jurisdiction", beat: "Unknown" });
  });

  it("stores results that match direct SQL over the loaded rows", async () => {
    const result = await db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } });
    const payload = JSON.parse(result.payload) as UseOfForceYearly;
    const sql = (await db.$queryRawUnsafe(
      `SELECT substr(firstAt, 1, 4) AS year, COUNT(*) AS n FROM
         (SELECT incidentNum, MIN(occurredAt) AS firstAt FROM UseOfForce GROUP BY incidentNum) GROUP BY year ORDER BY year`,
    )) as { year: string; n: bigint | number }[];
    expect(payload.years.map((y) => [String(y.year), y.incidents])).toEqual(sql.map((r) => [r.year, Number(r.n)]));
    expect(payload.years[0]).toMatchObject({
      year: 2019,
      incidents: 3,
      rows: 4,
      incidentsByLevel: { 1: 1, 2: 1, 3: 0, 4: 1 },
      officers: 2,
    });
    expect(payload.totals).toMatchObject({ incidents: 5, rows: 6, officers: 3 });
  });

  it("is idempotent: loading the same file again changes nothing", async () => {
    const before = await db.datasetVersion.findMany();
    const resultBefore = await db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } });
    const again = await ingestFile(db, { source: "seattle-uof", filePath: file, origin: "file" });
    expect(again.status).toBe("unchanged");
    expect(await db.datasetVersion.findMany()).toEqual(before);
    expect(await db.useOfForce.count()).toBe(6);
    expect(await db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } })).toEqual(resultBefore);
  });

  it("a failed load (renamed column) leaves the previous version served and records the failure", async () => {
    const bad = writeCsv(
      t.dir,
      "renamed.csv",
      HEADER.map((h) => (h === "Beat" ? "Beat_Code" : h)),
      ROWS.slice(0, 3),
    );
    await expect(ingestFile(db, { source: "seattle-uof", filePath: bad, origin: "file" })).rejects.toThrow(HeaderError);
    await expect(ingestFile(db, { source: "seattle-uof", filePath: bad, origin: "file" })).rejects.toThrow(
      /unknown column\(s\): "Beat_Code"/,
    );
    const versions = await db.datasetVersion.findMany({ orderBy: { id: "asc" } });
    expect(versions.map((v) => v.status)).toEqual(["active", "failed", "failed"]);
    expect(versions[1]!.error).toContain("Beat_Code");
    expect(await db.useOfForce.count()).toBe(6);
  });

  it("a new file becomes a new active version in one switch; results follow it", async () => {
    const next = writeCsv(t.dir, "uof-v2.csv", HEADER, ROWS.slice(0, 2));
    const report = await ingestFile(db, { source: "seattle-uof", filePath: next, origin: "file", allowShrink: true }); // 2 rows replace 6: a deliberate shrink
    expect(report).toMatchObject({ status: "loaded", rowsRead: 2, rowsLoaded: 2 });
    const active = await db.datasetVersion.findMany({ where: { status: "active" } });
    expect(active.map((v) => v.id)).toEqual([report.versionId]);
    const result = await db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } });
    expect(result.datasetVersionIds).toBe(String(report.versionId));
    expect((JSON.parse(result.payload) as UseOfForceYearly).totals.incidents).toBe(1);
    // officers keep their ids across versions (one ID space per source)
    expect(await db.officer.count({ where: { idSpace: "seattle-uof" } })).toBe(3);
    expect(path.basename(next)).toBe("uof-v2.csv");
  });
});

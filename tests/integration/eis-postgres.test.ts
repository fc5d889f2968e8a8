import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { DEFAULT_EIS_CONFIG } from "@/lib/eis/config";
import { eisRecordsFromUseOfForce } from "@/lib/eis/incidents";
import { computeEisRun } from "@/lib/eis/compute-run";
import { fillUnits, runEis } from "@/lib/eis/run-eis";
import { EisRunRefused, officerResultOf } from "@/lib/eis/store";
import { activeVersion } from "@/lib/ingest/versions";
import { eisFixtureRows, UOF_HEADER } from "../helpers/eis-fixtures";
import { writeCsv } from "../helpers/temp-db";

/**
 * The EIS run store on PostgreSQL (runs when TEST_DATABASE_URL_POSTGRES is set): the ingest trigger, stored scores
 * equal to the library's result (floats and JSON round-trip exactly), replacement and the reviewed-run refusal.
 */
const baseUrl = process.env.TEST_DATABASE_URL_POSTGRES;
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const byId = <T extends { officerId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.officerId.localeCompare(b.officerId, "en", { numeric: true }));

describe.skipIf(!baseUrl)("EIS runs on PostgreSQL", () => {
  const dbName = `portal_eis_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let db: Db;
  let dir: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    await migrateDeploy(u.toString());
    db = createDb(u.toString());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "eis-pg-"));
    const report = await runIngest(db, {
      source: "seattle-uof",
      file: writeCsv(dir, "uof.csv", UOF_HEADER, eisFixtureRows()),
    });
    expect(report.status).toBe("loaded");
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the ingest stored a complete run for the latest week", async () => {
    const runs = await db.eisRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      asOf: day("2025-03-03"),
      trigger: "ingest",
      status: "complete",
      officersScored: 7,
    });
  });

  it("stores exactly what computeEisRun gives, and refuses to replace a reviewed run", async () => {
    const asOf = day("2025-03-03");
    const { stored } = await runEis(db, { asOf, trigger: "cli" });
    const version = (await activeVersion(db, "seattle-uof"))!;
    const rows = await db.useOfForce.findMany({ where: { versionId: version.id }, include: { officer: true } });
    const records = eisRecordsFromUseOfForce(
      rows.map((r) => ({
        sourceId: r.sourceId,
        incidentNum: r.incidentNum,
        level: r.level,
        occurredAt: r.occurredAt,
        precinct: r.precinct,
        officerSourceId: r.officer?.sourceId ?? null,
        subjectKey: r.subjectKey,
      })),
    ).filter((r) => r.occurredAt < asOf);
    const expected = fillUnits(computeEisRun(records, asOf, DEFAULT_EIS_CONFIG, { witnessesRecorded: false }), records);
    const storedRows = await db.eisOfficerScore.findMany({ where: { runId: stored.runId } });
    expect(byId(storedRows.map(officerResultOf))).toEqual(byId(expected.officers));
    expect(await db.eisRun.count({ where: { asOf } })).toBe(1); // the cli run replaced the ingest run

    await db.eisReview.create({
      data: {
        scoreId: storedRows[0]!.id,
        reviewerId: 1,
        reviewerEmail: "sgt@spd.test",
        flagDecision: "agree",
        interventionRecommended: false,
      },
    });
    await expect(runEis(db, { asOf, trigger: "cli" })).rejects.toBeInstanceOf(EisRunRefused);
    expect((await db.eisRun.findMany({ where: { asOf } })).map((r) => r.id)).toEqual([stored.runId]);
  });
});

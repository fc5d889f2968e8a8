import fs from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateCreate } from "@/lib/db/migrate";
import { sqliteFilePath } from "@/lib/db/url";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { IngestBusyError, STALE_AFTER_MS } from "@/lib/ingest/versions";
import { eisFixtureRows, UOF_HEADER } from "../helpers/eis-fixtures";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * Issue 25 item 12: a "loading" version whose loader PID now belongs to another live process does not block the
 * dataset once its heartbeat is stale; the database itself allows one "loading" version per dataset (a partial
 * unique index written by hand in the migrations); and creating a migration neither fails on nor drops that index.
 */
const loading = (dataset: string, heartbeatAt: Date, loaderPid: number) => ({
  dataset,
  label: "x",
  origin: "file",
  sourceName: "x",
  sourceUrl: "x",
  inputName: "x",
  retrievedAt: new Date(),
  sha256: "x",
  mappingVersion: "x",
  status: "loading",
  heartbeatAt,
  loaderHost: os.hostname(),
  loaderPid,
});

describe("one loader per dataset", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let file: string;
  beforeAll(async () => {
    t = await tempSqliteDb();
    file = writeCsv(t.dir, "uof.csv", UOF_HEADER, eisFixtureRows());
  });
  afterAll(() => t.cleanup());

  it("a live process that reused the PID does not block the dataset once the heartbeat is stale", async () => {
    // PID 1 (init) is always alive and is not a loader.
    const fresh = await t.db.datasetVersion.create({ data: loading("seattle-uof", new Date(), 1) });
    await expect(ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" })).rejects.toThrow(
      IngestBusyError,
    );
    await t.db.datasetVersion.update({
      where: { id: fresh.id },
      data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 1000) },
    });
    const report = await ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" });
    expect(report.status).toBe("loaded");
    expect(await t.db.datasetVersion.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({
      status: "failed",
    });
  });

  it("the database refuses a second loading version of one dataset (other datasets and failed versions are free)", async () => {
    await t.db.datasetVersion.create({ data: loading("seattle-crisis", new Date(), 1) });
    await expect(t.db.datasetVersion.create({ data: loading("seattle-crisis", new Date(), 1) })).rejects.toThrow();
    await t.db.datasetVersion.create({ data: loading("seattle-uof", new Date(), 1) }); // another dataset may load
    await t.db.datasetVersion.create({ data: { ...loading("seattle-crisis", new Date(), 1), status: "failed" } });
    await t.db.datasetVersion.create({ data: { ...loading("seattle-crisis", new Date(), 1), status: "failed" } });
    expect(await t.db.datasetVersion.count({ where: { dataset: "seattle-crisis", status: "loading" } })).toBe(1);
  });

  it("creating a migration finds no drift and keeps the hand-written partial index", async () => {
    await t.db.$disconnect(); // the engine takes an exclusive lock, as `db create-migration` on a dev database does
    const dir = await migrateCreate(t.url, "drift_check");
    if (dir) fs.rmSync(dir, { recursive: true, force: true }); // never leave a stray migration behind
    expect(dir).toBeNull();
    const sqlite = new Database(sqliteFilePath(t.url));
    try {
      const index = sqlite
        .prepare(
          `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'DatasetVersion_one_loading_partial_idx'`,
        )
        .get() as { sql: string };
      expect(index.sql).toMatch(/UNIQUE INDEX .* WHERE "status" = 'loading'/);
    } finally {
      sqlite.close();
    }
  });
});

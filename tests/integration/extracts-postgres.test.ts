import { parse } from "csv-parse/sync";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { dataStatusOf } from "@/lib/charts/publish";
import { csvChunks, pullStream } from "@/lib/extracts/csv-stream";
import { activeExtractVersion, countRows, readPages } from "@/lib/extracts/reader";
import { parseExtractRequest } from "@/lib/extracts/request";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * The extract reader is plain Prisma findMany, so the same extract comes out of SQLite and PostgreSQL byte for byte.
 * Runs when TEST_DATABASE_URL_POSTGRES is set (.ci/run sets it), in a throwaway database.
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
const ROWS = Array.from({ length: 45 }, (_, i) => [
  `E${i}`,
  i % 7 === 0 ? `INC "${i}",\nb` : `INC${i % 9}`,
  i % 5 === 0 ? "Level 2 - Use of Force" : "Level 1 - Use of Force",
  `2019-${String((i % 12) + 1).padStart(2, "0")}-15T10:${String(i).padStart(2, "0")}:00`,
  i % 2 ? "West" : "East",
  "KING",
  "K2",
  i % 4 === 0 ? "-9" : String(1000 + (i % 6)),
  `S${i}`,
  i % 3 ? "White" : "Black or African American, é",
  "Male",
]);

async function extract(db: Db, query: string): Promise<{ text: string; count: number }> {
  const r = parseExtractRequest("use-of-force", new URLSearchParams(query));
  if (!r.ok) throw r.error;
  const version = (await activeExtractVersion(db, "use-of-force"))!;
  // Small pages, so that paging itself is exercised.
  const text = await new Response(
    pullStream(
      csvChunks(readPages(db, r.value, version, { pageSize: 4 }), r.value.columns, dataStatusOf([version])),
      "test",
    ),
  ).text();
  return { text, count: await countRows(db, r.value, version) };
}

describe.skipIf(!baseUrl)("extracts on PostgreSQL", () => {
  const dbName = `portal_extracts_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let pgDb: Db;
  let sqlite: Awaited<ReturnType<typeof tempSqliteDb>>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    await migrateDeploy(u.toString());
    pgDb = createDb(u.toString());
    sqlite = await tempSqliteDb();
    const file = writeCsv(sqlite.dir, "uof.csv", HEADER, ROWS);
    for (const db of [pgDb, sqlite.db]) await ingestFile(db, { source: "seattle-uof", filePath: file, origin: "file" });
  });
  afterAll(async () => {
    await pgDb?.$disconnect();
    await sqlite?.cleanup();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  for (const query of [
    "",
    "precinct=West&level=2",
    "from=2019-03-01&to=2019-06-30&columns=id,officer_id,subject_race",
  ]) {
    it(`gives the same CSV as SQLite (${query || "everything"})`, async () => {
      const [fromPg, fromSqlite] = [await extract(pgDb, query), await extract(sqlite.db, query)];
      expect(fromPg.text).toBe(fromSqlite.text);
      expect(parse(fromPg.text, { columns: true })).toHaveLength(fromPg.count);
    });
  }

  it("streams every row once", async () => {
    expect(parse((await extract(pgDb, "")).text, { columns: true })).toHaveLength(ROWS.length);
  });
});

import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataStatusOf } from "@/lib/charts/publish";
import { csvChunks, newTally, pullStream } from "@/lib/extracts/csv-stream";
import { activeExtractVersion, countRows, readPages, type ActiveVersion } from "@/lib/extracts/reader";
import { parseExtractRequest, type ExtractRequest } from "@/lib/extracts/request";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * The full real Use of Force file (18,884 rows), loaded through the ingest into a temp database, streamed as a CSV
 * extract: every row arrives once, and every value parses back (csv-parse) to what SQL reads from the database.
 */
const UOF_FILE = path.resolve(process.env.DATA_DIR ?? "../shared/data", "seattle-use-of-force.csv");
const HAS_FILE = fs.existsSync(UOF_FILE);

function request(dataset: "use-of-force" | "crisis-rows", query = ""): ExtractRequest {
  const r = parseExtractRequest(dataset, new URLSearchParams(query));
  if (!r.ok) throw r.error;
  return r.value;
}

const SQL_UOF = `SELECT u.sourceId AS id, u.incidentNum AS incident_num, u.incidentType AS incident_type, u.level,
    substr(u.occurredAt, 1, 19) AS occurred_date_time, u.precinct, u.sector, u.beat, COALESCE(o.sourceId, '') AS officer_id,
    u.subjectKey AS subject_id, u.subjectRace AS subject_race, u.subjectGender AS subject_gender,
    CASE v.synthetic WHEN 1 THEN 'synthetic' ELSE 'real' END AS data_status
  FROM UseOfForce u LEFT JOIN Officer o ON o.id = u.officerId JOIN DatasetVersion v ON v.id = u.versionId
  WHERE u.versionId = ? ORDER BY u.id`;

async function streamCsv(t: { db: Parameters<typeof readPages>[0] }, req: ExtractRequest, version: ActiveVersion) {
  const tally = newTally();
  const text = await new Response(
    pullStream(csvChunks(readPages(t.db, req, version), req.columns, dataStatusOf([version]), tally), "test"),
  ).text();
  return { text, tally };
}

describe.skipIf(!HAS_FILE)("streaming the full Use of Force extract", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let version: ActiveVersion;
  beforeAll(async () => {
    t = await tempSqliteDb();
    await ingestFile(t.db, { source: "seattle-uof", filePath: UOF_FILE, origin: "file" });
    version = (await activeExtractVersion(t.db, "use-of-force"))!;
  }, 300_000);
  afterAll(async () => t?.cleanup());

  it("streams every row once, and every value round-trips through csv-parse to what SQL reads", async () => {
    const req = request("use-of-force");
    const { text, tally } = await streamCsv(t, req, version);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(18_884);
    expect(tally.rows).toBe(18_884);
    expect(version.rowsLoaded).toBe(18_884);
    const sqlite = new Database(t.url.replace(/^file:/, ""), { readonly: true });
    const expected = (sqlite.prepare(SQL_UOF).all(version.id) as Record<string, string | number>[]).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
    );
    sqlite.close();
    expect(records).toEqual(expected);
    // The real file loaded as a real version: every row says so.
    expect(new Set(records.map((r) => r.data_status))).toEqual(new Set(["real"]));
  });

  it("pages with cursors cover the rows exactly once, and filters match SQL", async () => {
    const req = request("use-of-force", "columns=id,level&from=2019-01-01&to=2019-12-31&level=2&level=3");
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page: Record<string, unknown>[] = [];
      for await (const p of readPages(t.db, req, version, { limit: 1001, pageSize: 1001, afterId: after }))
        page.push(...p);
      seen.push(...page.slice(0, 1000).map((r) => r.id as number));
      if (page.length <= 1000) break;
      after = page[999]!.id as number;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const sql = (await t.db.$queryRawUnsafe(
      `SELECT COUNT(*) AS n FROM UseOfForce WHERE versionId = ? AND level IN (2, 3) AND occurredAt >= '2019-01-01' AND occurredAt < '2020-01-01'`,
      version.id,
    )) as { n: bigint | number }[];
    expect(seen.length).toBe(Number(sql[0]!.n));
    expect(await countRows(t.db, req, version)).toBe(seen.length);
  });
});

describe("CSV quoting of awkward published values", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(async () => t.cleanup());

  it("commas, quotes, line breaks and non-ASCII text parse back unchanged", async () => {
    const header = [
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
    const awkward = 'INC "7", part\ntwo — é';
    const file = writeCsv(t.dir, "uof.csv", header, [
      [
        "Q1",
        awkward,
        "Level 1 - Use of Force",
        "01/08/2019 12:13:00 AM",
        "West",
        "KING",
        "K2",
        "1001",
        "Sújeto, 1",
        'Black or "African" American, ñ',
        "Female",
      ],
      [
        "Q2",
        "=SUM(A1)",
        "Level 2 - Use of Force",
        "2019-02-01T10:00:00",
        "East",
        "EDWARD",
        "E1",
        "-9",
        "S2",
        "White",
        "Male",
      ],
    ]);
    await ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" });
    const version = (await activeExtractVersion(t.db, "use-of-force"))!;
    const { text } = await streamCsv(t, request("use-of-force"), version);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      id: "Q1",
      incident_num: awkward,
      subject_id: "Sújeto, 1",
      subject_race: 'Black or "African" American, ñ',
      officer_id: "1001",
      occurred_date_time: "2019-01-08T00:13:00",
      level: "1",
    });
    expect(records[1]).toMatchObject({ id: "Q2", incident_num: "=SUM(A1)", officer_id: "" });
    expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text);
  });
});

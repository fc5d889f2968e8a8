/**
 * Benchmark of full CSV extracts: the portal's streaming route (through `next start`) next to the sqlite3 command
 * line tool exporting the same query from the same database. Reports rows/s, wall time and peak memory (server:
 * VmHWM of its processes after a reset; sqlite3: max RSS from GNU time), and checks both outputs hold the same rows.
 * The portal is timed on a server with its response cache off, so every run streams from the database; a file small
 * enough for the cache is also timed as a cache hit on the main server (what every download after the first gets).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { peakMiB, resetPeak, rssMiB } from "./proc";
import type { Server } from "./server";
import type { BenchContext, BenchRow } from "./types";

interface Measure {
  seconds: number;
  rows: number;
  bytes: number;
  peakMiB: number;
  idleMiB?: number;
}

export interface ExtractCaseResult {
  dataset: string;
  query: string;
  portal: Measure & { runs: number[] };
  /** The same extract cut to its first 10,000 rows: if memory is flat, its peak is no lower than the full one's. */
  portalFirst10k: Measure;
  sqlite3: Measure & { runs: number[] };
  sameRows: boolean;
  /** Seconds of the same download answered from the response cache, when it fits in the cache. */
  cachedSeconds: number | null;
}

/** The largest extract again on a server whose V8 old space is capped far below the extract's size. */
export interface HeapCapResult {
  dataset: string;
  maxOldSpaceMiB: number;
  rows: number;
  bytes: number;
  seconds: number;
  peakMiB: number;
  completed: boolean;
}

const ACTIVE = (dataset: string) =>
  `(SELECT id FROM DatasetVersion WHERE dataset = '${dataset}' AND status = 'active')`;
const YN = (col: string) => `CASE ${col} WHEN 1 THEN 'Y' ELSE 'N' END`;
/** Every extract row ends with the data status of its dataset version. */
const DATA_STATUS = (alias: string) =>
  `(SELECT CASE synthetic WHEN 1 THEN 'synthetic' ELSE 'real' END FROM DatasetVersion WHERE id = ${alias}.versionId) AS data_status`;

/** Each case: an extract URL and the SQL that writes the same columns in the same order and format. */
const CASES = [
  {
    dataset: "use-of-force",
    query: "",
    sql: `SELECT u.sourceId AS id, u.incidentNum AS incident_num, u.incidentType AS incident_type, u.level,
        substr(u.occurredAt, 1, 19) AS occurred_date_time, u.precinct, u.sector, u.beat, o.sourceId AS officer_id,
        u.subjectKey AS subject_id, u.subjectRace AS subject_race, u.subjectGender AS subject_gender,
        ${DATA_STATUS("u")}
      FROM UseOfForce u LEFT JOIN Officer o ON o.id = u.officerId WHERE u.versionId = ${ACTIVE("seattle-uof")} ORDER BY u.id`,
  },
  {
    // The synthetic crisis sample is larger (about 150,000 rows): it shows whether memory stays flat as rows grow.
    dataset: "crisis-rows",
    query:
      "?columns=template_id,reported_date_time,occurred_date_time,call_type,initial_call_type,final_call_type,disposition,use_of_force,officer_id,cit_certified,precinct,sector,beat",
    sql: `SELECT r.templateId AS template_id, substr(r.reportedDate, 1, 19) AS reported_date_time, substr(r.occurredAt, 1, 19) AS occurred_date_time,
        r.callType AS call_type, r.initialCallType AS initial_call_type, r.finalCallType AS final_call_type, r.disposition,
        ${YN("r.useOfForce")} AS use_of_force, o.sourceId AS officer_id, ${YN("r.citCertified")} AS cit_certified,
        r.precinct, r.sector, r.beat, ${DATA_STATUS("r")}
      FROM CrisisRow r LEFT JOIN Officer o ON o.id = r.officerId WHERE r.versionId = ${ACTIVE("seattle-crisis")} ORDER BY r.id`,
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function fetchCsv(
  server: Server,
  url: string,
): Promise<{ seconds: number; text: string; peak: number; idle: number; cache: string | null }> {
  resetPeak(server.pid);
  const idle = rssMiB(server.pid);
  let sampled = idle;
  const sampler = setInterval(() => (sampled = Math.max(sampled, rssMiB(server.pid))), 20);
  const started = performance.now();
  // identity: measure the extract itself, not gzip (sqlite3 does not compress either).
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of res.body) chunks.push(chunk);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    seconds,
    text: Buffer.concat(chunks).toString("utf8"),
    peak: Math.max(sampled, peakMiB(server.pid)),
    idle,
    cache: res.headers.get("x-portal-cache"),
  };
}

function runSqlite(dbFile: string, sql: string, outFile: string): { seconds: number; peak: number } {
  const out = fs.openSync(outFile, "w");
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", "sqlite3", "-csv", "-header", dbFile, sql], {
    stdio: ["ignore", out, "pipe"],
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return { seconds, peak: Number(r.stderr.trim().split("\n").at(-1)) / 1024 };
}

export async function extractsBench(ctx: BenchContext): Promise<ExtractCaseResult[]> {
  const server = await ctx.startServer({ PAGE_CACHE_MAX_MB: "0" });
  try {
    return await extractsOn(ctx, server);
  } finally {
    await server.stop();
  }
}

async function extractsOn(ctx: BenchContext, server: Server): Promise<ExtractCaseResult[]> {
  const results: ExtractCaseResult[] = [];
  for (const c of CASES) {
    const route = `/api/v1/extracts/${c.dataset}${c.query}`;
    const url = `${server.baseUrl}${route}`;
    await fetchCsv(server, `${url}${c.query ? "&" : "?"}limit=10`); // warm up the route
    const portalRuns: Awaited<ReturnType<typeof fetchCsv>>[] = [];
    for (let i = 0; i < ctx.runs; i++) portalRuns.push(await fetchCsv(server, url));
    const first = await fetchCsv(server, `${url}${c.query ? "&" : "?"}limit=10000`);
    await fetchCsv(ctx.server, `${ctx.server.baseUrl}${route}`); // fills the main server's cache if it fits
    const again = await fetchCsv(ctx.server, `${ctx.server.baseUrl}${route}`);
    const cachedSeconds = again.cache === "hit" && again.text === portalRuns[0]!.text ? again.seconds : null;
    const outFile = path.join(ctx.outDir, `${c.dataset}.sqlite3.csv`);
    const sqliteRuns = Array.from({ length: ctx.runs }, () => runSqlite(ctx.dbFile, c.sql, outFile));

    const portalRecords = parse(portalRuns[0]!.text) as string[][];
    const sqliteText = fs.readFileSync(outFile, "utf8");
    const sqliteRecords = parse(sqliteText) as string[][];
    const sameRows = JSON.stringify(portalRecords) === JSON.stringify(sqliteRecords);
    const rows = portalRecords.length - 1;
    const portalSeconds = portalRuns.map((r) => r.seconds);
    const sqliteSeconds = sqliteRuns.map((r) => r.seconds);
    results.push({
      dataset: c.dataset,
      query: c.query,
      portal: {
        seconds: median(portalSeconds),
        runs: portalSeconds,
        rows,
        bytes: Buffer.byteLength(portalRuns[0]!.text),
        peakMiB: Math.max(...portalRuns.map((r) => r.peak)),
        idleMiB: Math.min(...portalRuns.map((r) => r.idle)),
      },
      portalFirst10k: {
        seconds: first.seconds,
        rows: (parse(first.text) as string[][]).length - 1,
        bytes: Buffer.byteLength(first.text),
        peakMiB: first.peak,
        idleMiB: first.idle,
      },
      sqlite3: {
        seconds: median(sqliteSeconds),
        runs: sqliteSeconds,
        rows: sqliteRecords.length - 1,
        bytes: Buffer.byteLength(sqliteText),
        peakMiB: Math.max(...sqliteRuns.map((r) => r.peak)),
      },
      sameRows,
      cachedSeconds,
    });
    ctx.log(`${c.dataset}: ${rows.toLocaleString("en-US")} rows; same rows as sqlite3: ${sameRows ? "yes" : "NO"}`);
  }
  return results;
}

/** Streams the largest case from a server with a small V8 heap: building the file in memory would not fit. */
export async function heapCapCheck(ctx: BenchContext, maxOldSpaceMiB = 128): Promise<HeapCapResult> {
  const c = CASES[CASES.length - 1]!;
  const server = await ctx.startServer({ NODE_OPTIONS: `--max-old-space-size=${maxOldSpaceMiB}` });
  try {
    const r = await fetchCsv(server, `${server.baseUrl}/api/v1/extracts/${c.dataset}${c.query}`);
    const rows = (parse(r.text) as string[][]).length - 1;
    ctx.log(
      `${c.dataset} with a ${maxOldSpaceMiB} MiB V8 old space: ${rows.toLocaleString("en-US")} rows, peak RSS ${r.peak.toFixed(0)} MiB`,
    );
    return {
      dataset: c.dataset,
      maxOldSpaceMiB,
      rows,
      bytes: Buffer.byteLength(r.text),
      seconds: r.seconds,
      peakMiB: r.peak,
      completed: true,
    };
  } catch (e) {
    ctx.log(
      `${c.dataset} with a ${maxOldSpaceMiB} MiB V8 old space FAILED: ${e instanceof Error ? e.message : String(e)}`,
    );
    return { dataset: c.dataset, maxOldSpaceMiB, rows: 0, bytes: 0, seconds: 0, peakMiB: 0, completed: false };
  } finally {
    await server.stop();
  }
}

export async function runExtractsBench(
  ctx: BenchContext,
): Promise<{ cases: ExtractCaseResult[]; heapCap: HeapCapResult }> {
  const cases = await extractsBench(ctx);
  return { cases, heapCap: await heapCapCheck(ctx) };
}

export function extractsRows(results: { cases: ExtractCaseResult[]; heapCap: HeapCapResult }): BenchRow[] {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const row = (dataset: string, tool: string, m: Measure, note: string): BenchRow => ({
    section: "extract",
    case: `${dataset} (${n(m.rows)} rows, full CSV)`,
    tool,
    throughput: `${n(m.rows / m.seconds)} rows/s`,
    seconds: m.seconds,
    peakMiB: m.peakMiB,
    note: [m.idleMiB !== undefined ? `idle ${n(m.idleMiB)} MiB` : "", note].filter(Boolean).join("; "),
  });
  const rows: BenchRow[] = [];
  for (const r of results.cases) {
    rows.push(
      row(r.dataset, "portal API (next start)", r.portal, `same rows as sqlite3: ${r.sameRows ? "yes" : "NO"}`),
    );
    rows.push({
      ...row(r.dataset, "portal API, first 10,000 rows", r.portalFirst10k, ""),
      case: `${r.dataset} (first 10,000 rows)`,
    });
    rows.push(row(r.dataset, "sqlite3 -csv (same query)", r.sqlite3, ""));
    if (r.cachedSeconds !== null)
      rows.push({
        section: "extract",
        case: `${r.dataset} (${n(r.portal.rows)} rows, full CSV)`,
        tool: "portal API, from the response cache",
        throughput: `${n(r.portal.rows / r.cachedSeconds)} rows/s`,
        seconds: r.cachedSeconds,
        note: "same bytes",
      });
  }
  const h = results.heapCap;
  rows.push(
    h.completed
      ? row(h.dataset, `portal API, V8 heap capped at ${h.maxOldSpaceMiB} MiB`, h, "streams within the cap")
      : {
          section: "extract",
          case: h.dataset,
          tool: `portal API, V8 heap capped at ${h.maxOldSpaceMiB} MiB`,
          note: "FAILED",
        },
  );
  return rows;
}

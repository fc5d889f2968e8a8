import Database from "better-sqlite3";
import pg from "pg";
import { env } from "@/lib/env";
import { providerOf, sqliteFilePath } from "./url";

/**
 * Is the database answering? A cheap probe, shared by every request of the process and repeated at most once a
 * second, so that proxy.ts can answer 503 at once while the database is locked or down (and let requests through
 * again by itself when it is back) instead of letting each page block on the database's own timeouts.
 *
 * The probe uses its own short-lived connection, not the app's Prisma client: better-sqlite3 waits for a lock
 * synchronously (the app's client waits up to 10 s, freezing the server), so the probe's wait is kept to 100 ms.
 * No "server-only" import: proxy.ts is not a React server module.
 */
const RECHECK_MS = 1_000;
const SQLITE_BUSY_WAIT_MS = 100;
const PG_TIMEOUT_MS = 2_000;

export interface Health {
  ok: boolean;
  checkedAt: number;
  reason: string | null;
  /**
   * A fingerprint of everything public pages show (dataset versions, precomputed results, published notes), read by
   * the same probe; null when it could not be read (e.g. before the first migration). lib/http/page-cache.ts keys
   * rendered pages by it, so a new load or a note changes it and the cached pages with it.
   */
  contentStamp: string | null;
}

interface State extends Health {
  inFlight: Promise<Health> | null;
}

// On globalThis: proxy.ts and the route handlers are bundled separately but share one process under `next start`.
const KEY = Symbol.for("portal.databaseHealth");
const store = globalThis as unknown as Record<symbol, State | undefined>;
const state = (): State =>
  (store[KEY] ??= { ok: true, checkedAt: 0, reason: null, contentStamp: null, inFlight: null });

/**
 * Every write that changes a public page changes one of these: a load adds a DatasetVersion row and moves rows
 * between statuses (loading, active, superseded, failed), the pipeline rewrites Result rows (new computedAt), and
 * every change to a note adds an AnnotationVersion row (and touches Annotation.updatedAt). A new or pruned release
 * (lib/pipeline/releases.ts) changes the Release count: pinned answers and the release pages follow it.
 */
const CONTENT_STAMP_SQL = `
  SELECT 'v' AS part, status AS k, COUNT(*) AS n, CAST(MAX(id) AS TEXT) AS m FROM "DatasetVersion" GROUP BY status
  UNION ALL SELECT 'r', '', COUNT(*), CAST(MAX("computedAt") AS TEXT) FROM "Result"
  UNION ALL SELECT 'a', '', COUNT(*), CAST(MAX(id) AS TEXT) FROM "AnnotationVersion"
  UNION ALL SELECT 'u', '', COUNT(*), CAST(MAX("updatedAt") AS TEXT) FROM "Annotation"
  UNION ALL SELECT 'l', '', COUNT(*), CAST(MAX(id) AS TEXT) FROM "Release"`;

/** Rows of CONTENT_STAMP_SQL as one string (sorted: GROUP BY order is not guaranteed). */
export function contentStampOf(rows: { part: unknown; k: unknown; n: unknown; m: unknown }[]): string {
  const asText = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? "" : String(v));
  return rows
    .map((r) => [r.part, r.k, r.n, r.m].map(asText).join(":"))
    .sort()
    .join("|");
}

function probeSqlite(url: string): string | null {
  // readonly + fileMustExist: a missing file is "unavailable", not a new empty database.
  const conn = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_WAIT_MS });
  try {
    // Reading a table takes a shared lock, which another process's exclusive lock refuses (SQLITE_BUSY).
    conn.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get();
    try {
      return contentStampOf(conn.prepare(CONTENT_STAMP_SQL).all() as never);
    } catch {
      return null; // not migrated yet: the database answers, there is just nothing to fingerprint
    }
  } finally {
    conn.close();
  }
}

async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: PG_TIMEOUT_MS,
    query_timeout: PG_TIMEOUT_MS,
  });
  // A server restart ends the connection with an "error" event; without a listener that would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    try {
      return contentStampOf((await client.query(CONTENT_STAMP_SQL)).rows);
    } catch {
      return null;
    }
  } finally {
    await client.end().catch(() => {});
  }
}

export async function probeDatabase(url = env().DATABASE_URL): Promise<Health> {
  const checkedAt = Date.now();
  try {
    const contentStamp = providerOf(url) === "sqlite" ? probeSqlite(url) : await probePostgres(url);
    return { ok: true, checkedAt, reason: null, contentStamp };
  } catch (e) {
    return { ok: false, checkedAt, reason: describe(e), contentStamp: null };
  }
}

/** The cached health (re-probed when older than a second; concurrent callers share one probe). */
export async function databaseHealth(now = Date.now()): Promise<Health> {
  const s = state();
  if (now - s.checkedAt < RECHECK_MS)
    return { ok: s.ok, checkedAt: s.checkedAt, reason: s.reason, contentStamp: s.contentStamp };
  s.inFlight ??= probeDatabase().then((h) => {
    // Logged on changes only: a long outage is one line, and so is the recovery.
    if (h.ok !== s.ok) console.error(h.ok ? "database available again" : `database unavailable: ${h.reason}`);
    Object.assign(s, h, { inFlight: null });
    return h;
  });
  return s.inFlight;
}

/** A request saw the database fail: the next request probes again instead of trusting the cached "ok". */
export function reportDatabaseFailure(): void {
  state().checkedAt = 0;
}

/**
 * This process just changed public content (e.g. published a note): the next request re-reads the content stamp,
 * so the person who made the change sees it at once instead of up to a second later. Other processes and app
 * instances see it at their next probe (within RECHECK_MS).
 */
export function reportContentChanged(): void {
  state().checkedAt = 0;
}

const UNAVAILABLE_CODES = new Set([
  // Prisma: cannot reach / timed out / connection closed / pool timeout / too many connections.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2037",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  // SQLite: locked, busy, cannot open, I/O error, disk full, read-only file system.
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_PROTOCOL",
  // PostgreSQL: shutting down, restarting, cannot connect now, connection failures, too many connections.
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
  "DatabaseDoesNotExist",
]);
const UNAVAILABLE_MESSAGE =
  /database is locked|connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Connection refused|Can't reach database server|Server has closed the connection|Timed out fetching a new connection/i;

type Coded = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
};

/** True when an error means "the database is not answering right now" (worth a 503 and a retry), not a bug. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as Coded;
  // Extended SQLite codes (SQLITE_IOERR_SHORT_READ, SQLITE_BUSY_SNAPSHOT) count as their primary code.
  const codes = [e.code, e.originalCode]
    .filter((c): c is string => typeof c === "string")
    .map((c) => /^SQLITE_[A-Z]+/.exec(c)?.[0] ?? c);
  if (codes.some((c) => UNAVAILABLE_CODES.has(c))) return true;
  if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return (
    isDatabaseUnavailable(e.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  );
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${(e as { code?: string }).code ?? e.name}: ${e.message}`.slice(0, 200);
  return String(e).slice(0, 200);
}

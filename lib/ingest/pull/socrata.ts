/**
 * Pulls a whole Socrata dataset (SODA 2.x, e.g. https://data.seattle.gov) as one CSV file, page by page:
 * `GET {base}/resource/{id}.csv?$limit=N&$offset=K&$order=<field>`. Pages use a stable $order so rows added during
 * a pull do not shift pages. The file is written to `outFile.partial` and renamed at the end, so a failed pull never
 * leaves a half file at outFile.
 */
import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { getTextWithRetry, PullError, type RequestPolicy, type RetryInfo } from "./http";

export { isReachable, PullError, type PullErrorCode, type RetryInfo } from "./http";

export interface PullProgress {
  rowsDone: number;
  /** From `$select=count(*)` before the pull; null when the count failed (not fatal). */
  rowsTotal: number | null;
  /** Pages fetched so far; the first call (before any page) has page 0. */
  page: number;
}

export interface PullOptions {
  /** e.g. "https://data.seattle.gov" (a trailing slash is fine). */
  baseUrl: string;
  /** "ppi5-g2bj" (Use of Force) | "i2q9-thny" (Crisis Data). */
  datasetId: string;
  /** A stable, ideally unique, ordering: "id" for Use of Force, the system field ":id" for Crisis Data. */
  order: string;
  /** CSV written here (parent dirs created), via outFile + ".partial" and a rename. */
  outFile: string;
  /** Rows per request; default 50_000. */
  pageSize?: number;
  /** Retries per request after the first attempt; default 5. */
  maxRetries?: number;
  /** First backoff step; default 1000 ms, doubling, with jitter. Retry-After is honoured when longer. */
  retryBaseMs?: number;
  /** Per request, including reading the body; default 60_000. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  onProgress?: (p: PullProgress) => void;
  /** Called before each backoff sleep (for logging). */
  onRetry?: (info: RetryInfo) => void;
  /** Sent as X-App-Token when set (raises Socrata's rate limits). */
  appToken?: string;
}

export interface PullResult {
  /** Data rows written (header excluded). */
  rows: number;
  /** Count reported by the API before the pull (null when unavailable); may differ from rows if the data changed. */
  rowsExpected: number | null;
  pages: number;
  header: string[];
  /** The resource endpoint pulled, without paging parameters, e.g. https://data.seattle.gov/resource/ppi5-g2bj.csv */
  sourceUrl: string;
  /** When the pull started. */
  retrievedAt: Date;
  /** sha256 (hex) of the bytes written to outFile. */
  sha256: string;
  /** When the publisher last changed the rows (the metadata's rowsUpdatedAt); null when the metadata did not say. */
  upstreamUpdatedAt: Date | null;
}

const STRINGIFY_CHUNK = 2_000;

function positiveInt(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/** Human description of how `got` differs from `expected`, naming the columns. */
export function describeHeaderDiff(expected: string[], got: string[]): string {
  const missing = expected.filter((f) => !got.includes(f));
  const added = got.filter((f) => !expected.includes(f));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing column(s) ${missing.map((f) => JSON.stringify(f)).join(", ")}`);
  if (added.length) parts.push(`new column(s) ${added.map((f) => JSON.stringify(f)).join(", ")}`);
  if (!parts.length) {
    const i = expected.findIndex((f, k) => got[k] !== f);
    const at = i === -1 ? expected.length : i;
    parts.push(
      `columns reordered or duplicated: position ${at + 1} was ${JSON.stringify(expected[at] ?? null)}, now ${JSON.stringify(got[at] ?? null)}`,
    );
  }
  return parts.join("; ");
}

function parsePage(text: string, url: string): string[][] {
  try {
    // Column counts must match the header (csv-parse's default); empty values come back as "".
    return parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new PullError(
      "bad_response",
      `unparseable CSV from ${url}: ${err instanceof Error ? err.message : String(err)}`,
      { url, cause: err },
    );
  }
}

/** `$select=count(*)`; any failure (including a non-numeric answer) gives null. One attempt only. */
async function fetchCount(resource: string, policy: RequestPolicy): Promise<number | null> {
  try {
    const text = await getTextWithRetry(`${resource}.json?${new URLSearchParams({ $select: "count(*)" })}`, {
      ...policy,
      maxRetries: 0,
    });
    const first: unknown = (JSON.parse(text) as unknown[])[0];
    const value = first && typeof first === "object" ? Object.values(first)[0] : undefined;
    const n = Number(value);
    return typeof value !== "boolean" && value !== null && value !== "" && Number.isSafeInteger(n) && n >= 0 ? n : null;
  } catch {
    return null;
  }
}

/**
 * The dataset's metadata (`/api/views/{id}.json`): `rowsUpdatedAt`, Unix seconds of the last change to its rows
 * (`dataUpdatedAt` as a fallback). Freshness is informative, so any failure gives null and the pull goes on.
 */
export async function fetchUpstreamUpdatedAt(
  baseUrl: string,
  datasetId: string,
  policy: RequestPolicy,
): Promise<Date | null> {
  try {
    const url = `${baseUrl.replace(/\/+$/, "")}/api/views/${encodeURIComponent(datasetId)}.json`;
    const meta = JSON.parse(await getTextWithRetry(url, { ...policy, maxRetries: 0 })) as Record<string, unknown>;
    const secs = [meta.rowsUpdatedAt, meta.dataUpdatedAt].find((v) => typeof v === "number" && v > 0) as
      number | undefined;
    return secs === undefined ? null : new Date(secs * 1000);
  } catch {
    return null;
  }
}

class HashingWriter {
  readonly hash = createHash("sha256");
  private readonly out: WriteStream;
  private error: Error | null = null;

  constructor(file: string) {
    this.out = createWriteStream(file);
    this.out.on("error", (e) => (this.error ??= e));
  }

  async write(text: string): Promise<void> {
    if (this.error) throw this.error;
    const buf = Buffer.from(text, "utf8");
    this.hash.update(buf);
    if (!this.out.write(buf)) await once(this.out, "drain"); // once() rejects if 'error' comes first
  }

  async close(): Promise<void> {
    if (this.error) throw this.error;
    this.out.end();
    if (!this.out.closed) await once(this.out, "close");
    if (this.error) throw this.error;
  }

  async abort(): Promise<void> {
    if (this.out.closed) return;
    const closed = once(this.out, "close").catch(() => undefined);
    this.out.destroy();
    await closed;
  }
}

export async function pullSocrataCsv(opts: PullOptions): Promise<PullResult> {
  const pageSize = positiveInt("pageSize", opts.pageSize ?? 50_000, 1);
  const headers: Record<string, string> = { Accept: "text/csv, application/json;q=0.9" };
  if (opts.appToken) headers["X-App-Token"] = opts.appToken;
  const policy: RequestPolicy = {
    maxRetries: positiveInt("maxRetries", opts.maxRetries ?? 5, 0),
    retryBaseMs: positiveInt("retryBaseMs", opts.retryBaseMs ?? 1000, 0),
    timeoutMs: positiveInt("timeoutMs", opts.timeoutMs ?? 60_000, 1),
    fetchImpl: opts.fetchImpl ?? fetch,
    headers,
    onRetry: opts.onRetry,
  };
  const resource = `${opts.baseUrl.replace(/\/+$/, "")}/resource/${encodeURIComponent(opts.datasetId)}`;
  const sourceUrl = `${resource}.csv`;
  const retrievedAt = new Date();

  const rowsTotal = await fetchCount(resource, policy);
  const upstreamUpdatedAt = await fetchUpstreamUpdatedAt(opts.baseUrl, opts.datasetId, policy);
  opts.onProgress?.({ rowsDone: 0, rowsTotal, page: 0 });

  await mkdir(path.dirname(path.resolve(opts.outFile)), { recursive: true });
  const partial = `${opts.outFile}.partial`;
  const writer = new HashingWriter(partial);
  let header: string[] | null = null;
  let rows = 0;
  let pages = 0;
  let previousEdge = "";
  try {
    for (;;) {
      const params = new URLSearchParams({ $limit: String(pageSize), $offset: String(rows), $order: opts.order });
      const url = `${sourceUrl}?${params}`;
      const records = parsePage(await getTextWithRetry(url, policy), url);
      pages++;
      const [pageHeader, ...data] = records;
      if (!pageHeader) {
        // Socrata always sends the header line; tolerate a bare empty body only after the first page.
        if (header === null)
          throw new PullError("bad_response", `empty response (no header line) from ${url}`, { url });
        break;
      }
      if (header === null) {
        header = pageHeader;
        await writer.write(stringify([header], { quoted: true }));
      } else if (pageHeader.length !== header.length || pageHeader.some((f, i) => f !== header![i])) {
        throw new PullError(
          "header_changed",
          `the header of page ${pages} differs from page 1 (${describeHeaderDiff(header, pageHeader)}) at ${url}; the dataset changed during the pull, try again`,
          { url },
        );
      }
      if (data.length > pageSize) {
        throw new PullError(
          "bad_response",
          `${url} returned ${data.length} rows, more than $limit=${pageSize}: paging parameters were ignored`,
          { url },
        );
      }
      // A server ignoring $offset would return the same full page forever.
      const edge = data.length ? JSON.stringify([data[0], data[data.length - 1]]) : "";
      if (data.length === pageSize && edge === previousEdge) {
        throw new PullError("bad_response", `${url} returned the same rows as the previous page: $offset was ignored`, {
          url,
        });
      }
      previousEdge = edge;
      for (let i = 0; i < data.length; i += STRINGIFY_CHUNK) {
        await writer.write(stringify(data.slice(i, i + STRINGIFY_CHUNK), { quoted: true }));
      }
      rows += data.length;
      opts.onProgress?.({ rowsDone: rows, rowsTotal, page: pages });
      if (data.length < pageSize) break;
    }
    await writer.close();
    await rename(partial, opts.outFile);
  } catch (err) {
    await writer.abort();
    await rm(partial, { force: true });
    throw err;
  }
  return {
    rows,
    rowsExpected: rowsTotal,
    pages,
    header: header ?? [],
    sourceUrl,
    retrievedAt,
    sha256: writer.hash.digest("hex"),
    upstreamUpdatedAt,
  };
}

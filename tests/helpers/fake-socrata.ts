/**
 * A local fake of the Socrata SODA 2.x API, on 127.0.0.1 with a random port, for tests (no network):
 *   GET /resource/{id}.csv?$limit=&$offset=&$order=   quoted CSV page with a header line of field names
 *   GET /resource/{id}.json?$select=count(*)           [{"count":"N"}]
 *   GET /api/views/{id}.json                            dataset metadata: {"id", "name", "rowsUpdatedAt"} (seconds)
 *   GET|HEAD /                                          200 (for reachability checks)
 * Unknown datasets give a Socrata-like 404 JSON error; unknown $order columns and bad paging a 400.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeDataset {
  /** Field names in column order (the CSV header). */
  fields: string[];
  /** Rows in insertion order (the order of the system field `:id`); a missing or empty value is a null. */
  rows: Record<string, string>[];
  /** The metadata's rowsUpdatedAt (Unix seconds); left out of the metadata when not set. */
  rowsUpdatedAt?: number;
}

export interface FakeFaults {
  /** The first N requests under /resource/ (count and pages alike) fail. */
  failFirstNRequests?: number;
  /** Every request for this CSV page (1-based, from $offset/$limit) fails. */
  failPage?: number;
  /** Status of failing requests; default 503. */
  status?: number;
  /** Sent as Retry-After on failing requests. */
  retryAfterSeconds?: number;
  /** How a request fails: an HTTP status (default), a reset connection, or no answer at all. */
  mode?: "status" | "reset" | "hang";
  /** This CSV page (1-based) gets an extra column "added_column" in its header (and empty values for it). */
  changeHeaderOnPage?: number;
}

export interface FakeSocrata {
  baseUrl: string;
  /** Raw request targets (path + encoded query), in arrival order, for /resource/ requests. */
  requests: string[];
  /** Request headers, parallel to `requests`. */
  requestHeaders: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

export const ADDED_COLUMN = "added_column";

function socrataError(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...extra });
  res.end(JSON.stringify({ code, error: true, message }));
}

const quote = (v: string | undefined) => (v === undefined || v === "" ? "" : `"${v.replace(/"/g, '""')}"`);

function csvPage(fields: string[], rows: Record<string, string>[]): string {
  const lines = [fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")];
  for (const row of rows) lines.push(fields.map((f) => quote(row[f])).join(","));
  return `${lines.join("\n")}\n`;
}

function intParam(v: string | null, dflt: number): number | null {
  if (v === null) return dflt;
  return /^\d+$/.test(v) ? Number(v) : null;
}

export async function startFakeSocrata(config: {
  datasets: Record<string, FakeDataset>;
  faults?: FakeFaults;
}): Promise<FakeSocrata> {
  const faults = config.faults ?? {};
  const requests: string[] = [];
  const requestHeaders: http.IncomingHttpHeaders[] = [];
  let resourceRequests = 0;

  function fail(req: http.IncomingMessage, res: http.ServerResponse) {
    if (faults.mode === "reset") return void req.socket.destroy();
    if (faults.mode === "hang") return; // never answers; close() cuts the connection
    const extra: Record<string, string> =
      faults.retryAfterSeconds !== undefined ? { "Retry-After": String(faults.retryAfterSeconds) } : {};
    const status = faults.status ?? 503;
    socrataError(
      res,
      status,
      status === 429 ? "too_many_requests" : "internal_error",
      `injected fault (HTTP ${status})`,
      extra,
    );
  }

  const server = http.createServer((req, res) => {
    const target = req.url ?? "/";
    const url = new URL(target, "http://127.0.0.1");
    const view = /^\/api\/views\/([^/]+)\.json$/.exec(url.pathname);
    if (view) {
      const meta = config.datasets[decodeURIComponent(view[1]!)];
      if (!meta) return socrataError(res, 404, "not_found", "Cannot find view");
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      const { rowsUpdatedAt } = meta;
      return void res.end(JSON.stringify({ id: view[1], name: view[1], ...(rowsUpdatedAt ? { rowsUpdatedAt } : {}) }));
    }
    if (!url.pathname.startsWith("/resource/")) {
      if (url.pathname === "/") {
        res.writeHead(200, { "Content-Type": "text/html" });
        return void res.end(req.method === "HEAD" ? undefined : "<html>fake socrata</html>");
      }
      return socrataError(res, 404, "not_found", "Not found");
    }
    requests.push(target);
    requestHeaders.push(req.headers);
    resourceRequests++;
    if (resourceRequests <= (faults.failFirstNRequests ?? 0)) return fail(req, res);

    const m = /^\/resource\/([^/]+)\.(csv|json)$/.exec(url.pathname);
    const dataset = m ? config.datasets[decodeURIComponent(m[1]!)] : undefined;
    if (!m || !dataset)
      return socrataError(res, 404, "not_found", `Dataset ${m ? decodeURIComponent(m[1]!) : url.pathname} not found`);
    const q = url.searchParams;

    if (m[2] === "json") {
      if (q.get("$select") !== "count(*)")
        return socrataError(
          res,
          400,
          "query.compiler.malformed",
          `fake only supports $select=count(*), got ${q.get("$select")}`,
        );
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      return void res.end(JSON.stringify([{ count: String(dataset.rows.length) }]));
    }

    const limit = intParam(q.get("$limit"), 1000);
    const offset = intParam(q.get("$offset"), 0);
    if (limit === null || offset === null || limit === 0)
      return socrataError(res, 400, "query.soql.type-mismatch", "bad $limit or $offset");
    const page = Math.floor(offset / limit) + 1;
    if (faults.failPage === page) return fail(req, res);

    const order = q.get("$order");
    let rows = dataset.rows;
    if (order !== null && order !== ":id") {
      if (!dataset.fields.includes(order))
        return socrataError(res, 400, "query.soql.no-such-column", `No such column: ${order}`);
      rows = [...rows].sort((a, b) => {
        const x = a[order] ?? "";
        const y = b[order] ?? "";
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    const fields = faults.changeHeaderOnPage === page ? [...dataset.fields, ADDED_COLUMN] : dataset.fields;
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8" });
    res.end(csvPage(fields, rows.slice(offset, offset + limit)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    requestHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

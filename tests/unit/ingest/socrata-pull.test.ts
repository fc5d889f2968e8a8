import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { parseRetryAfter } from "@/lib/ingest/pull/http";
import {
  isReachable,
  PullError,
  pullSocrataCsv,
  type PullOptions,
  type PullProgress,
  type RetryInfo,
} from "@/lib/ingest/pull/socrata";
import {
  ADDED_COLUMN,
  startFakeSocrata,
  type FakeDataset,
  type FakeFaults,
  type FakeSocrata,
} from "../../helpers/fake-socrata";

const UOF = "ppi5-g2bj";
const CRISIS = "i2q9-thny";
const UOF_FIELDS = ["id", "incident_num", "incident_type", "occured_date_time", "precinct", "subject_race"];
const CRISIS_FIELDS = ["template_id", "reported_date", "call_type", "disposition", "officer_id"];

/** Awkward values on purpose: commas, quotes, LF and CRLF inside values, empties (nulls), unicode, spaces. */
function tricky(i: number, plain: string): string {
  if (i % 5 === 0) return "";
  if (i % 7 === 0) return `${plain}, with comma`;
  if (i % 11 === 0) return `say "${plain}"`;
  if (i % 13 === 0) return `line one\nline two ${plain}`;
  if (i % 17 === 0) return `crlf\r\n${plain}`;
  if (i % 19 === 0) return `""`;
  if (i % 23 === 0) return `  padded ${plain} é–漢  `;
  return plain;
}

/** Use-of-force-like rows, inserted in a scrambled order so only a working $order=id gives the sorted output. */
function uofDataset(n: number): { dataset: FakeDataset; expected: Record<string, string>[] } {
  const rows: Record<string, string>[] = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 7919) % n; // 7919 is prime and does not divide the sizes used here: a permutation
    rows.push({
      id: `2016UOF-${String(i).padStart(6, "0")}`,
      incident_num: String(9000 + i),
      incident_type: tricky(i, `Level ${(i % 3) + 1} - Use of Force`),
      occured_date_time: `01/08/2016 12:${String(i % 60).padStart(2, "0")}:00 AM`,
      precinct: tricky(i + 1, ["North", "South", "East", "West", "Southwest"][i % 5]!),
      subject_race: tricky(i + 2, "White"),
    });
  }
  const expected = [...rows].sort((a, b) => (a.id! < b.id! ? -1 : 1));
  return { dataset: { fields: UOF_FIELDS, rows }, expected };
}

/** Crisis-like rows with no unique column: order is insertion order (`:id`). */
function crisisDataset(n: number): FakeDataset {
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      template_id: String(n - i), // descending, so sorting by any field would be visible
      reported_date: `2024-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00.000`,
      call_type: tricky(i, "911"),
      disposition: tricky(i + 3, "No Action Possible or Necessary"),
      officer_id: String(i % 40),
    });
  }
  return { fields: CRISIS_FIELDS, rows };
}

const servers: FakeSocrata[] = [];
const dirs: string[] = [];

async function fake(datasets: Record<string, FakeDataset>, faults?: FakeFaults): Promise<FakeSocrata> {
  const f = await startFakeSocrata({ datasets, faults });
  servers.push(f);
  return f;
}

function tmpOut(name = "out.csv"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "socrata-pull-"));
  dirs.push(dir);
  return path.join(dir, "nested", "deeper", name);
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const readBack = (file: string) =>
  parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
const params = (target: string) => new URL(target, "http://x").searchParams;
const csvRequests = (f: FakeSocrata) => f.requests.filter((r) => r.startsWith(`/resource/`) && r.includes(".csv?"));

function base(f: FakeSocrata, over: Partial<PullOptions> = {}): PullOptions {
  return {
    baseUrl: f.baseUrl,
    datasetId: UOF,
    order: "id",
    outFile: tmpOut(),
    pageSize: 1000,
    retryBaseMs: 2,
    ...over,
  };
}

async function pullError(p: Promise<unknown>): Promise<PullError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PullError);
  return err as PullError;
}

function expectNoFiles(outFile: string) {
  expect(fs.existsSync(outFile)).toBe(false);
  expect(fs.existsSync(`${outFile}.partial`)).toBe(false);
}

describe("pullSocrataCsv: paging and output", () => {
  it("pulls 2.5 pages ordered by id into a CSV that parses back to exactly the source rows", async () => {
    const { dataset, expected } = uofDataset(2_500);
    const f = await fake({ [UOF]: dataset });
    const progress: PullProgress[] = [];
    const opts = base(f, { baseUrl: `${f.baseUrl}/`, onProgress: (p) => progress.push(p) });
    const result = await pullSocrataCsv(opts);

    expect(result).toMatchObject({
      rows: 2_500,
      rowsExpected: 2_500,
      pages: 3,
      header: UOF_FIELDS,
      sourceUrl: `${f.baseUrl}/resource/${UOF}.csv`,
    });
    expect(result.retrievedAt).toBeInstanceOf(Date);
    const back = readBack(opts.outFile);
    expect(back).toHaveLength(2_500);
    expect(back).toEqual(expected);
    expect(back.some((r) => r.incident_type === "")).toBe(true);
    expect(back.some((r) => r.incident_type!.includes("\r\n"))).toBe(true);
    expect(back.some((r) => r.incident_type === `""`)).toBe(true);
    expect(result.sha256).toBe(createHash("sha256").update(fs.readFileSync(opts.outFile)).digest("hex"));
    expect(fs.existsSync(`${opts.outFile}.partial`)).toBe(false);

    // Query parameters: $-names survive encoding, and the fake really paged with them.
    expect(f.requests[0]).toMatch(/\.json\?/);
    expect(params(f.requests[0]!).get("$select")).toBe("count(*)");
    const pages = csvRequests(f).map(params);
    expect(pages.map((p) => [p.get("$limit"), p.get("$offset"), p.get("$order")])).toEqual([
      ["1000", "0", "id"],
      ["1000", "1000", "id"],
      ["1000", "2000", "id"],
    ]);
    expect(csvRequests(f)[0]).toContain("%24limit=1000"); // encoded by URLSearchParams, decoded by the server

    expect(progress[0]).toEqual({ rowsDone: 0, rowsTotal: 2_500, page: 0 });
    expect(progress.map((p) => p.page)).toEqual([0, 1, 2, 3]);
    expect(progress.map((p) => p.rowsDone)).toEqual([0, 1000, 2000, 2500]);
    expect(progress.at(-1)).toEqual({ rowsDone: 2_500, rowsTotal: 2_500, page: 3 });
  });

  it("keeps insertion order with $order=:id, stops on an empty last page and sends the app token", async () => {
    const dataset = crisisDataset(2_000);
    const f = await fake({ [CRISIS]: dataset });
    const opts = base(f, { datasetId: CRISIS, order: ":id", appToken: "tok-123" });
    const result = await pullSocrataCsv(opts);
    expect(result).toMatchObject({ rows: 2_000, pages: 3, header: CRISIS_FIELDS });
    expect(readBack(opts.outFile)).toEqual(dataset.rows);
    expect(csvRequests(f).map((r) => params(r).get("$order"))).toEqual([":id", ":id", ":id"]);
    expect(f.requestHeaders.every((h) => h["x-app-token"] === "tok-123")).toBe(true);
  });

  it("writes a header-only file for an empty dataset", async () => {
    const f = await fake({ [UOF]: { fields: UOF_FIELDS, rows: [] } });
    const opts = base(f);
    const result = await pullSocrataCsv(opts);
    expect(result).toMatchObject({ rows: 0, pages: 1, rowsExpected: 0, header: UOF_FIELDS });
    expect(fs.readFileSync(opts.outFile, "utf8").trim()).toBe(UOF_FIELDS.map((h) => `"${h}"`).join(","));
  });

  it("stops after a first page shorter than pageSize", async () => {
    const { dataset, expected } = uofDataset(999);
    const f = await fake({ [UOF]: dataset });
    const opts = base(f);
    const result = await pullSocrataCsv(opts);
    expect(result).toMatchObject({ rows: 999, pages: 1 });
    expect(readBack(opts.outFile)).toEqual(expected);
  });
});

describe("pullSocrataCsv: retries", () => {
  it("honours Retry-After on 503 and succeeds; a failed count is not fatal", async () => {
    const { dataset, expected } = uofDataset(1_500);
    // Request 1 is the count (one attempt only), request 2 the first page: both fail, then all succeed.
    const f = await fake({ [UOF]: dataset }, { failFirstNRequests: 2, status: 503, retryAfterSeconds: 1 });
    const progress: PullProgress[] = [];
    const retries: RetryInfo[] = [];
    const opts = base(f, { onProgress: (p) => progress.push(p), onRetry: (r) => retries.push(r) });
    const started = Date.now();
    const result = await pullSocrataCsv(opts);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result).toMatchObject({ rows: 1_500, pages: 2, rowsExpected: null });
    expect(readBack(opts.outFile)).toEqual(expected);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1000);
    expect(retries[0]!.reason).toMatch(/HTTP 503/);
    expect(progress.every((p) => p.rowsTotal === null)).toBe(true);
    expect(progress.at(-1)!.rowsDone).toBe(1_500);
    expect(csvRequests(f).map((r) => params(r).get("$offset"))).toEqual(["0", "0", "1000"]);
  });

  it("retries 429 with exponential backoff and succeeds", async () => {
    const { dataset, expected } = uofDataset(1_200);
    const f = await fake({ [UOF]: dataset }, { failFirstNRequests: 4, status: 429 });
    const retries: RetryInfo[] = [];
    const opts = base(f, { retryBaseMs: 4, onRetry: (r) => retries.push(r) });
    const result = await pullSocrataCsv(opts);
    expect(result.rows).toBe(1_200);
    expect(readBack(opts.outFile)).toEqual(expected);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // Equal jitter: step k waits between half and all of base * 2^(k-1).
    retries.forEach((r, k) => {
      expect(r.delayMs).toBeGreaterThanOrEqual(2 * 2 ** k);
      expect(r.delayMs).toBeLessThanOrEqual(4 * 2 ** k);
    });
    expect(csvRequests(f).filter((r) => params(r).get("$offset") === "0")).toHaveLength(4);
  });

  it("retries reset connections and timeouts", async () => {
    const { dataset, expected } = uofDataset(300);
    const reset = await fake({ [UOF]: dataset }, { failFirstNRequests: 3, mode: "reset" });
    const a = base(reset);
    expect((await pullSocrataCsv(a)).rows).toBe(300);
    expect(readBack(a.outFile)).toEqual(expected);

    const hang = await fake({ [UOF]: dataset }, { failFirstNRequests: 2, mode: "hang" });
    const retries: RetryInfo[] = [];
    const b = base(hang, { timeoutMs: 250, onRetry: (r) => retries.push(r) });
    expect((await pullSocrataCsv(b)).rows).toBe(300);
    expect(retries.map((r) => r.reason)).toEqual([expect.stringMatching(/timed out after 250 ms/)]);
  });

  it("gives up after maxRetries with a PullError and leaves neither the file nor the .partial", async () => {
    const { dataset } = uofDataset(2_500);
    const f = await fake({ [UOF]: dataset }, { failPage: 2, status: 500 });
    const opts = base(f, { maxRetries: 2 });
    const err = await pullError(pullSocrataCsv(opts));
    expect(err).toMatchObject({ code: "http_error", status: 500, attempts: 3 });
    expect(err.message).toMatch(/gave up after 3 attempts: HTTP 500/);
    expect(err.message).toContain(`${f.baseUrl}/resource/${UOF}.csv?`);
    expect(csvRequests(f).map((r) => params(r).get("$offset"))).toEqual(["0", "1000", "1000", "1000"]);
    expectNoFiles(opts.outFile);
  });

  it("gives up on a server that never answers with code network", async () => {
    const { dataset } = uofDataset(10);
    const f = await fake({ [UOF]: dataset }, { failFirstNRequests: 100, mode: "reset" });
    const opts = base(f, { maxRetries: 1 });
    const err = await pullError(pullSocrataCsv(opts));
    expect(err.code).toBe("network");
    expect(err.attempts).toBe(2);
    expectNoFiles(opts.outFile);
  });
});

describe("pullSocrataCsv: failures that must not be retried", () => {
  it("fails at once on a 404 (unknown dataset) naming the status and URL", async () => {
    const f = await fake({ [UOF]: uofDataset(10).dataset });
    const opts = base(f, { datasetId: "xxxx-0000", retryBaseMs: 1000 });
    const started = Date.now();
    const err = await pullError(pullSocrataCsv(opts));
    // attempts: 1 is the real check; the time bound (generous for a loaded 2-core CI machine) rules out a backoff wait.
    expect(Date.now() - started).toBeLessThan(2900);
    expect(err).toMatchObject({ code: "http_error", status: 404, attempts: 1 });
    expect(err.message).toContain("HTTP 404");
    expect(err.message).toContain(`${f.baseUrl}/resource/xxxx-0000.csv?`);
    expect(csvRequests(f)).toHaveLength(1);
    expect(f.requests).toHaveLength(2); // the count (404, not fatal) and one page request
    expectNoFiles(opts.outFile);
  });

  it("fails at once on a 400 (unknown $order column)", async () => {
    const f = await fake({ [UOF]: uofDataset(10).dataset });
    const err = await pullError(pullSocrataCsv(base(f, { order: "no_such_field" })));
    expect(err).toMatchObject({ code: "http_error", status: 400, attempts: 1 });
    expect(err.message).toMatch(/No such column: no_such_field/);
  });

  it("fails with header_changed when a later page has a different header", async () => {
    const f = await fake({ [UOF]: uofDataset(2_500).dataset }, { changeHeaderOnPage: 3 });
    const opts = base(f);
    const err = await pullError(pullSocrataCsv(opts));
    expect(err.code).toBe("header_changed");
    expect(err.message).toContain("page 3");
    expect(err.message).toContain(`new column(s) "${ADDED_COLUMN}"`);
    expectNoFiles(opts.outFile);
  });

  it("rejects a server that ignores $limit", async () => {
    const f = await fake({ [UOF]: uofDataset(50).dataset });
    const opts = base(f, {
      pageSize: 10,
      fetchImpl: (input, init) => fetch(String(input).replace("%24limit=10", "%24limit=20"), init),
    });
    const err = await pullError(pullSocrataCsv(opts));
    expect(err.code).toBe("bad_response");
    expectNoFiles(opts.outFile);
  });
});

describe("isReachable", () => {
  it("is true for the fake server", async () => {
    const f = await fake({});
    expect(await isReachable(f.baseUrl)).toBe(true);
  });

  it("is false, quickly, for a closed port, a silent server and a bad URL", async () => {
    const f = await startFakeSocrata({ datasets: {} });
    await f.close();
    let started = Date.now();
    expect(await isReachable(f.baseUrl)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2900); // well under the 3 s default timeout: refused at once

    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => void sockets.add(s)); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      started = Date.now();
      expect(await isReachable(`http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, 200)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2900); // the 200 ms timeout applied, not the 3 s default
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
    expect(await isReachable("not a url")).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 0);
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

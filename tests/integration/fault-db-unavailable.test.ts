import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { lockDatabase, useRollbackJournal } from "../fault/sqlite-lock";
import { writeCsv } from "../helpers/temp-db";

/**
 * Fault test: the SQLite database locked by another process, or its file gone. proxy.ts must answer 503 at once
 * (a friendly page, or the API error shape with Retry-After), a route handler caught mid-request must answer 503
 * too, and everything must recover by itself once the database is back. Runs the real proxy and route handlers
 * on a real database file; the HTTP-level check through `next start` is tests/e2e/fault.spec.ts.
 */
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
const ROWS = Array.from({ length: 30 }, (_, i) => [
  `F${i}`,
  `INC${i}`,
  "Level 1 - Use of Force",
  `2019-0${1 + (i % 9)}-15T10:00:00`,
  "West",
  "KING",
  "K2",
  String(100 + (i % 4)),
  `S${i}`,
  "White",
  "Male",
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the database locked or unavailable", () => {
  let dir = "";
  let file = "";
  let proxy: (r: NextRequest) => Promise<Response>;
  let extractRoute: (r: Request, c: { params: Promise<{ dataset: string }> }) => Promise<Response>;
  const page = (path: string) => proxy(new NextRequest(`http://portal.test${path}`));
  const extract = () =>
    extractRoute(new Request("http://portal.test/api/v1/extracts/use-of-force?format=json&limit=5"), {
      params: Promise.resolve({ dataset: "use-of-force" }),
    });
  // The proxy lets a request through with NextResponse.next(), which carries this header.
  const passed = (r: Response) => r.headers.get("x-middleware-next") === "1";

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-fault-"));
    file = path.join(dir, "portal.db");
    // Before anything reads the configuration: lib/env.ts reads DATABASE_URL once per process.
    vi.stubEnv("DATABASE_URL", `file:${file}`);
    await migrateDeploy(`file:${file}`);
    const db = createDb(`file:${file}`);
    await ingestFile(db, { source: "seattle-uof", filePath: writeCsv(dir, "uof.csv", HEADER, ROWS), origin: "file" });
    await db.$disconnect();
    // A lock that refuses readers needs the rollback journal (see tests/fault/sqlite-lock.ts).
    useRollbackJournal(file);
    ({ proxy } = await import("@/proxy"));
    ({ GET: extractRoute } = await import("@/app/api/v1/extracts/[dataset]/route"));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves normally while the database answers", async () => {
    expect(passed(await page("/crisis"))).toBe(true);
    expect((await extract()).status).toBe(200);
  });

  it("answers 503 while another process holds an exclusive lock, and recovers by itself", async () => {
    await sleep(1_100); // past the cached "ok"
    const locker = await lockDatabase(file);
    try {
      const started = performance.now();
      const pageResponse = await page("/use-of-force?precinct=West");
      const apiResponse = await page("/api/v1/extracts/use-of-force");
      // Answered from the probe (100 ms busy wait), not after the app's 10 s busy timeout.
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(pageResponse.status).toBe(503);
      expect(pageResponse.headers.get("retry-after")).toBe("5");
      const html = await pageResponse.text();
      expect(html).toContain("The figures are temporarily unavailable");
      expect(html).not.toMatch(/SQLITE|locked|Error|at \S+ \(/);
      expect(apiResponse.status).toBe(503);
      expect(await apiResponse.json()).toEqual({
        error: { code: "service_unavailable", message: expect.stringMatching(/try again/) },
      });

      // A request that got past the proxy before the lock: the handler itself answers 503 (after the busy timeout).
      const caught = await extract();
      expect(caught.status).toBe(503);
      expect(((await caught.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
    } finally {
      await locker.release();
    }
    await sleep(1_100);
    expect(passed(await page("/use-of-force?precinct=West"))).toBe(true);
    const after = await extract();
    expect(after.status).toBe(200);
    expect(((await after.json()) as { rows: unknown[] }).rows).toHaveLength(5);
  }, 60_000);

  it("answers 503 while the database file is gone, and recovers when it is back", async () => {
    const away = `${file}.away`;
    fs.renameSync(file, away);
    try {
      await sleep(1_100);
      const r = await page("/");
      expect(r.status).toBe(503);
      expect((await page("/api/v1/openapi.json")).status).toBe(503);
      // The probe opens read-only and never creates an empty database in place of the missing one.
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.renameSync(away, file);
    }
    await sleep(1_100);
    expect(passed(await page("/"))).toBe(true);
  });

  it("rejects a path with a broken %-escape with 400 before routing (Next.js would answer 500)", async () => {
    const api = await proxy(new NextRequest("http://portal.test/api/v1/charts/%E0%A4"));
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { code: string; message: string } }).error.message).toMatch(
      /malformed %-escape/,
    );
    expect((await proxy(new NextRequest("http://portal.test/crisis/%"))).status).toBe(400);
    expect(passed(await proxy(new NextRequest("http://portal.test/crisis?callType=%25E0")))).toBe(true);
  });
});

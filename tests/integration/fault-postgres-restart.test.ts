import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from "../fault/private-postgres";
import { writeCsv } from "../helpers/temp-db";

/**
 * Fault test: PostgreSQL restarted during a burst of requests. Every request must either succeed or fail cleanly
 * (503, the one error shape, Retry-After; never a 500 or a hang), and requests must succeed again by themselves
 * after the restart: the app's connection pool must drop its dead connections. Uses a private PostgreSQL server
 * (tests/fault/private-postgres.ts), so the restart disturbs no one else; runs when PostgreSQL tests are enabled
 * (TEST_DATABASE_URL_POSTGRES, as in CI) and the server binaries are installed.
 */
// The test plays the one reverse proxy in front of the app: each request's X-Forwarded-For is its client address.
process.env.TRUST_PROXY = "1";
const why = !process.env.TEST_DATABASE_URL_POSTGRES
  ? "TEST_DATABASE_URL_POSTGRES is not set"
  : privatePostgresUnavailable();
if (why) console.info(`skipping the PostgreSQL restart fault test: ${why}`);

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
const ROWS = Array.from({ length: 200 }, (_, i) => [
  `P${i}`,
  `INC${i % 50}`,
  "Level 1 - Use of Force",
  `2020-0${1 + (i % 9)}-15T10:00:00`,
  i % 2 ? "West" : "East",
  "KING",
  "K2",
  String(100 + (i % 7)),
  `S${i}`,
  "White",
  "Male",
]);

type Handler = (r: Request, c: { params: Promise<{ dataset: string }> }) => Promise<Response>;
interface Outcome {
  at: number;
  status: number;
  code: string | null;
  retryAfter: string | null;
}

describe.skipIf(why)("PostgreSQL restarted during a request burst", () => {
  let server: PrivatePostgres;
  let dir = "";
  let db: Db;
  let extractRoute: Handler;
  let manifestRoute: Handler;
  let openapiRoute: (r: Request, c: unknown) => Promise<Response>;
  let proxy: (r: NextRequest) => Promise<Response>;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    vi.stubEnv("DATABASE_URL", server.url);
    await migrateDeploy(server.url);
    db = createDb(server.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-fault-"));
    await ingestFile(db, { source: "seattle-uof", filePath: writeCsv(dir, "uof.csv", HEADER, ROWS), origin: "file" });
    await db.$disconnect();
    ({ GET: extractRoute } = await import("@/app/api/v1/extracts/[dataset]/route"));
    ({ GET: manifestRoute } = await import("@/app/api/v1/extracts/[dataset]/manifest/route"));
    ({ GET: openapiRoute } = await import("@/app/api/v1/openapi.json/route"));
    ({ proxy } = await import("@/proxy"));
  }, 120_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    const { db: appDb } = await import("@/lib/db/client");
    await appDb()
      .$disconnect()
      .catch(() => {});
    server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const params = { params: Promise.resolve({ dataset: "use-of-force" }) };
  // Each request from its own client address, so the extract rate limit stays out of the picture.
  let n = 0;
  const req = (url: string) => new Request(url, { headers: { "x-forwarded-for": `198.18.1.${++n % 250}` } });
  const calls = [
    () =>
      extractRoute(req("http://portal.test/api/v1/extracts/use-of-force?format=json&limit=20&precinct=West"), params),
    () => manifestRoute(req("http://portal.test/api/v1/extracts/use-of-force/manifest?level=1"), params),
    () => openapiRoute(req("http://portal.test/api/v1/openapi.json"), {}),
  ];

  async function batch(size: number, started: number): Promise<Outcome[]> {
    return Promise.all(
      Array.from({ length: size }, async (_, i) => {
        const r = await calls[i % calls.length]!();
        const body = (await r.json()) as { error?: { code?: string; message?: string } };
        if (r.status !== 200) expect(body.error?.message, `a message with ${r.status}`).toBeTruthy();
        return {
          at: Date.now() - started,
          status: r.status,
          code: body.error?.code ?? null,
          retryAfter: r.headers.get("retry-after"),
        };
      }),
    );
  }

  it("fails cleanly with 503 while the server restarts, and succeeds again by itself", async () => {
    // One log line per failed request is expected here; keep them out of the test output.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const started = Date.now();
    expect((await batch(9, started)).every((o) => o.status === 200)).toBe(true);

    const outcomes: Outcome[] = [];
    const proxyDuringOutage: number[] = [];
    let restartDone = 0;
    const restart = (async () => {
      await new Promise((r) => setTimeout(r, 300));
      await server.restart(1_500);
      restartDone = Date.now() - started;
    })();
    // The burst: back-to-back batches of concurrent requests through the restart and a few seconds beyond.
    while (!restartDone || Date.now() - started < restartDone + 3_000) {
      outcomes.push(...(await batch(9, started)));
      if (!restartDone)
        proxyDuringOutage.push((await proxy(new NextRequest("http://portal.test/use-of-force"))).status);
    }
    await restart;

    logged.mockRestore();
    const failures = outcomes.filter((o) => o.status !== 200);
    console.info(
      `burst: ${outcomes.length} requests, ${failures.length} answered 503; restart finished at ${restartDone} ms`,
    );
    expect(failures.length, "the burst ran into the outage").toBeGreaterThan(0);
    for (const f of failures) expect(f).toMatchObject({ status: 503, code: "service_unavailable", retryAfter: "5" });
    // The proxy saw the outage too (its probe runs at most once a second).
    expect(proxyDuringOutage).toContain(503);

    // Recovered: every request of the last second of the burst succeeded, and so does a fresh batch.
    expect(outcomes.filter((o) => o.at > restartDone + 2_000).every((o) => o.status === 200)).toBe(true);
    expect((await batch(12, started)).map((o) => o.status)).toEqual(Array(12).fill(200));
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await proxy(new NextRequest("http://portal.test/use-of-force"))).headers.get("x-middleware-next")).toBe(
      "1",
    );
  }, 90_000);
});

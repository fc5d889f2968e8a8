import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { pidListeningOn, rssMiB } from "../../scripts/bench/proc";
import { startServer, type Server } from "../../scripts/bench/server";
import { lockDatabase, useRollbackJournal } from "../fault/sqlite-lock";

/**
 * Fault tests through a real `next start` (the e2e build):
 * - the database locked by another process, then its file gone: pages answer 503 with a friendly page (no stack
 *   trace, no internals), the API answers 503 in its error shape, and both recover by themselves. These run on a
 *   second server with a copy of the e2e database, so the shared e2e server is never disturbed;
 * - a client whose disk fills up in the middle of a large extract: it gives up, and the server keeps serving.
 * The same mechanisms are tested in detail, without a build, in tests/integration/fault-*.test.ts.
 */
const e2eDb = (process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db").replace(/^file:/, "");
const faultPort = Number(process.env.E2E_PORT ?? 3100) + 50;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Date.now() - started;
}

test.describe("the database locked or unavailable", () => {
  test.describe.configure({ timeout: 120_000 });
  let dir = "";
  let file = "";
  let server: Server;

  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-fault-"));
    file = path.join(dir, "portal.db");
    const source = new Database(path.resolve(e2eDb), { readonly: true });
    await source.backup(file); // a consistent copy while the e2e server keeps the original open
    source.close();
    useRollbackJournal(file);
    server = await startServer(
      { ...process.env, DATABASE_URL: `file:${file}` },
      faultPort,
      process.env.NEXT_DIST_DIR ?? ".next",
    );
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("locked: 503 with a friendly page and Retry-After; the site recovers by itself", async ({ page }) => {
    expect((await fetch(`${server.baseUrl}/crisis`)).status).toBe(200);
    const lock = await lockDatabase(file);
    try {
      // Past the probe's cached "ok" (1 s): a request inside that second would reach the database itself.
      await new Promise((r) => setTimeout(r, 1_100));
      await until(async () => (await fetch(`${server.baseUrl}/`)).status === 503, 5_000);
      for (const p of ["/", "/crisis?precinct=North", "/use-of-force", "/extracts", "/staff/sign-in"]) {
        const started = performance.now();
        const r = await fetch(`${server.baseUrl}${p}`);
        expect(performance.now() - started, `${p} answered at once`).toBeLessThan(2_000);
        expect(r.status, p).toBe(503);
        expect(r.headers.get("retry-after")).toBe("5");
        const html = await r.text();
        expect(html).toContain("The figures are temporarily unavailable");
        expect(html, "no internals").not.toMatch(/SQLITE|locked|prisma|Error:|\bat \S+ \(|\.next/i);
      }
      const api = await fetch(`${server.baseUrl}/api/v1/extracts/use-of-force?limit=5`);
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({
        error: { code: "service_unavailable", message: expect.stringContaining("try again") },
      });

      // What a visitor sees: a readable page that passes the accessibility scan.
      const response = await page.goto(`${server.baseUrl}/cit`);
      expect(response?.status()).toBe(503);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("The figures are temporarily unavailable");
      const scan = await new AxeBuilder({ page }).analyze();
      expect(scan.violations.map((v) => v.id)).toEqual([]);
    } finally {
      await lock.release();
    }
    const recoveredIn = await until(async () => (await fetch(`${server.baseUrl}/crisis`)).status === 200, 5_000);
    console.info(`fault: pages served again ${recoveredIn} ms after the lock was released`);
    expect((await fetch(`${server.baseUrl}/api/v1/extracts/use-of-force?limit=5`)).status).toBe(200);
  });

  test("file gone: 503 until it is back", async () => {
    fs.renameSync(file, `${file}.away`);
    try {
      await until(async () => (await fetch(`${server.baseUrl}/use-of-force`)).status === 503, 5_000);
      expect((await fetch(`${server.baseUrl}/api/v1/openapi.json`)).status).toBe(503);
    } finally {
      fs.renameSync(`${file}.away`, file);
    }
    await until(async () => (await fetch(`${server.baseUrl}/use-of-force`)).status === 200, 5_000);
  });
});

test("disk full on the client during a large extract: the download fails, the server keeps serving", async ({
  baseURL,
}) => {
  const port = Number(new URL(baseURL!).port);
  const pid = pidListeningOn(port);
  const before = pid ? rssMiB(pid) : NaN;
  // /dev/full fails every write with ENOSPC, as a full disk does.
  const download = new Promise<http.IncomingMessage>((resolve, reject) => {
    http
      .get(
        {
          host: "127.0.0.1",
          port,
          path: "/api/v1/extracts/crisis-rows",
          headers: { "x-forwarded-for": "198.18.9.9", "accept-encoding": "identity" },
        },
        resolve,
      )
      .on("error", reject);
  });
  const res = await download;
  expect(res.statusCode).toBe(200);
  await expect(pipeline(res, fs.createWriteStream("/dev/full"))).rejects.toMatchObject({ code: "ENOSPC" });
  res.destroy(); // what a client does when it gives up: the connection closes in the middle of the response

  // The server stopped streaming to the dead connection and answers the next requests normally.
  const next = await fetch(`${baseURL}/api/v1/extracts/use-of-force?limit=5`, {
    headers: { "x-forwarded-for": "198.18.9.10" },
  });
  expect(next.status).toBe(200);
  expect((await next.text()).trim().split("\n")).toHaveLength(6);
  expect((await fetch(`${baseURL}/`)).status).toBe(200);
  if (pid) {
    console.info(
      `fault: server RSS ${before.toFixed(0)} MiB before, ${rssMiB(pid).toFixed(0)} MiB after the aborted download`,
    );
    expect(rssMiB(pid) - before).toBeLessThan(256);
  }
});

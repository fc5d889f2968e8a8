import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

/**
 * The response cache (lib/http/page-cache.ts, proxy.ts) against the production server: public pages and public API
 * answers are rendered once per content stamp and then served as stored bytes; staff pages, signed-in readers and
 * client-side navigations never are; a write from another process (what an ingest is) is seen within seconds; the
 * extract rate limit counts cached answers too.
 */
const CACHE = "x-portal-cache";
const get = (baseURL: string, p: string, headers: Record<string, string> = {}) =>
  fetch(`${baseURL}${p}`, { headers: { "accept-encoding": "identity", ...headers }, redirect: "manual" });

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

test("a public page renders once, then every reader gets the same bytes with the same headers", async ({ baseURL }) => {
  const p = "/crisis?granularity=quarter&precinct=West";
  const first = await get(baseURL!, p);
  expect(first.status).toBe(200);
  const firstBody = await first.text();
  const second = await get(baseURL!, "/crisis?precinct=West&granularity=quarter"); // same filters, other order
  expect(second.headers.get(CACHE)).toBe("hit");
  expect(await second.text()).toBe(firstBody);
  for (const h of ["content-security-policy", "x-frame-options", "x-content-type-options", "content-type"])
    expect(second.headers.get(h), h).toBe(first.headers.get(h));
  expect(firstBody).toContain("West");
});

test("the public API is cached too, and a cached answer equals a fresh one", async ({ baseURL }) => {
  const p = "/api/v1/extracts/use-of-force?format=json&limit=7&level=2";
  const headers = { "x-forwarded-for": "198.18.200.1" };
  const a = await get(baseURL!, p, headers);
  const b = await get(baseURL!, p, headers);
  expect(a.status).toBe(200);
  expect(b.headers.get(CACHE)).toBe("hit");
  expect(await b.json()).toEqual(await a.json());
  expect(b.headers.get("x-dataset-version")).toBe(a.headers.get("x-dataset-version"));
});

test("staff pages, signed-in readers and client-side navigations are never served from the cache", async ({
  baseURL,
}) => {
  for (const p of ["/staff/sign-in", "/staff/sign-in"]) {
    const r = await get(baseURL!, p);
    expect(r.headers.get(CACHE), p).toBeNull();
    expect(r.headers.get("cache-control")).toContain("no-store");
  }
  await get(baseURL!, "/cit");
  expect((await get(baseURL!, "/cit")).headers.get(CACHE)).toBe("hit");
  expect(
    (await get(baseURL!, "/cit", { cookie: "authjs.session-token=not-a-real-one" })).headers.get(CACHE),
  ).toBeNull();
  // A client-side navigation gets its RSC payload, never the cached page.
  const rsc = await get(baseURL!, "/cit", { rsc: "1" });
  expect(rsc.headers.get(CACHE)).toBeNull();
  // (Next.js answers an RSC request without its _rsc hash with a redirect to the hashed address: not HTML either.)
  expect(rsc.headers.get("content-type") ?? "").not.toContain("text/html");
  expect((await get(baseURL!, "/cit?_rsc=abc12")).headers.get(CACHE)).toBeNull();
});

test("a write from another process (as an ingest makes) is served within seconds", async ({ baseURL }) => {
  const p = "/metrics";
  await get(baseURL!, p);
  expect((await get(baseURL!, p)).headers.get(CACHE)).toBe("hit");
  // Touch one precomputed result the way a new load rewrites them (same payload, new computedAt).
  const url = process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db";
  const db = new Database(path.resolve(url.replace(/^file:/, "")), { timeout: 10_000 });
  try {
    const row = db.prepare(`SELECT id, computedAt FROM Result ORDER BY id LIMIT 1`).get() as {
      id: number;
      computedAt: number | string;
    };
    const now = typeof row.computedAt === "number" ? Date.now() : new Date().toISOString();
    db.prepare(`UPDATE Result SET computedAt = ? WHERE id = ?`).run(now, row.id);
  } finally {
    db.close();
  }
  expect(
    await until(async () => (await get(baseURL!, p)).headers.get(CACHE) === "miss", 5_000),
    "re-rendered after the write",
  ).toBe(true);
  expect((await get(baseURL!, p)).headers.get(CACHE)).toBe("hit");
});

test("the extract rate limit counts cached answers", async ({ baseURL }) => {
  const headers = { "x-forwarded-for": "198.18.200.2" };
  const p = "/api/v1/extracts/use-of-force?format=json&limit=3";
  let hits = 0;
  let limited: { error: { code: string } } | null = null;
  for (let i = 0; i < 200 && !limited; i++) {
    const r = await get(baseURL!, p, headers);
    if (r.status === 429) limited = (await r.json()) as { error: { code: string } };
    else {
      if (r.headers.get(CACHE) === "hit") hits++;
      await r.arrayBuffer();
    }
  }
  expect(hits).toBeGreaterThan(10);
  expect(limited, "limited after the per-minute budget").not.toBeNull();
  expect(limited!.error.code).toBe("rate_limited");
});

test("a client-side navigation to a cached page stays client-side (it gets the RSC payload, not the page)", async ({
  page,
  baseURL,
}) => {
  await get(baseURL!, "/");
  expect((await get(baseURL!, "/")).headers.get(CACHE)).toBe("hit");
  await page.goto("/no-such-page");
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByRole("link", { name: "key findings", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("h1").first()).toBeVisible();
  // A full page load (what an HTML answer to the RSC request forces) would have reset the window.
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});

import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Browser } from "@playwright/test";
import fs from "node:fs";
import { openE2eDb } from "./db";
import { createAnalyst, signIn, signInAs } from "./staff-helpers";

/**
 * Issue 25 items 4, 6 and 9 through a real `next start`:
 * - without TRUST_PROXY a client cannot pick its own address: a new X-Forwarded-For (or a forged peer header) per
 *   request still hits the one per-client extract limit (a second server on the e2e build, limit 5 a minute);
 * - a copied session cookie is refused after sign-out and after a password reset, not at its 8-hour expiry;
 * - malformed or cross-site server-action POSTs are 403 / 400, never 500.
 */
async function startServer(
  port: number,
  extra: Record<string, string>,
): Promise<{ child: ChildProcess; base: string }> {
  // The same build and secret as the e2e server (playwright.config.ts), minus TRUST_PROXY.
  const secret = process.env.AUTH_SECRET ?? fs.readFileSync(".data/auth-secret", "utf8").trim();
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    AUTH_SECRET: secret,
    ...extra,
  } as NodeJS.ProcessEnv;
  delete env.TRUST_PROXY;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`${base}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, base };
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGKILL");
  throw new Error(`next start on ${port} did not come up: ${output.slice(-2000)}`);
}

test("without TRUST_PROXY, X-Forwarded-For is ignored: one client, one rate-limit bucket, the socket address audited", async ({
  baseURL,
  playwright,
}) => {
  test.setTimeout(90_000);
  const port = Number(new URL(baseURL!).port) + 19;
  const { child, base } = await startServer(port, {
    EXTRACT_RATE_LIMIT_PER_MIN: "5",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db",
  });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const headers = {
        "x-forwarded-for": `198.18.77.${i}`,
        "x-real-ip": `198.18.78.${i}`,
        "x-portal-peer-address": `198.18.79.${i}`,
      };
      statuses.push((await fetch(`${base}/api/v1/extracts/use-of-force?columns=nope`, { headers })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // The address the sign-in throttle and the audit log record is the socket's, not the forged one.
    const api = await playwright.request.newContext({ baseURL: base });
    const email = `spoof-${Date.now()}@spd.test`;
    const { csrfToken } = await (
      await api.get("/api/auth/csrf", { headers: { "x-forwarded-for": "203.0.113.250" } })
    ).json();
    await api.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": "203.0.113.250" },
      form: { csrfToken, email, password: "guess-password" },
      maxRedirects: 0,
    });
    const db = openE2eDb();
    try {
      expect(
        db.prepare(`SELECT ip FROM AuditLog WHERE actorEmail = ? AND action = 'auth.sign_in_failed'`).all(email),
      ).toEqual([{ ip: "127.0.0.1" }]);
      expect(db.prepare(`SELECT ip FROM LoginAttempt WHERE email = ?`).all(email)).toEqual([{ ip: "127.0.0.1" }]);
    } finally {
      db.close();
    }
  } finally {
    child.kill("SIGTERM");
  }
});

async function signedInCopy(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/staff$/);
  const cookies = await context.cookies();
  // Another browser with a copy of the session cookie (stolen, or a second tab on another machine).
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  expect((await copy.request.get("/staff/api/me")).status()).toBe(200);
  return { page, copy };
}

test("a copied session cookie is refused after sign-out and after a password reset", async ({ browser }) => {
  const email = `revoke-${Date.now()}@spd.test`;
  const password = createAnalyst(email);
  const first = await signedInCopy(browser, email, password);
  await first.page.getByRole("button", { name: "Sign out" }).click();
  await expect(first.page).toHaveURL(/\/staff\/sign-in\?signedOut=1$/);
  expect((await first.copy.request.get("/staff/api/me")).status()).toBe(401);

  const second = await signedInCopy(browser, email, password); // signing in again works
  const adminPage = await (await browser.newContext()).newPage();
  await signInAs(adminPage, "admin");
  await adminPage.goto("/staff/admin/users");
  const row = adminPage.locator(`tr[data-email="${email}"]`);
  await row.getByRole("button", { name: `Reset password of ${email}` }).click();
  await expect(row.getByTestId("one-time-secret")).toBeVisible();
  expect((await second.copy.request.get("/staff/api/me")).status()).toBe(401);
  expect((await second.page.request.get("/staff/api/me")).status()).toBe(401);
});

test("malformed or cross-site server-action requests answer 403 / 400, not 500", async ({ request, baseURL }) => {
  const action = {
    "next-action": "7f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a1c",
    "content-type": "text/plain;charset=UTF-8",
  };
  const page = "/staff/sign-in";
  for (const origin of ["", "null", "not a url", "http://evil.example"]) {
    const res = await request.post(page, { headers: { ...action, origin }, data: '["$K1"]', maxRedirects: 0 });
    expect(res.status(), `Origin ${JSON.stringify(origin)}`).toBe(403);
  }
  const own = new URL(baseURL!).origin;
  expect(
    (
      await request.post(page, { headers: { ...action, origin: own }, data: "\u0000{garbage", maxRedirects: 0 })
    ).status(),
  ).toBe(400);
  expect(
    (
      await request.post(page, {
        headers: { ...action, origin: own, "content-type": "multipart/form-data; boundary=x" },
        data: "garbage",
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(400);
  expect(
    (
      await request.post(page, {
        headers: { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
        data: "a=1",
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(403);
  // A well-formed request for an action that does not exist is Next.js's to answer, and not with a 5xx.
  expect(
    (await request.post(page, { headers: { ...action, origin: own }, data: '["$K1"]', maxRedirects: 0 })).status(),
  ).toBeLessThan(500);
});

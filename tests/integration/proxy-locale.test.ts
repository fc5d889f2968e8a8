import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migrateDeploy } from "@/lib/db/migrate";

/**
 * proxy.ts's locale handling end to end through the real proxy (issue 20): /es/... is rewritten to the same route with
 * the locale in request headers it sets itself, /en/... records the choice and redirects, the cookie brings an English
 * address to Spanish, and a client-side navigation to another root layout is answered 204 (a page load).
 */
describe("the proxy's locale routing", () => {
  let dir = "";
  let proxy: (r: NextRequest) => Promise<Response>;
  const call = (p: string, headers: Record<string, string> = {}) =>
    proxy(new NextRequest(`http://portal.test${p}`, { headers }));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-locale-"));
    const file = path.join(dir, "portal.db");
    vi.stubEnv("DATABASE_URL", `file:${file}`);
    await migrateDeploy(`file:${file}`);
    ({ proxy } = await import("@/proxy"));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rewrites /es/... to the route with the locale and the unprefixed path, and records the locale", async () => {
    const r = await call("/es/crisis?precinct=West", { "sec-fetch-dest": "document" });
    expect(new URL(r.headers.get("x-middleware-rewrite")!).pathname).toBe("/crisis");
    expect(new URL(r.headers.get("x-middleware-rewrite")!).search).toBe("?precinct=West");
    expect(r.headers.get("x-middleware-request-x-portal-locale")).toBe("es");
    expect(r.headers.get("x-middleware-request-x-portal-path")).toBe("/crisis");
    expect(r.headers.get("set-cookie")).toMatch(/^NEXT_LOCALE=es; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });

  it("overwrites a locale header sent by a client", async () => {
    const r = await call("/crisis", { "x-portal-locale": "es" });
    expect(r.headers.get("x-middleware-request-x-portal-locale")).toBe("en");
    expect(r.headers.get("x-middleware-next")).toBe("1");
  });

  it("redirects /en/... to the English address and the remembered Spanish choice to /es", async () => {
    const en = await call("/en/crisis?year=2020", { cookie: "NEXT_LOCALE=es" });
    expect(en.status).toBe(307);
    expect(en.headers.get("location")).toBe("http://portal.test/crisis?year=2020");
    expect(en.headers.get("set-cookie")).toMatch(/^NEXT_LOCALE=en;/);
    const remembered = await call("/crisis?year=2020", { cookie: "NEXT_LOCALE=es", "sec-fetch-dest": "document" });
    expect(remembered.status).toBe(307);
    expect(remembered.headers.get("location")).toBe("http://portal.test/es/crisis?year=2020");
    expect(remembered.headers.get("set-cookie")).toBeNull();
  });

  it("makes a client-side navigation between layouts a page load", async () => {
    const r = await call("/es/crisis", { rsc: "1", "sec-fetch-dest": "empty", referer: "http://portal.test/crisis" });
    expect(r.status).toBe(204);
    // The Referer is compared with the Host header (Next.js's nextUrl names 127.0.0.1 "localhost").
    const local = await proxy(
      new NextRequest("http://127.0.0.1:3000/es", {
        headers: { rsc: "1", host: "127.0.0.1:3000", referer: "http://127.0.0.1:3000/crisis" },
      }),
    );
    expect(local.status).toBe(204);
    const same = await call("/es/data", {
      rsc: "1",
      "sec-fetch-dest": "empty",
      referer: "http://portal.test/es/crisis",
    });
    expect(same.headers.get("x-middleware-rewrite")).not.toBeNull();
  });
});

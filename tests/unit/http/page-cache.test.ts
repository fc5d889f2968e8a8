import { describe, expect, it } from "vitest";
import {
  isCacheableResponse,
  PageCache,
  pageCacheKey,
  RenderSlots,
  storableHeaders,
  type CachedPage,
} from "@/lib/http/page-cache";

const page = (stamp: string, bytes: number): CachedPage => ({
  stamp,
  status: 200,
  headers: [["content-type", "text/html; charset=utf-8"]],
  body: new Uint8Array(bytes),
});
const key = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  pageCacheKey(method, new URL(url, "http://portal.test"), new Headers(headers));

describe("PageCache", () => {
  it("returns a page only for the stamp it was rendered with, and drops it on another", () => {
    const c = new PageCache(1000);
    c.set("/crisis", page("s1", 100));
    expect(c.get("/crisis", "s1")?.body.byteLength).toBe(100);
    expect(c.get("/crisis", "s2")).toBeUndefined();
    expect(c.get("/crisis", "s1"), "dropped when seen with a newer stamp").toBeUndefined();
    expect(c.totalBytes).toBe(0);
  });

  it("keeps total bytes under the bound, evicting the least recently used", () => {
    const c = new PageCache(500);
    for (const k of ["/a", "/b", "/c", "/d"]) c.set(k, page("s", 120));
    expect(c.totalBytes).toBe(480);
    c.get("/a", "s"); // /a is now the most recently used: /b goes first
    c.set("/e", page("s", 120));
    expect(c.size).toBe(4);
    expect(c.get("/b", "s")).toBeUndefined();
    expect(c.get("/a", "s")).toBeDefined();
    expect(c.totalBytes).toBe(480);
  });

  it("refuses a page larger than a quarter of the cache", () => {
    const c = new PageCache(1000);
    c.set("/big", page("s", 251));
    expect(c.size).toBe(0);
  });

  it("drops every page of an older stamp when a page of a new stamp arrives", () => {
    const c = new PageCache(1000);
    c.set("/a", page("old", 100));
    c.set("/b", page("old", 100));
    c.set("/a", page("new", 100));
    expect(c.size).toBe(1);
    expect(c.totalBytes).toBe(100);
  });

  it("replacing a page does not count it twice", () => {
    const c = new PageCache(1000);
    c.set("/a", page("s", 100));
    c.set("/a", page("s", 120));
    expect(c.totalBytes).toBe(120);
  });
});

describe("pageCacheKey", () => {
  it("keys public pages by path and sorted query (repeated parameters keep their order)", () => {
    expect(key("/")).toBe("/");
    expect(key("/crisis?precinct=North&granularity=month")).toBe("/crisis?granularity=month&precinct=North");
    expect(key("/crisis?granularity=month&precinct=North")).toBe(key("/crisis?precinct=North&granularity=month"));
    expect(key("/x?b=2&a=1&b=1")).toBe("/x?a=1&b=2&b=1");
  });

  it.each([
    ["a staff page", "/staff", {}],
    ["a staff sub-page", "/staff/eis?unit=West", {}],
    ["another API", "/api/other", {}],
    ["sign-in endpoints", "/api/auth/session", {}],
    ["build assets", "/_next/static/chunks/a.js", {}],
    ["a client-side navigation", "/crisis", { rsc: "1" }],
    ["a prefetch", "/crisis", { "next-router-prefetch": "1" }],
    ["an RSC query", "/crisis?_rsc=abc", {}],
    ["a server action", "/", { "next-action": "abc" }],
    ["a signed-in reader", "/crisis", { cookie: "theme=x; authjs.session-token=abc" }],
    ["a signed-in reader over HTTPS", "/crisis", { cookie: "__Secure-authjs.session-token=abc" }],
    ["an over-long address", `/crisis?q=${"x".repeat(3000)}`, {}],
  ])("does not cache %s", (_label, url, headers) => {
    expect(key(url, headers as Record<string, string>)).toBeNull();
  });

  it("does not cache other methods", () => {
    expect(key("/", {}, "POST")).toBeNull();
    expect(key("/", {}, "HEAD")).toBeNull();
  });

  it("keys the public API like pages", () => {
    expect(key("/api/v1/extracts/use-of-force?limit=5&format=json")).toBe(
      "/api/v1/extracts/use-of-force?format=json&limit=5",
    );
    expect(key("/api/v1/openapi.json")).toBe("/api/v1/openapi.json");
  });

  it("keys every pinnable API answer on its release: pinned, other release and latest never share an entry", () => {
    for (const p of [
      "/api/v1/extracts/aggregate-uof-officers?format=json",
      "/api/v1/extracts/aggregate-uof-officers/manifest?precinct=West",
      "/api/v1/extracts/aggregate-uof-officers/zip",
      "/api/v1/extracts/use-of-force?limit=5",
      "/api/v1/dictionary/aggregate-uof-officers",
      "/api/v1/openapi.json",
    ]) {
      const pin = (id: string) => `${p}${p.includes("?") ? "&" : "?"}release=${id}`;
      const keys = [key(p), key(pin("2026.12.1")), key(pin("2026.12.2"))];
      expect(keys.every((k) => k !== null)).toBe(true);
      expect(new Set(keys).size, p).toBe(3);
    }
  });

  it("an unrelated cookie does not stop caching", () => {
    expect(key("/crisis", { cookie: "consent=yes" })).toBe("/crisis");
  });
});

describe("responses", () => {
  it("keeps only 200 pages and data formats without a cookie", () => {
    const html = { "content-type": "text/html; charset=utf-8" };
    expect(isCacheableResponse(200, new Headers(html))).toBe(true);
    expect(isCacheableResponse(404, new Headers(html))).toBe(false);
    expect(isCacheableResponse(503, new Headers(html))).toBe(false);
    expect(isCacheableResponse(200, new Headers({ "content-type": "text/csv; charset=utf-8" }))).toBe(true);
    expect(isCacheableResponse(200, new Headers({ "content-type": "application/json" }))).toBe(true);
    expect(isCacheableResponse(200, new Headers({ "content-type": "image/png" }))).toBe(false);
    expect(isCacheableResponse(429, new Headers({ "content-type": "application/json" }))).toBe(false);
    expect(isCacheableResponse(200, new Headers({ ...html, "set-cookie": "a=b" }))).toBe(false);
  });

  it("drops the headers of one transfer", () => {
    const h = new Headers({
      "content-type": "text/html",
      "content-length": "5",
      "content-encoding": "gzip",
      date: "x",
      "x-frame-options": "DENY",
    });
    expect(Object.fromEntries(storableHeaders(h))).toEqual({ "content-type": "text/html", "x-frame-options": "DENY" });
  });

  it("drops Next.js's routing headers of the render (a rewritten /es page must not rewrite the reader's request)", () => {
    const h = new Headers({ "content-type": "text/html", "x-middleware-rewrite": "/crisis", "x-nextjs-cache": "MISS" });
    expect(Object.fromEntries(storableHeaders(h))).toEqual({ "content-type": "text/html", "x-nextjs-cache": "MISS" });
  });
});

describe("RenderSlots", () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it("lets `limit` renders run, queues the rest first come first served, and hands a slot over on release", async () => {
    const slots = new RenderSlots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const c = slots.acquire().then((release) => (order.push("c"), release));
    const d = slots.acquire().then((release) => (order.push("d"), release));
    await tick();
    expect(order).toEqual([]);
    expect(slots.queued).toBe(2);
    a();
    a(); // a second release of the same slot changes nothing
    await tick();
    expect(order).toEqual(["c"]);
    b();
    await tick();
    expect(order).toEqual(["c", "d"]);
    (await c)();
    (await d)();
    // All free again: two acquire at once without waiting.
    const [e, f] = await Promise.all([slots.acquire(), slots.acquire()]);
    expect(slots.queued).toBe(0);
    const g = slots.acquire();
    await tick();
    expect(slots.queued).toBe(1);
    e();
    f();
    (await g)();
  });
});

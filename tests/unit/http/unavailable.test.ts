import { describe, expect, it } from "vitest";
import { publicRoute, unavailableApiResponse, unavailablePageResponse } from "@/lib/http/unavailable";

describe("503 responses", () => {
  it("API: the one error shape, Retry-After, never cached", async () => {
    const r = unavailableApiResponse();
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("5");
    expect(r.headers.get("cache-control")).toBe("no-store");
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("service_unavailable");
    expect(body.error.message).toMatch(/try again/);
  });

  it("page: a self-contained HTML page that says the site comes back by itself", async () => {
    const r = unavailablePageResponse();
    expect(r.status).toBe(503);
    expect(r.headers.get("content-type")).toContain("text/html");
    const html = await r.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>The figures are temporarily unavailable</h1>");
    expect(html).not.toMatch(/<script|Error:|at \S+ \(/);
  });
});

describe("publicRoute", () => {
  const request = new Request("http://portal.test/api/v1/openapi.json");

  it("turns a database outage in the middle of a request into a 503", async () => {
    const handler = publicRoute(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    const r = await handler(request, {});
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
  });

  it("lets other errors through (they are bugs: logged by Next.js, answered 500 without detail)", async () => {
    const handler = publicRoute(async () => {
      throw new TypeError("boom");
    });
    await expect(handler(request, {})).rejects.toThrow("boom");
  });

  it("passes responses through untouched", async () => {
    const handler = publicRoute(async () => new Response("ok", { status: 201 }));
    expect((await handler(request, {})).status).toBe(201);
  });
});

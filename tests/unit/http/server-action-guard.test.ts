import { describe, expect, it } from "vitest";
import { serverActionGuard } from "@/lib/http/server-action-guard";

/** Issue 25 item 9: malformed server-action requests get 403 / 400 from proxy.ts instead of Next.js's 500. */
const ACTION = "7f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a1c";
const post = (headers: Record<string, string>, body: BodyInit = '["$K1"]') =>
  new Request("http://127.0.0.1:3125/staff/eis/officers/9101", {
    method: "POST",
    headers: { host: "127.0.0.1:3125", ...headers },
    body,
  });
const status = async (r: Request, path = "/staff/eis/officers/9101", api = false) =>
  (await serverActionGuard(r, path, api))?.status ?? "passed";

describe("server-action guard", () => {
  it("refuses an empty, malformed, 'null' or cross-site Origin with 403", async () => {
    for (const origin of [undefined, "", "null", "not a url", "http://evil.example", "http://127.0.0.1:9999"]) {
      const headers: Record<string, string> = { "next-action": ACTION, "content-type": "text/plain;charset=UTF-8" };
      if (origin !== undefined) headers.origin = origin;
      expect(await status(post(headers)), String(origin)).toBe(403);
    }
    // A cross-site form post (no Next-Action header: a no-JavaScript action) too.
    expect(
      await status(post({ origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" }, "a=1")),
    ).toBe(403);
  });

  it("refuses a bad action ID, content type or body with 400", async () => {
    const ok = { origin: "http://127.0.0.1:3125" };
    expect(await status(post({ ...ok, "next-action": "../../etc", "content-type": "text/plain" }))).toBe(400);
    expect(await status(post({ ...ok, "next-action": ACTION, "content-type": "application/json" }))).toBe(400);
    expect(await status(post({ ...ok, "next-action": ACTION, "content-type": "text/plain" }, "\u0000{not json"))).toBe(
      400,
    );
    expect(
      await status(
        post(
          { ...ok, "next-action": ACTION, "content-type": "multipart/form-data; boundary=xyz" },
          "garbage without boundary",
        ),
      ),
    ).toBe(400);
  });

  it("lets well-formed same-origin actions, other methods and API routes through", async () => {
    const ok = { origin: "http://127.0.0.1:3125", "next-action": ACTION };
    expect(await status(post({ ...ok, "content-type": "text/plain;charset=UTF-8" }))).toBe("passed");
    const form = new FormData();
    form.append("scoreId", "1");
    expect(
      await status(
        new Request("http://127.0.0.1:3125/x", {
          method: "POST",
          headers: { host: "127.0.0.1:3125", ...ok },
          body: form,
        }),
      ),
    ).toBe("passed");
    expect(await status(post({ origin: "http://evil.example", "content-type": "application/json" }))).toBe("passed"); // not an action
    expect(
      await status(
        post({ "content-type": "application/x-www-form-urlencoded" }, "a=1"),
        "/api/auth/callback/credentials",
        true,
      ),
    ).toBe("passed");
    expect(await status(new Request("http://127.0.0.1:3125/", { headers: { "next-action": ACTION } }))).toBe("passed");
  });
});

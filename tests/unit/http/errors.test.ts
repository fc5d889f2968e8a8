import { describe, expect, it } from "vitest";
import { z } from "zod";
import { APP_ERROR_CODES, AppError, type AppErrorCode } from "@/lib/errors/app-error";
import { apiError, HTTP_STATUS } from "@/lib/http/errors";
import { apiOk, staffRoute } from "@/lib/http/staff-api";

const bodyOf = async (r: Response) => (await r.json()) as { error: { code: string; message: string } };

describe("apiError: the API's one mapping of AppError", () => {
  it.each<[AppErrorCode, number]>([
    ["bad_request", 400],
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["unprocessable", 422],
    ["rate_limited", 429],
    ["internal", 500],
    ["unavailable", 503],
  ])("%s answers %i with { error: { code, message } }", async (code, status) => {
    const r = apiError(new AppError(code, `a ${code} error`));
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toMatch(/application\/json/);
    expect(await bodyOf(r)).toEqual({ error: { code, message: `a ${code} error` } });
  });

  it("has a status for every code", () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...APP_ERROR_CODES].sort());
  });

  it("answers the error's reason as the code when it has one (the public API's documented codes)", async () => {
    const r = apiError(new AppError("bad_request", "cursor is stale", { reason: "stale_cursor" }));
    expect(r.status).toBe(400);
    expect(await bodyOf(r)).toEqual({ error: { code: "stale_cursor", message: "cursor is stale" } });
  });

  it("sends Retry-After when the error says when to try again, and never lets a cache keep a 429", async () => {
    const limited = apiError(new AppError("rate_limited", "slow down", { retryAfterSeconds: 12 }));
    expect(limited.headers.get("retry-after")).toBe("12");
    expect(limited.headers.get("cache-control")).toBe("no-store");
    const noData = apiError(new AppError("unavailable", "not loaded", { reason: "no_data", retryAfterSeconds: 600 }));
    expect(noData.status).toBe(503);
    expect(noData.headers.get("retry-after")).toBe("600");
    expect(noData.headers.get("cache-control")).toBeNull();
    expect(apiError(new AppError("not_found", "x"), { "Cache-Control": "private" }).headers.get("cache-control")).toBe(
      "private",
    );
  });

  it("keeps field errors out of the body (the documented shape has code and message only)", async () => {
    const r = apiError(new AppError("bad_request", "check", { fieldErrors: { email: "bad" } }));
    expect(await bodyOf(r)).toEqual({ error: { code: "bad_request", message: "check" } });
  });
});

describe("staffRoute: staff route handlers answer through the same apiError, never cached", () => {
  const run = (thrown: unknown) => staffRoute(async () => Promise.reject(thrown))(new Request("http://x/"), {});

  it("maps AppErrors by code, a conflict to 409", async () => {
    for (const [code, status] of [
      ["unauthenticated", 401],
      ["forbidden", 403],
      ["not_found", 404],
      ["bad_request", 400],
      ["conflict", 409],
    ] as const) {
      const r = await run(new AppError(code, "no"));
      expect(r.status).toBe(status);
      expect(r.headers.get("cache-control")).toBe("private, no-store");
      expect(await bodyOf(r)).toEqual({ error: { code, message: "no" } });
    }
  });

  it("answers a zod failure 400 listing every issue, and a bug 500 without detail", async () => {
    const parsed = z.object({ scoreId: z.number(), owner: z.string() }).safeParse({});
    const r = await run(parsed.error);
    expect(r.status).toBe(400);
    expect((await bodyOf(r)).error.message).toMatch(/^scoreId: .+; owner: .+/);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const bug = await run(new TypeError("x is undefined"));
      expect(bug.status).toBe(500);
      expect(await bodyOf(bug)).toEqual({
        error: { code: "internal", message: "The request could not be completed." },
      });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect((await apiOk({ a: 1 }).json()) as unknown).toEqual({ a: 1 });
  });
});

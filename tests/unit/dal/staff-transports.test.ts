import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

// next/navigation's helpers throw to end the render; record which one a page's refusal became.
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { staffPage } = await import("@/lib/http/staff-page");
const { actionError, actionState, runStaffAction } = await import("@/lib/dal/staff-action");

describe("staffPage: pages' mapping of AppError", () => {
  const outcome = (thrown: unknown) =>
    staffPage("/staff/eis?x=1", async () => Promise.reject(thrown)).then(
      () => "rendered",
      (e: unknown) => (e === thrown ? "propagated" : (e as Error).message),
    );

  it("redirects a signed-out visitor to sign-in (coming back to the page), 403s a wrong role, 404s the rest", async () => {
    expect(await outcome(new AppError("unauthenticated", "sign in"))).toBe(
      "redirect /staff/sign-in?from=%2Fstaff%2Feis%3Fx%3D1",
    );
    expect(await outcome(new AppError("forbidden", "no"))).toBe("forbidden");
    expect(await outcome(new AppError("not_found", "no such officer"))).toBe("not found");
    expect(await outcome(new AppError("bad_request", "malformed id"))).toBe("not found");
  });

  it("lets other errors reach the error page, and returns what the page loaded", async () => {
    expect(await outcome(new AppError("unavailable", "database down"))).toBe("propagated");
    expect(await outcome(new TypeError("bug"))).toBe("propagated");
    expect(await staffPage("/staff", async () => 42)).toBe(42);
  });
});

describe("runStaffAction: server actions' mapping of AppError", () => {
  const Form = z.object({ id: z.coerce.number().int().positive("pick an annotation"), title: z.string().min(3) });

  it("returns the action's own value", async () => {
    const r = await runStaffAction(Form, { id: "7", title: "Hello" }, async (d) => ({ id: d.id, saved: true }));
    expect(r).toEqual({ ok: true, value: { id: 7, saved: true } });
  });

  it("refuses bad input before running, with a message, the first message per field and the values typed", async () => {
    const run = vi.fn();
    const r = await runStaffAction(Form, { id: "x", title: "a", other: 3 }, run);
    expect(run).not.toHaveBeenCalled();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      status: "error",
      code: "bad_request",
      values: { id: "x", title: "a" },
      fieldErrors: { id: expect.any(String), title: expect.any(String) },
    });
    expect(r.error.message).toMatch(/^Check the form: id: .+; title: .+/);
  });

  it("turns AppErrors thrown by the DAL into an error state with their code; a conflict stays a conflict", async () => {
    const stale = await runStaffAction(Form, { id: "7", title: "Hello" }, async () => {
      throw new AppError("conflict", "Someone changed this annotation.");
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        status: "error",
        code: "conflict",
        message: "Someone changed this annotation.",
        values: { id: "7", title: "Hello" },
      },
    });
    expect(actionError(new AppError("unauthenticated", "Sign in to use the staff area."))).toMatchObject({
      code: "unauthenticated",
      message: "Your session has ended. Sign in again.",
    });
    const fields = actionError(new AppError("bad_request", "check", { fieldErrors: { title: "too short" } }));
    expect(fields.fieldErrors).toEqual({ title: "too short" });
  });

  it("reports a zod failure inside the DAL with field errors, and lets bugs propagate", async () => {
    const inner = z.object({ title: z.string().min(5, "at least 5 characters") }).safeParse({ title: "abc" });
    const r = await runStaffAction(Form, { id: "1", title: "abc" }, async () => {
      throw inner.error;
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "bad_request", message: "at least 5 characters", fieldErrors: { title: "at least 5 characters" } },
    });
    await expect(
      runStaffAction(Form, { id: "1", title: "abc" }, async () => {
        throw new TypeError("bug");
      }),
    ).rejects.toThrow("bug");
  });

  it("gives the ok state for actions that answer with a confirmation", () => {
    expect(actionState({ ok: true, value: { message: "Saved.", secret: "s3cret" } })).toEqual({
      status: "ok",
      message: "Saved.",
      secret: "s3cret",
    });
  });
});

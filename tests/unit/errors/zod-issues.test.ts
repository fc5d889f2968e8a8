import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AppError,
  fail,
  invalidInput,
  issueFieldErrors,
  issueMessages,
  issuesError,
  lenient,
  ok,
  problemsOf,
} from "@/lib/errors/app-error";
import { fieldErrorsOf, firstIssueMessage, inputIssuesOf, issueLines, zodAppError } from "@/lib/errors/zod";

const Form = z
  .object({
    email: z.string().email("must be an email address"),
    age: z.coerce.number().int("must be a whole number").min(18, "must be at least 18"),
    address: z.object({ zip: z.string().regex(/^\d{5}$/, "use 5 digits") }),
  })
  .refine((f) => f.email !== "root@example.com", "this address is reserved");

const errorOf = (input: unknown) => {
  const r = Form.safeParse(input);
  if (r.success) throw new Error("expected a failure");
  return r.error;
};

describe("zod issue formatter", () => {
  const bad = errorOf({ email: "nope", age: "12.5", address: { zip: "1" } });

  it("gives one 'path: message' line per issue, nested paths joined with dots", () => {
    expect(issueLines(bad)).toEqual([
      "email: must be an email address",
      "age: must be a whole number",
      "address.zip: use 5 digits",
    ]);
  });

  it("names the input as a whole by `root`, prefixes paths (CLI flags) or leaves them out", () => {
    const whole = errorOf({ email: "root@example.com", age: 30, address: { zip: "12345" } });
    expect(issueLines(whole)).toEqual(["input: this address is reserved"]);
    expect(issueLines(whole, { root: "filters" })).toEqual(["filters: this address is reserved"]);
    expect(issueLines(whole, { root: "" })).toEqual([": this address is reserved"]);
    expect(issueLines(bad, { prefix: "--" })[0]).toBe("--email: must be an email address");
    expect(issueLines(bad, { paths: false })).toEqual([
      "must be an email address",
      "must be a whole number",
      "use 5 digits",
    ]);
    expect(firstIssueMessage(bad)).toBe("must be an email address");
  });

  it("keeps the first message per top-level field for forms; the whole input is 'form'", () => {
    const twice = errorOf({ email: "nope", age: "3.5", address: { zip: "x" } });
    expect(fieldErrorsOf(twice)).toEqual({
      email: "must be an email address",
      age: "must be a whole number",
      address: "use 5 digits",
    });
    expect(fieldErrorsOf(errorOf({ email: "root@example.com", age: 30, address: { zip: "12345" } }))).toEqual({
      form: "this address is reserved",
    });
    // A form whose field names differ from the schema's paths names them itself.
    expect(fieldErrorsOf(bad, (path) => path.join("/"))).toMatchObject({ "address/zip": "use 5 digits" });
  });

  it("turns issues into a bad_request AppError with the list as message and the field errors", () => {
    const e = zodAppError(bad, "Check the form: ");
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe("bad_request");
    expect(e.message).toBe(
      "Check the form: email: must be an email address; age: must be a whole number; address.zip: use 5 digits",
    );
    expect(e.fieldErrors).toEqual({
      email: "must be an email address",
      age: "must be a whole number",
      address: "use 5 digits",
    });
  });
});

describe("AppError and the parse result shape", () => {
  it("carries code, message, reason, details and retry time; Result is { ok, value } | { ok, error }", () => {
    const e = invalidInput(["limit must be at least 1", "unknown column 'x'"], { reason: "invalid_request" });
    expect(e).toMatchObject({ code: "bad_request", reason: "invalid_request", name: "AppError" });
    expect(e.message).toBe("limit must be at least 1; unknown column 'x'");
    expect(problemsOf(e)).toEqual(["limit must be at least 1", "unknown column 'x'"]);
    expect(problemsOf(new AppError("not_found", "No such dataset."))).toEqual(["No such dataset."]);
    expect(new AppError("rate_limited", "slow down", { retryAfterSeconds: 7 }).retryAfterSeconds).toBe(7);
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail(e)).toEqual({ ok: false, error: e });
  });
});

describe("the lenient parse shape: a usable value plus the issues found", () => {
  it("gives each zod issue its line and top-level field; messages in order, the first per field for forms", () => {
    const twice = errorOf({ email: "nope", age: "3.5", address: { zip: "x" } });
    const issues = inputIssuesOf(twice, { root: "filters" });
    expect(issues).toEqual([
      { field: "email", message: "email: must be an email address" },
      { field: "age", message: "age: must be a whole number" },
      { field: "address", message: "address.zip: use 5 digits" },
    ]);
    const whole = errorOf({ email: "root@example.com", age: 30, address: { zip: "12345" } });
    expect(inputIssuesOf(whole, { root: "filters" })).toEqual([
      { field: "form", message: "filters: this address is reserved" },
    ]);
    const both = [...issues, { field: "age", message: "age: a second message" }];
    expect(issueMessages(both)).toHaveLength(4);
    expect(issueFieldErrors(both)).toEqual({
      email: "email: must be an email address",
      age: "age: must be a whole number",
      address: "address.zip: use 5 digits",
    });
    expect(lenient(7)).toEqual({ value: 7, issues: [] });
  });

  it("turns issues into the bad_request an API answers with: lead, joined lines, reason", () => {
    const e = issuesError(
      [
        { field: "review", message: "review: must be one of a, b" },
        { field: "page", message: "page: must be a number" },
      ],
      "Check the query: ",
      { reason: "invalid_filters" },
    );
    expect(e).toMatchObject({ code: "bad_request", reason: "invalid_filters" });
    expect(e.message).toBe("Check the query: review: must be one of a, b; page: must be a number");
    expect(problemsOf(e)).toEqual(["review: must be one of a, b", "page: must be a number"]);
    expect(e.fieldErrors).toEqual({ review: "review: must be one of a, b", page: "page: must be a number" });
  });
});

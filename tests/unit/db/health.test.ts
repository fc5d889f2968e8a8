import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/health";

/**
 * The errors that mean "the database is not answering" (a 503 and a retry), as Prisma 7's driver adapters and the
 * drivers raise them (shapes copied from real failures: a locked SQLite file, a stopped PostgreSQL server), and the
 * ones that must stay bugs (a 500 that someone looks at).
 */
const prismaError = (code: string, cause: object) =>
  Object.assign(new Error("Invalid `db.x.findFirst()` invocation"), {
    code,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "SQLite locked (Prisma P1008 over SQLITE_BUSY)",
      prismaError("P1008", {
        originalCode: "SQLITE_BUSY",
        originalMessage: "database is locked",
        kind: "SocketTimeout",
      }),
    ],
    [
      "PostgreSQL down (Prisma P1001)",
      prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }),
    ],
    [
      "PostgreSQL restarting (57P01 from the driver)",
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    ],
    [
      "PostgreSQL starting up (57P03)",
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
    ],
    ["socket refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["better-sqlite3 extended code", Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_SHORT_READ" })],
    ["file cannot be opened", Object.assign(new Error("unable to open database file"), { code: "SQLITE_CANTOPEN" })],
    [
      "wrapped in a cause",
      new Error("render failed", { cause: Object.assign(new Error("Connection terminated unexpectedly"), {}) }),
    ],
  ])("%s: yes", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique constraint (P2002)", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
    ["a missing table", Object.assign(new Error("no such table: Result"), { code: "SQLITE_ERROR" })],
    ["a programming error", new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ["a string", "database is down"],
    ["nothing", null],
  ])("%s: no", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not loop on a cyclic cause chain", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

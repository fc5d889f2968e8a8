import { describe, expect, it } from "vitest";
import { UsageError } from "@/lib/cli/args";
import { cliFailure, EXIT_CODE } from "@/lib/cli/exit-codes";
import { ConfigError } from "@/lib/env";
import { APP_ERROR_CODES, AppError } from "@/lib/errors/app-error";
import { CsvFormatError, IngestInputError, IngestRefusedError } from "@/lib/ingest/guards";
import { HeaderError } from "@/lib/ingest/sources/types";
import { IngestBusyError } from "@/lib/ingest/versions";

describe("CLI exit codes: the CLI's one mapping of AppError", () => {
  it("exits 2 for bad usage, with the usage lines", () => {
    expect(cliFailure(new UsageError("--email: must be an email address"))).toEqual({
      exitCode: 2,
      message: "error: --email: must be an email address",
      showUsage: true,
    });
  });

  it("exits 2 for bad configuration, without the usage lines", () => {
    expect(cliFailure(new ConfigError("Invalid configuration"))).toEqual({
      exitCode: 2,
      message: "error: Invalid configuration",
      showUsage: false,
    });
  });

  it("exits 1 for refused input files, a busy loader and refused account changes, with a one-line message", () => {
    for (const e of [
      new IngestInputError("no rows"),
      new IngestRefusedError("would shrink"),
      new CsvFormatError("line 3: bad quote"),
      new HeaderError("unknown column"),
      new IngestBusyError("seattle-uof", 4),
      new AppError("conflict", "an account for a@b.test already exists"),
      new AppError("not_found", "no such account"),
    ]) {
      expect(e).toBeInstanceOf(AppError);
      expect(cliFailure(e)).toEqual({ exitCode: 1, message: `error: ${e.message}`, showUsage: false });
    }
  });

  it("exits 1 and prints the error itself (with its stack) for anything else: a bug", () => {
    expect(cliFailure(new TypeError("x is undefined"))).toEqual({ exitCode: 1, message: null, showUsage: false });
  });

  it("has an exit code for every AppError code, 2 only for bad_request", () => {
    expect(Object.keys(EXIT_CODE).sort()).toEqual([...APP_ERROR_CODES].sort());
    expect(APP_ERROR_CODES.filter((c) => EXIT_CODE[c] === 2)).toEqual(["bad_request"]);
  });
});

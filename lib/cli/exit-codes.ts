import { AppError, type AppErrorCode } from "@/lib/errors/app-error";
import { ConfigError } from "@/lib/env";

/**
 * The CLI's mapping of AppError, the only one: 0 ok, 1 the command failed, 2 the command must change (bad usage,
 * flags or configuration). Domain errors that extend AppError (UsageError, IngestInputError, HeaderError,
 * IngestBusyError, ...) get their exit code and a one-line message from here; anything else is a bug and is
 * printed with its stack.
 */
export const EXIT_OK = 0;

export const EXIT_CODE: Record<AppErrorCode, number> = {
  bad_request: 2,
  unauthenticated: 1,
  forbidden: 1,
  not_found: 1,
  conflict: 1,
  unprocessable: 1,
  rate_limited: 1,
  unavailable: 1,
  internal: 1,
};

export interface CliFailure {
  exitCode: number;
  /** What to print on stderr; null: print the error itself (with its stack). */
  message: string | null;
  /** Bad usage: print the usage lines too. */
  showUsage: boolean;
}

export function cliFailure(error: unknown): CliFailure {
  // ConfigError is not an AppError: a web server stops at startup on it (lib/server-config.ts), it never answers a
  // request. To the CLI the configuration is the operator's input: exit 2, like bad flags.
  if (error instanceof ConfigError) return { exitCode: 2, message: `error: ${error.message}`, showUsage: false };
  if (!(error instanceof AppError)) return { exitCode: 1, message: null, showUsage: false };
  return {
    exitCode: EXIT_CODE[error.code],
    message: `error: ${error.message}`,
    showUsage: error.reason === "usage",
  };
}

/**
 * The one error type that crosses a transport (page, API route, server action, CLI). A code says what kind of
 * failure it is; each transport maps codes once: lib/http/staff-page.ts (pages), lib/http/errors.ts (HTTP status
 * and the JSON error shape), lib/dal/staff-action.ts (form state) and lib/cli/exit-codes.ts (exit codes). Domain
 * errors keep their own names (IngestInputError, UsageError, ...) by extending it. Pure: no Next.js imports, so
 * the CLI and the pipeline use it too.
 */
export const APP_ERROR_CODES = [
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "unprocessable",
  "rate_limited",
  "unavailable",
  "internal",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** The first message for each input field, keyed by the field's name ("form" for the input as a whole). */
export type FieldErrors = Record<string, string>;

export interface AppErrorOptions {
  /** Messages to show next to form inputs. */
  fieldErrors?: FieldErrors;
  /** Every problem found, one per entry (the message joins them), for a page that lists them. */
  details?: string[];
  /**
   * A finer, stable machine code for API clients (e.g. "stale_cursor", "invalid_request"); the API's JSON
   * `error.code` is this when set, else the code itself.
   */
  reason?: string;
  /** For rate_limited / unavailable: when to try again (the Retry-After header). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly fieldErrors?: FieldErrors;
  readonly details?: string[];
  readonly reason?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    if (options.fieldErrors) this.fieldErrors = options.fieldErrors;
    if (options.details) this.details = options.details;
    if (options.reason) this.reason = options.reason;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A bad_request that lists every problem found in the input (its message joins them with "; "). */
export const invalidInput = (details: string[], options: Omit<AppErrorOptions, "details"> = {}) =>
  new AppError("bad_request", details.join("; "), { ...options, details });

/** The problems an error lists: its details, else its message. */
export const problemsOf = (error: AppError): string[] => error.details ?? [error.message];

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The result of parsing or resolving input: the value, or the AppError that says what to fix. */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E = AppError>(error: E): { ok: false; error: E } => ({ ok: false, error });

/**
 * One problem found in input that a lenient parse worked around: the field it concerns ("form" for the input as a
 * whole) and the sentence shown to the reader, which names the field itself (e.g. "from: use YYYY-MM, e.g. 2019-01").
 */
export interface InputIssue {
  field: string;
  message: string;
}

/**
 * The result of a lenient parse (URL filters, page parameters): a usable value with defaults applied where the input
 * was bad, plus the problems found. Pages show the value and the messages; APIs answer 400 when `issues` is not empty.
 * A strict parse that either passes or fails returns a Result instead.
 */
export interface Lenient<T> {
  value: T;
  issues: InputIssue[];
}

export const lenient = <T>(value: T, issues: InputIssue[] = []): Lenient<T> => ({ value, issues });

/** The readers' sentences, one per issue, in order. */
export const issueMessages = (issues: readonly InputIssue[]): string[] => issues.map((i) => i.message);

/** The first message for each field, for a form that shows messages next to its inputs. */
export function issueFieldErrors(issues: readonly InputIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[i.field] ??= i.message;
  return out;
}

/** A bad_request listing the issues (its message joins them with "; " after `lead`), for an API that refuses them. */
export function issuesError(
  issues: readonly InputIssue[],
  lead = "",
  options: Omit<AppErrorOptions, "details" | "fieldErrors"> = {},
): AppError {
  const details = issueMessages(issues);
  return new AppError("bad_request", `${lead}${details.join("; ")}`, {
    ...options,
    details,
    fieldErrors: issueFieldErrors(issues),
  });
}

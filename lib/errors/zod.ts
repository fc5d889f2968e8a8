import type { z } from "zod";
import { AppError, type FieldErrors } from "./app-error";

/**
 * The one place zod issues become text. `issueLines` gives "path: message" per issue (the root path named by
 * `root`, paths optionally prefixed, e.g. "--" for CLI flags); `fieldErrorsOf` the first message per top-level
 * field for forms; `zodAppError` both, as a bad_request AppError.
 */
type Issues = z.ZodError | readonly z.core.$ZodIssue[];

const issuesOf = (e: Issues): readonly z.core.$ZodIssue[] => ("issues" in e ? e.issues : e);

export interface IssueLineOptions {
  /** The name used for an issue about the input as a whole (empty path). Default "input". */
  root?: string;
  /** Put before every path, e.g. "--" for CLI flags. */
  prefix?: string;
  /** false: messages only, without paths. */
  paths?: boolean;
}

export function issueLines(e: Issues, { root = "input", prefix = "", paths = true }: IssueLineOptions = {}): string[] {
  return issuesOf(e).map((i) => (paths ? `${prefix}${i.path.map(String).join(".") || root}: ${i.message}` : i.message));
}

export function fieldErrorsOf(e: Issues, root = "form"): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issuesOf(e)) out[String(i.path[0] ?? root)] ??= i.message;
  return out;
}

/** A bad_request AppError listing every issue; `lead` goes before the list (e.g. "Check the form: "). */
export function zodAppError(e: Issues, lead = "", options: IssueLineOptions = {}): AppError {
  return new AppError("bad_request", `${lead}${issueLines(e, options).join("; ")}`, { fieldErrors: fieldErrorsOf(e) });
}

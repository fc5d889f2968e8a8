import type { z } from "zod";
import { AppError, type FieldErrors, type InputIssue } from "./app-error";

/**
 * The one place zod issues become text. `issueLines` gives "path: message" per issue (the root path named by
 * `root`, paths optionally prefixed, e.g. "--" for CLI flags); `fieldErrorsOf` the first message per top-level
 * field for forms; `inputIssuesOf` the lines with their fields, for a lenient
 * parse; `zodAppError` the lines and fields as a bad_request AppError.
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

/** The form field an issue belongs to: by default the first path segment, "form" for the input as a whole. */
export type FieldOf = (path: string[]) => string;
const topLevelField: FieldOf = (path) => path[0] ?? "form";

export function fieldErrorsOf(e: Issues, fieldOf: FieldOf = topLevelField): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issuesOf(e)) out[fieldOf(i.path.map(String))] ??= i.message;
  return out;
}

/** The issues as InputIssues for a lenient parse: each line as `issueLines` writes it, under its top-level field. */
export function inputIssuesOf(
  e: Issues,
  options: IssueLineOptions = {},
  fieldOf: FieldOf = topLevelField,
): InputIssue[] {
  const lines = issueLines(e, options);
  return issuesOf(e).map((i, n) => ({ field: fieldOf(i.path.map(String)), message: lines[n]! }));
}

/** The first issue's message (a single value's check, e.g. one query parameter). */
export const firstIssueMessage = (e: Issues): string | undefined => issuesOf(e)[0]?.message;

/** A bad_request AppError listing every issue; `lead` goes before the list (e.g. "Check the form: "). */
export function zodAppError(e: Issues, lead = "", options: IssueLineOptions = {}): AppError {
  return new AppError("bad_request", `${lead}${issueLines(e, options).join("; ")}`, { fieldErrors: fieldErrorsOf(e) });
}

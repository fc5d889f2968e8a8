import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/**
 * JSON text columns (result payloads, EIS reasons and scores, audit details, annotation history) are read through a
 * schema, never trusted with `as`: a row written by an older release or edited by hand then fails here, with the
 * column named, instead of as a TypeError deep in a chart or a page.
 */
export class StoredDataError extends AppError {
  constructor(
    readonly column: string,
    detail: string,
  ) {
    // Unavailable (503), not bad input: the figure cannot be served until the pipeline stores it again.
    super("unavailable", `Stored ${column} is not valid: ${detail}`, { reason: "stored_data_invalid" });
    this.name = "StoredDataError";
  }
}

/** JSON.stringify writes NaN and Infinity as null; the computed types say number and flag such values separately. */
export const jsonNumber = z.number().nullable() as unknown as z.ZodType<number>;

const issueText = (issues: z.core.$ZodIssue[]) =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ") + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : "");

/**
 * Parses and validates one JSON text column. Returns the parsed JSON itself (not zod's copy, which would reorder
 * keys and drop unknown ones), so what callers see is exactly what was stored; the schema only vouches for it (so it must not transform).
 */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StoredDataError(column, `not JSON (${(e as Error).message})`);
  }
  const checked = schema.safeParse(raw);
  if (!checked.success) throw new StoredDataError(column, issueText(checked.error.issues));
  return raw as z.output<S>;
}

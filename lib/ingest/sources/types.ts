import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { cleanExcerpt } from "../guards";
import type { QuarantineReason } from "../normalise";

/**
 * A source is declarative: its columns (with every spelling the source uses) and a function that turns one raw
 * row, keyed by column key, into a typed record. Adding another city's file means writing one such module.
 */
export interface SourceColumnSpec<K extends string = string> {
  key: K;
  /** Every header spelling that means this column (API field name, export display name, ...). */
  aliases: readonly string[];
  description: string;
  required: boolean;
  /** How the pipeline normalises the column: shown in the data dictionary. */
  normalisation: string;
}

export type Outcome<T> = { ok: true; record: T } | { ok: false; reason: QuarantineReason; detail: string };

export interface SourceMapping<K extends string, T> {
  dataset: string;
  title: string;
  /** Bump when the mapping changes what is loaded: a re-load of the same file then creates a new version. */
  mappingVersion: string;
  sourceName: string;
  /** The public page of the dataset. */
  sourceUrl: string;
  /** Socrata dataset id and a stable unique ordering column for paged pulls. */
  api: { datasetId: string; order: string };
  /**
   * How often the publisher normally updates the data: past `days` without a change, pages using the source say so
   * (lib/ingest/freshness.ts). `label` completes "the city normally publishes ...". SOURCE_CADENCE_DAYS overrides days.
   */
  cadence: { days: number; label: string };
  /** Officer ID space of this source; officer keys are never joined across spaces. */
  officerIdSpace: string;
  columns: readonly SourceColumnSpec<K>[];
  /** Column key holding the row's unique source ID, checked for duplicates within one input (optional). */
  uniqueKey?: K;
  toRecord(raw: Record<K, string>): Outcome<T>;
  /** The typed record's schema, checked for every row after normalisation (the last line of defence). */
  recordSchema: z.ZodType<T>;
}

/** A source file whose header the mapping does not know: unprocessable (CLI exit code 1). */
export class HeaderError extends AppError {
  constructor(message: string) {
    super("unprocessable", message);
    this.name = "HeaderError";
  }
}

const canon = (s: string) =>
  s
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/**
 * Maps an input header to column keys. Unknown, duplicated (two spellings of one column count as one) and missing
 * required columns fail the whole load with a message naming them: a renamed field must never silently turn into
 * empty values, and with a duplicated column one of the two would silently win.
 */
export function resolveHeader<K extends string>(
  header: string[],
  columns: readonly SourceColumnSpec<K>[],
): (K | null)[] {
  const byAlias = new Map<string, K>();
  for (const c of columns) for (const a of [c.key, ...c.aliases]) byAlias.set(canon(a), c.key);
  const keys = header.map((h) => byAlias.get(canon(h)) ?? null);
  const unknown = header.filter((_, i) => keys[i] === null);
  const missing = columns.filter((c) => c.required && !keys.includes(c.key)).map((c) => c.aliases[0] ?? c.key);
  const problems: string[] = [];
  const seen = new Map<K, string>();
  const duplicated: string[] = [];
  header.forEach((h, i) => {
    const k = keys[i];
    if (k === null || k === undefined) return;
    if (seen.has(k))
      duplicated.push(`${JSON.stringify(cleanExcerpt(seen.get(k)!, 40))} and ${JSON.stringify(cleanExcerpt(h, 40))}`);
    else seen.set(k, h);
  });
  const names = (list: string[]) =>
    list
      .slice(0, 10)
      .map((u) => JSON.stringify(cleanExcerpt(u, 40)))
      .join(", ") + (list.length > 10 ? ` and ${list.length - 10} more` : "");
  if (duplicated.length) problems.push(`duplicate column(s): ${duplicated.join("; ")}`);
  if (unknown.length) problems.push(`unknown column(s): ${names(unknown)}`);
  if (missing.length) problems.push(`missing required column(s): ${missing.join(", ")}`);
  if (problems.length) {
    throw new HeaderError(
      `The input's header does not match this source's mapping (${problems.join("; ")}). ` +
        `Expected columns: ${columns.map((c) => c.aliases[0]).join(", ")}.`,
    );
  }
  return keys;
}

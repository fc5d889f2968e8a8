/**
 * Checks that stand between a finished load and the live version, and the cleaning of what a bad input can put
 * into messages and quarantined rows. A refused load is marked failed with its one-line reason; the active
 * version stays live (lib/ingest/load.ts).
 */
import { AppError } from "@/lib/errors/app-error";

/** An input file the load refuses: unprocessable (CLI exit code 1, lib/cli/exit-codes.ts). */
export class IngestInputError extends AppError {
  constructor(message: string) {
    super("unprocessable", message);
    this.name = "IngestInputError";
  }
}

/** The loaded rows would replace the active version with far fewer (or none): not activated. */
export class IngestRefusedError extends IngestInputError {
  constructor(message: string) {
    super(message);
    this.name = "IngestRefusedError";
  }
}

/** The input is not well-formed CSV (csv-parse gave up): the line and a cleaned excerpt, never a stack. */
export class CsvFormatError extends IngestInputError {
  constructor(message: string) {
    super(message);
    this.name = "CsvFormatError";
  }
}

/** Printable, one-line, at most `max` characters: control and binary bytes become "?". */
export function cleanExcerpt(raw: string, max = 120): string {
  const printable = raw.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f-\u009f\ufffd\ud800-\udfff]/g, "?");
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}

const MAX_RAW_VALUE = 200;
/** Quarantined rows keep the source values for inspection, but never more than this (QuarantinedRow.raw). */
export const MAX_RAW_CHARS = 4096;
export const MAX_DETAIL_CHARS = 500;

const capValue = (v: string) =>
  v.length > MAX_RAW_VALUE ? `${v.slice(0, MAX_RAW_VALUE)}… (${v.length - MAX_RAW_VALUE} more characters)` : v;

/** JSON of a raw row (object or field list) with long values cut, and the whole at most MAX_RAW_CHARS. */
export function capRaw(raw: unknown): string {
  const capped = Array.isArray(raw)
    ? raw.slice(0, 100).map((v) => capValue(String(v)))
    : raw && typeof raw === "object"
      ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, capValue(String(v))]))
      : capValue(String(raw));
  const json = JSON.stringify(capped);
  return json.length > MAX_RAW_CHARS ? json.slice(0, MAX_RAW_CHARS) : json;
}

export const capDetail = (detail: string) => cleanExcerpt(detail, MAX_DETAIL_CHARS);

export interface ActivationCheck {
  dataset: string;
  rowsRead: number;
  rowsLoaded: number;
  active: { label: string; rowsLoaded: number } | null;
  /** Largest accepted drop against the active version, as a share (INGEST_MAX_SHRINK). */
  maxShrink: number;
  allowShrink: boolean;
}

/** Throws IngestRefusedError when the new version must not become the live one. */
export function checkActivation(c: ActivationCheck): void {
  const keeps = c.active ? ` The active version ${c.active.label} stays live.` : "";
  if (c.rowsLoaded === 0) {
    throw new IngestRefusedError(
      `Refused to activate ${c.dataset}: no row could be loaded (read ${c.rowsRead}, loaded 0).${keeps}`,
    );
  }
  if (!c.active || c.allowShrink || c.active.rowsLoaded === 0) return;
  const drop = 1 - c.rowsLoaded / c.active.rowsLoaded;
  if (drop > c.maxShrink) {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    throw new IngestRefusedError(
      `Refused to activate ${c.dataset}: it loaded ${c.rowsLoaded} rows, ${pct(drop)} fewer than the ${c.active.rowsLoaded} of the active version ` +
        `(more than the ${pct(c.maxShrink)} allowed by INGEST_MAX_SHRINK); rerun with --allow-shrink if the source really shrank.${keeps}`,
    );
  }
}

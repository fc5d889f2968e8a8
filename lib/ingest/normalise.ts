import { isValid, parse } from "date-fns";

/**
 * Value normalisers shared by every source mapping. Each turns one raw source string into a clean value or throws
 * a RowIssue, which the loader turns into a quarantined row with that reason. Placeholder codes become explicit
 * labels ("Unknown", "Out of jurisdiction") instead of nulls, so that charts can show them rather than hide them.
 */
export const QUARANTINE_REASONS = {
  missing_key: "A required identifier is empty",
  unparseable_date: "A date could not be read in any known format",
  unknown_code: "A coded field holds a value outside its documented code list",
  impossible_experience:
    "Officer years of experience is negative, implausibly large, or exceeds the officer's adult age",
  impossible_value: "A numeric field is outside its plausible range",
  duplicate_id: "The row's unique ID already appeared earlier in the same input",
  malformed_row: "The row does not have the same number of fields as the header",
  oversized_record: "The row is larger than the loader reads (64 KiB); its values were not read",
  invalid_record: "The cleaned record breaks a rule of the dataset's schema (checked with zod)",
} as const;
export type QuarantineReason = keyof typeof QUARANTINE_REASONS;

export class RowIssue extends Error {
  constructor(
    readonly reason: QuarantineReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export const UNKNOWN = "Unknown";
/** Longest text value a record keeps; longer ones fail the record schema (quarantined as invalid_record). */
export const MAX_TEXT_LENGTH = 500;
export const OUT_OF_JURISDICTION = "Out of jurisdiction";

/** Placeholders seen in SPD files for "not recorded" ('-', blanks; 'X'/'XX' and '99' in location codes). */
const BLANK_TOKENS = new Set(["", "-", "--", "NULL", "N/A"]);

export function isBlank(raw: string | undefined): boolean {
  return raw === undefined || BLANK_TOKENS.has(raw.trim().toUpperCase());
}

export function requiredKey(raw: string | undefined, column: string): string {
  if (isBlank(raw)) throw new RowIssue("missing_key", `${column} is empty`);
  return raw!.trim();
}

/** Free text: trimmed, blank placeholders become "Unknown". */
export function text(raw: string | undefined): string {
  return isBlank(raw) ? UNKNOWN : raw!.trim().replace(/\s+/g, " ");
}

const PRECINCTS: Record<string, string> = {
  NORTH: "North",
  EAST: "East",
  SOUTH: "South",
  WEST: "West",
  SOUTHWEST: "Southwest",
};
const UNKNOWN_LOCATION_TOKENS = new Set(["X", "XX", "0", "99", "UNKNOWN"]);

/** Precinct names as published in either case; 'OOJ' is out of jurisdiction; '-', 'X', '0', blank are unknown. */
export function precinct(raw: string | undefined, column = "Precinct"): string {
  if (isBlank(raw)) return UNKNOWN;
  const v = raw!
    .trim()
    .toUpperCase()
    .replace(/\s+PCT$/, "");
  if (PRECINCTS[v]) return PRECINCTS[v];
  if (v === "OOJ") return OUT_OF_JURISDICTION;
  if (UNKNOWN_LOCATION_TOKENS.has(v)) return UNKNOWN;
  throw new RowIssue("unknown_code", `${column} "${raw}" is not one of North, East, South, West, Southwest, OOJ, -, X`);
}

/** Sector names (e.g. "KING") upper-cased; 'OOJ' out of jurisdiction; placeholders unknown. */
export function sector(raw: string | undefined): string {
  if (isBlank(raw)) return UNKNOWN;
  const v = raw!.trim().toUpperCase();
  if (v === "OOJ") return OUT_OF_JURISDICTION;
  if (UNKNOWN_LOCATION_TOKENS.has(v)) return UNKNOWN;
  if (!/^[A-Z]+$/.test(v)) throw new RowIssue("unknown_code", `Sector "${raw}" is not a sector name`);
  return v;
}

/** Beats look like "K2" or "E12"; '99', 'XX', '-' and blanks are unknown, 'OOJ' out of jurisdiction. */
export function beat(raw: string | undefined): string {
  if (isBlank(raw)) return UNKNOWN;
  const v = raw!.trim().toUpperCase();
  if (v === "OOJ") return OUT_OF_JURISDICTION;
  if (UNKNOWN_LOCATION_TOKENS.has(v)) return UNKNOWN;
  if (!/^[A-Z]{1,2}\d{1,2}$/.test(v)) throw new RowIssue("unknown_code", `Beat "${raw}" is not a beat code like K2`);
  return v;
}

/** 'Y'/'N' indicators (also Yes/No/True/False). Anything else is an unknown code. */
export function yesNo(raw: string | undefined, column: string): boolean {
  const v = (raw ?? "").trim().toUpperCase();
  if (v === "Y" || v === "YES" || v === "TRUE") return true;
  if (v === "N" || v === "NO" || v === "FALSE") return false;
  throw new RowIssue("unknown_code", `${column} "${raw ?? ""}" is not Y or N`);
}

/** 'Y' or empty (the Crisis Data's CIT Certified Indicator): empty means "not certified or unknown". */
export function yesOrBlank(raw: string | undefined, column: string): boolean {
  if (isBlank(raw)) return false;
  return yesNo(raw, column);
}

const DATE_FORMATS = [
  "yyyy-MM-dd'T'HH:mm:ss.SSS",
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm",
  "yyyy-MM-dd",
  "MM/dd/yyyy hh:mm:ss a",
  "MM/dd/yyyy h:mm:ss a",
  "MM/dd/yyyy HH:mm:ss",
  "MM/dd/yyyy HH:mm",
  "MM/dd/yyyy",
  "M/d/yyyy h:mm:ss a",
  "M/d/yyyy H:mm",
  "M/d/yyyy",
];
const REFERENCE = new Date(2000, 0, 1);

/**
 * Parses the date formats of Seattle's export (07/19/2020 03:35:00 PM) and API (2020-07-19T15:35:00.000). The
 * sources publish Seattle wall-clock times without a zone; we keep the wall clock and store it as UTC so that the
 * server's time zone never shifts a date.
 */
export function wallClockDate(raw: string | undefined, column: string): Date {
  const v = (raw ?? "").trim().replace(/Z$/, "");
  const fast = fastPath(v);
  if (fast) return checkYear(fast, raw, column);
  for (const format of DATE_FORMATS) {
    if (v.length < 8) break;
    const d = parse(v, format, REFERENCE);
    if (isValid(d)) {
      return checkYear(
        new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds())),
        raw,
        column,
      );
    }
  }
  throw new RowIssue(
    "unparseable_date",
    `${column} "${raw ?? ""}" is not a date (expected e.g. 07/19/2020 03:35:00 PM or 2020-07-19T15:35:00)`,
  );
}

function checkYear(d: Date, raw: string | undefined, column: string): Date {
  const year = d.getUTCFullYear();
  if (year < 1990 || year > 2100) throw new RowIssue("unparseable_date", `${column} "${raw}" is outside 1990-2100`);
  return d;
}

/**
 * The two formats Seattle actually publishes, read with one regular expression each: date-fns tries formats one
 * by one at ~40 µs a row, which dominated load time. Anything else falls back to date-fns.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const US = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([AP]M)$/;
function fastPath(v: string): Date | null {
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    s = 0;
  let m = ISO.exec(v);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else if ((m = US.exec(v))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [(Number(m[4]) % 12) + (m[7] === "PM" ? 12 : 0), Number(m[5]), Number(m[6])];
    if (Number(m[4]) > 12 || Number(m[4]) === 0) return null;
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCDate() === d ? date : null; // rejects 02/30 and the like
}

export function optionalWallClockDate(raw: string | undefined, column: string): Date | null {
  return isBlank(raw) ? null : wallClockDate(raw, column);
}

/** Adds an "HH:MM:SS" time of day to a date-only value (Crisis Data's Reported Date + Reported Time). */
export function withTimeOfDay(date: Date, rawTime: string | undefined): Date {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec((rawTime ?? "").trim());
  if (!m) return date;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return date;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), h, min, s));
}

export function optionalInt(raw: string | undefined, column: string, min: number, max: number): number | null {
  if (isBlank(raw)) return null;
  const v = raw!.trim();
  if (!/^-?\d+(\.0+)?$/.test(v)) throw new RowIssue("impossible_value", `${column} "${raw}" is not a whole number`);
  const n = Number.parseInt(v, 10);
  if (n < min || n > max) throw new RowIssue("impossible_value", `${column} ${n} is outside ${min}-${max}`);
  return n;
}

/** The row's own year minus the youngest plausible hiring age bounds experience (no one is hired before 18). */
export const MIN_HIRING_AGE = 18;
export const MAX_YEARS_EXPERIENCE = 55;

export function yearsOfExperience(
  raw: string | undefined,
  eventYear: number,
  yearOfBirth: number | null,
): number | null {
  if (isBlank(raw)) return null;
  const v = raw!.trim();
  if (!/^-?\d+(\.0+)?$/.test(v))
    throw new RowIssue("impossible_experience", `Officer Years of Experience "${raw}" is not a number`);
  const n = Number.parseInt(v, 10);
  if (n < 0 || n > MAX_YEARS_EXPERIENCE) {
    throw new RowIssue(
      "impossible_experience",
      `Officer Years of Experience ${n} is outside 0-${MAX_YEARS_EXPERIENCE}`,
    );
  }
  if (yearOfBirth !== null && n > eventYear - yearOfBirth - MIN_HIRING_AGE) {
    throw new RowIssue(
      "impossible_experience",
      `Officer Years of Experience ${n} exceeds the years since age ${MIN_HIRING_AGE} (born ${yearOfBirth}, event in ${eventYear})`,
    );
  }
  return n;
}

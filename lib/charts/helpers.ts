import { wilson } from "@/lib/stats/wilson";
import { FLAG_SEP } from "./flags";
import type { Cell } from "./types";

export { COLORS } from "./palette";

/**
 * The small-count policy is reliability, not privacy (the row-level sources are public): no value is withheld. A
 * builder marks the values that rest on small counts with a flag key ending in "!" (its value: the keys flagged, FLAG_SEP-separated);
 * lib/charts/publish.ts turns the flags into the chart's `unstable` column, the same for pages, CSVs, the API and
 * images. Counts (int columns) below the threshold are flagged there without a marker.
 */
export const flagKey = (key: string) => `${key}!`;
/** Separates column keys in flags and in the `unstable` column (keys may contain spaces, e.g. race groups). */
export { FLAG_SEP };

/** A rate with its Wilson interval; flagged unstable when its numerator or denominator is below the threshold. */
export function rateCells(prefix: string, k: number, n: number, threshold: number): Record<string, Cell> {
  const w = n > 0 ? wilson(k, n) : null;
  const unstable = n > 0 && (k < threshold || n < threshold);
  return {
    [prefix]: w?.rate ?? null,
    [`${prefix}Low`]: w?.low ?? null,
    [`${prefix}High`]: w?.high ?? null,
    [flagKey(prefix)]: unstable ? [prefix, `${prefix}Low`, `${prefix}High`].join(FLAG_SEP) : "",
  };
}

/** A share k / n without an interval, flagged like rateCells. */
export function shareCell(key: string, k: number, n: number, threshold: number): Record<string, Cell> {
  return { [key]: n > 0 ? k / n : null, [flagKey(key)]: n > 0 && (k < threshold || n < threshold) ? key : "" };
}

/** Flags the given keys of a row as unstable when `unstable` is true (for values computed outside rateCells). */
export function flag(keys: string[], unstable: boolean): Record<string, Cell> {
  return { [flagKey(keys.join("+"))]: unstable ? keys.join(FLAG_SEP) : "" };
}

export function sumBy<T>(
  items: T[],
  key: (t: T) => string,
  add: (acc: Record<string, number>, t: T) => void,
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const t of items) {
    const k = key(t);
    let acc = out.get(k);
    if (!acc) out.set(k, (acc = {}));
    add(acc, t);
  }
  return out;
}

export function inc(acc: Record<string, number>, key: string, by: number) {
  acc[key] = (acc[key] ?? 0) + by;
}

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
export const int = (n: number) => n.toLocaleString("en-US");

/**
 * The last complete period: drops a trailing period that is only partly covered by the data. `last` is the last
 * month (YYYY-MM: that month is taken as complete) or, where it is known, the last date (YYYY-MM-DD...: its month is
 * complete only when the data reach its last week, mirroring the first-week rule of firstCompleteIndex).
 */
export function lastCompleteIndex(
  periods: string[],
  last: string | undefined,
  granularity: "month" | "quarter" | "year",
): number {
  if (!last || periods.length === 0) return periods.length - 1;
  const y = Number(last.slice(0, 4));
  const m = Number(last.slice(5, 7));
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const monthComplete = last.length < 10 || Number(last.slice(8, 10)) > daysInMonth - 7;
  const complete = monthComplete && (granularity === "month" || (granularity === "quarter" ? m % 3 === 0 : m === 12));
  return complete ? periods.length - 1 : periods.length - 2;
}

/** 0, or 1 when the first period starts before the data does (e.g. data from 27 Jan makes that quarter partial). */
export function firstCompleteIndex(
  periods: string[],
  firstDateIso: string | null | undefined,
  granularity: "month" | "quarter" | "year",
): number {
  if (!firstDateIso || periods.length < 2) return 0;
  const month = Number(firstDateIso.slice(5, 7));
  const day = Number(firstDateIso.slice(8, 10));
  const startMonth =
    granularity === "month" ? month : granularity === "quarter" ? Math.floor((month - 1) / 3) * 3 + 1 : 1;
  return month === startMonth && day <= 7 ? 0 : 1;
}

/**
 * The periods the data cover only in part: the first when the data start after its first week, the last when the
 * data end before its last month (or, given a last date, before the last week of its last month). Charts draw them
 * lighter and never compare against them.
 */
export function partialPeriods(
  periods: string[],
  firstDateIso: string | null | undefined,
  lastMonthOrDate: string | undefined,
  granularity: "month" | "quarter" | "year",
): string[] {
  if (periods.length === 0) return [];
  const out: string[] = [];
  if (firstCompleteIndex(periods, firstDateIso, granularity) === 1) out.push(periods[0]!);
  if (lastCompleteIndex(periods, lastMonthOrDate, granularity) === periods.length - 2 && periods.length > 1)
    out.push(periods.at(-1)!);
  return out;
}

/** Index of the first and last period that is not partial (baselines and "latest" figures use these). */
export function completeRange(periods: string[], partial: string[]): { first: number; last: number } {
  const ok = periods.map((p, i) => (partial.includes(p) ? -1 : i)).filter((i) => i >= 0);
  return { first: ok[0] ?? -1, last: ok.at(-1) ?? -1 };
}

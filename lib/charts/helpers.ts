import { wilson } from "@/lib/stats/wilson";
import type { Cell, Row } from "./types";

export const COLORS = {
  blue: "#1f5fa8",
  orange: "#b35806",
  green: "#2b7a3d",
  purple: "#6a3d9a",
  red: "#b2182b",
  grey: "#5f6670",
  teal: "#127a7a",
} as const;

/** Applies small-count suppression to one count: below the threshold (and above 0) it is withheld. */
export function suppressCount(n: number, threshold: number): { value: number | null; suppressed: boolean } {
  return n > 0 && n < threshold ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/** A rate with its Wilson interval; withheld when the denominator is below the threshold. */
export function rateCells(prefix: string, k: number, n: number, threshold: number): Record<string, Cell> {
  const w = n >= threshold ? wilson(k, n) : null;
  return { [prefix]: w?.rate ?? null, [`${prefix}Low`]: w?.low ?? null, [`${prefix}High`]: w?.high ?? null };
}

export function sumBy<T>(items: T[], key: (t: T) => string, add: (acc: Record<string, number>, t: T) => void): Map<string, Record<string, number>> {
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

/** Counts the suppressed cells among the given keys of the rows. */
export function countNulls(rows: Row[], keys: string[]): number {
  return rows.reduce((s, r) => s + keys.filter((k) => r[k] === null).length, 0);
}

/** The last complete period: drops a trailing period that is only partly covered by the data. */
export function lastCompleteIndex(periods: string[], lastMonth: string | undefined, granularity: "month" | "quarter" | "year"): number {
  if (!lastMonth || periods.length === 0) return periods.length - 1;
  const m = Number(lastMonth.slice(5, 7));
  const complete = granularity === "month" || (granularity === "quarter" ? m % 3 === 0 : m === 12);
  return complete ? periods.length - 1 : periods.length - 2;
}

/** 0, or 1 when the first period starts before the data does (e.g. data from 27 Jan makes that quarter partial). */
export function firstCompleteIndex(periods: string[], firstDateIso: string | null | undefined, granularity: "month" | "quarter" | "year"): number {
  if (!firstDateIso || periods.length < 2) return 0;
  const month = Number(firstDateIso.slice(5, 7));
  const day = Number(firstDateIso.slice(8, 10));
  const startMonth = granularity === "month" ? month : granularity === "quarter" ? Math.floor((month - 1) / 3) * 3 + 1 : 1;
  return month === startMonth && day <= 7 ? 0 : 1;
}

/**
 * Display formatting shared by pages and components. The named functions format en-US, as the source data and every
 * English page (their arity is unchanged, so `xs.map(formatEstimate)` stays safe); `formatterFor(tag)` gives the same
 * functions for another locale's BCP 47 tag (lib/i18n/config.ts INTL_LOCALES, e.g. "es-US") via Intl.
 */
const EN = "en-US";

export interface Formatter {
  int(n: number): string;
  estimate(x: number): string;
  percent(x: number, digits?: number): string;
  /** A fixed number of decimals (English: toFixed, as before). */
  decimal(x: number, digits: number): string;
  date(iso: string | null, style?: "day" | "month"): string;
}

/** The formatting functions for a locale; en-US gives exactly the named functions below. */
export function formatterFor(locale: string = EN): Formatter {
  return {
    int: (n) => n.toLocaleString(locale),
    estimate: (x) => estimateIn(x, locale),
    percent: (x, digits = 1) => percentIn(x, digits, locale),
    decimal: (x, digits) =>
      locale === EN
        ? x.toFixed(digits)
        : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    date: (iso, style = "day") => dateIn(iso, style, locale),
  };
}

export const formatInt = (n: number) => n.toLocaleString(EN);

/**
 * A rate, ratio or other estimate with the precision its data support, for readers (downloads keep full precision):
 * 10 and over to a whole number (346.80 -> "347" per 10,000), under 10 to two significant figures (7.93 -> "7.9",
 * 0.0171 -> "0.017"). Two decimals on every figure claimed a precision that counts of this size do not have.
 */
export function formatEstimate(x: number): string {
  return estimateIn(x, EN);
}

export const formatPercent = (x: number, digits = 1) => percentIn(x, digits, EN);

/** Dates in the data are Seattle wall-clock times stored as UTC: format them in UTC to show them unchanged. */
export function formatDate(iso: string | null, style: "day" | "month" = "day"): string {
  return dateIn(iso, style, EN);
}

function estimateIn(x: number, locale: string): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 9.95) return Math.round(x).toLocaleString(locale);
  if (x === 0) return "0";
  if (locale === EN) return x.toPrecision(2);
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2, minimumSignificantDigits: 2 }).format(x);
}

/** English keeps its long-standing "12.3%"; other locales use Intl's percent style (spacing and sign per locale). */
function percentIn(x: number, digits: number, locale: string): string {
  if (locale === EN) return `${(x * 100).toFixed(digits)}%`;
  return new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

/** A missing date reads "unknown" in English; pages in other locales check for null first (no words here). */
function dateIn(iso: string | null, style: "day" | "month", locale: string): string {
  if (!iso) return "unknown";
  const options: Intl.DateTimeFormatOptions =
    style === "day"
      ? { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }
      : { year: "numeric", month: "short", timeZone: "UTC" };
  return new Date(iso).toLocaleDateString(locale, options);
}

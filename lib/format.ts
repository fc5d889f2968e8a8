/**
 * Display formatting shared by pages and components. `locale` is a BCP 47 tag (lib/i18n/config.ts INTL_LOCALES:
 * "en-US", "es-US"); without it the output is en-US, as the source data and every English page.
 */
export const formatInt = (n: number, locale = "en-US") => n.toLocaleString(locale);

/**
 * A rate, ratio or other estimate with the precision its data support, for readers (downloads keep full precision):
 * 10 and over to a whole number (346.80 -> "347" per 10,000), under 10 to two significant figures (7.93 -> "7.9",
 * 0.0171 -> "0.017"). Two decimals on every figure claimed a precision that counts of this size do not have.
 */
export function formatEstimate(x: number, locale = "en-US"): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 9.95) return Math.round(x).toLocaleString(locale);
  if (x === 0) return "0";
  if (locale === "en-US") return x.toPrecision(2);
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2, minimumSignificantDigits: 2 }).format(x);
}

/** English keeps its long-standing "12.3%"; other locales use Intl's percent style (spacing and sign per locale). */
export function formatPercent(x: number, digits = 1, locale = "en-US"): string {
  if (locale === "en-US") return `${(x * 100).toFixed(digits)}%`;
  return new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

/**
 * Dates in the data are Seattle wall-clock times stored as UTC: format them in UTC to show them unchanged. A missing
 * date reads "unknown" in English; pages in other locales check for null first (the word is not translated here).
 */
export function formatDate(iso: string | null, style: "day" | "month" = "day", locale = "en-US"): string {
  if (!iso) return "unknown";
  const options: Intl.DateTimeFormatOptions =
    style === "day"
      ? { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }
      : { year: "numeric", month: "short", timeZone: "UTC" };
  return new Date(iso).toLocaleDateString(locale, options);
}

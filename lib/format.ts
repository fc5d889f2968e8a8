/** Display formatting shared by pages and components (en-US, as the source data). */
export const formatInt = (n: number) => n.toLocaleString("en-US");

/**
 * A rate, ratio or other estimate with the precision its data support, for readers (downloads keep full precision):
 * 10 and over to a whole number (346.80 -> "347" per 10,000), under 10 to two significant figures (7.93 -> "7.9",
 * 0.0171 -> "0.017"). Two decimals on every figure claimed a precision that counts of this size do not have.
 */
export function formatEstimate(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 9.95) return Math.round(x).toLocaleString("en-US");
  if (x === 0) return "0";
  return x.toPrecision(2);
}

export const formatPercent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

/** Dates in the data are Seattle wall-clock times stored as UTC: format them in UTC to show them unchanged. */
export function formatDate(iso: string | null, style: "day" | "month" = "day"): string {
  if (!iso) return "unknown";
  const options: Intl.DateTimeFormatOptions =
    style === "day"
      ? { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }
      : { year: "numeric", month: "short", timeZone: "UTC" };
  return new Date(iso).toLocaleDateString("en-US", options);
}

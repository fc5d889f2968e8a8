/** Display formatting shared by pages and components (en-US, as the source data). */
export const formatInt = (n: number) => n.toLocaleString("en-US");

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

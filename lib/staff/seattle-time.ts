/**
 * Instants (sign-ins, reviews, interventions: real UTC timestamps) shown in Seattle local time, labelled, and
 * today's date in Seattle. Data dates (incidents, run dates) are wall-clock dates already and are not converted.
 */
export const SEATTLE_TZ = "America/Los_Angeles";

/** "Feb 16, 2026, 9:05 AM Seattle time (PST)". */
export function formatSeattleTime(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  const text = d.toLocaleString("en-US", {
    timeZone: SEATTLE_TZ,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
  const zone = new Intl.DateTimeFormat("en-US", { timeZone: SEATTLE_TZ, timeZoneName: "short" })
    .formatToParts(d)
    .find((p) => p.type === "timeZoneName")?.value;
  return `${text} Seattle time${zone ? ` (${zone})` : ""}`;
}

/** Today's calendar date in Seattle, YYYY-MM-DD. */
export function seattleToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: SEATTLE_TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Whole days from one YYYY-MM-DD date to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

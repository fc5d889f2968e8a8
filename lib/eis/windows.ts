import { subMonths } from "date-fns";
import type { ResolvedEisConfig } from "./config";
import type { EisWindows } from "./types";

/**
 * Time windows of a run. Times in the portal are Seattle wall-clock times stored as UTC, so a window is a range of
 * wall-clock dates: it starts at 00:00 on the start date (inclusive) and ends at 00:00 on the as-of date
 * (exclusive), i.e. the last day counted is the day before the as-of date. The start is the as-of date minus N
 * calendar months with date-fns's month arithmetic (31 March minus one month is 28 or 29 February).
 */
export interface DateWindow {
  start: Date;
  end: Date;
}

/** The as-of instant reduced to its (UTC-stored wall-clock) calendar date at 00:00. */
export function asOfDay(asOf: Date): Date {
  if (Number.isNaN(asOf.getTime())) throw new Error("asOf is not a valid date");
  return new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()));
}

/**
 * date-fns computes in the server's local zone; the calendar fields are copied into a local date and back so that
 * the server's zone (and its daylight-saving changes) can never move a window by a day.
 */
export function monthsBefore(day: Date, months: number): Date {
  const local = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
  const shifted = subMonths(local, months);
  return new Date(Date.UTC(shifted.getFullYear(), shifted.getMonth(), shifted.getDate()));
}

export function windowOf(asOf: Date, months: number): DateWindow {
  const end = asOfDay(asOf);
  return { start: monthsBefore(end, months), end };
}

export const inWindow = (t: Date, w: DateWindow): boolean =>
  t.getTime() >= w.start.getTime() && t.getTime() < w.end.getTime();

export interface RunWindows {
  incident: DateWindow;
  subject: DateWindow;
  engagement: DateWindow;
  volume: DateWindow;
  volumePeers: DateWindow;
  escalation: DateWindow;
}

export function runWindows(asOf: Date, c: ResolvedEisConfig): RunWindows {
  return {
    incident: windowOf(asOf, c.incidentWindowMonths),
    subject: windowOf(asOf, c.subjectWindowMonths),
    engagement: windowOf(asOf, c.engagementWindowMonths),
    volume: windowOf(asOf, c.volumeWindowMonths),
    volumePeers: windowOf(asOf, c.volumePeerWindowMonths),
    escalation: windowOf(asOf, c.escalationWindowMonths),
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const iso = (w: DateWindow) => ({ start: isoDay(w.start), end: isoDay(w.end) });

/** The windows as ISO dates (start inclusive, end exclusive), as stored with each run. */
export function windowsAsIso(w: RunWindows): EisWindows {
  return {
    incident: iso(w.incident),
    subject: iso(w.subject),
    engagement: iso(w.engagement),
    volume: iso(w.volume),
    escalation: iso(w.escalation),
  };
}

/** The longest window: records older than its start cannot affect a run. */
export function earliestStart(w: RunWindows): Date {
  return new Date(Math.min(...Object.values(w).map((x: DateWindow) => x.start.getTime())));
}

import { HOURS_IN_WEEK, WEEKDAYS, type HoursMask } from "./hours";
import { coveredMinutesCounter, hourOfWeek, simulate, type SimContacts, type SimSettings } from "./simulate";

/**
 * "Where would it matter most": an exhaustive search over coverage windows. For each window length (8, 10, 12 hours)
 * and each weekday (and "every day"), every start hour 0-23 is simulated with the reader's teams, minutes per contact
 * and precincts, and the window reaching the most eligible contacts per team-hour wins (ties: the earlier start).
 * Busy teams are part of the simulation, so a window is not ranked on arrivals alone.
 */
export const WINDOW_LENGTHS = [8, 10, 12] as const;

export interface WindowResult {
  length: number;
  /** "Mon".."Sun", or "Every day". */
  days: string;
  start: number;
  end: number;
  reached: number;
  teamHours: number;
  perTeamHour: number;
  /** Share of the eligible contacts of those days (any hour, covered precincts) reached by the window. */
  shareOfDays: number | null;
}

function windowMask(days: number[], start: number, length: number): HoursMask {
  const mask: HoursMask = Array(HOURS_IN_WEEK).fill(false);
  for (const d of days) for (let h = start; h < start + length; h++) mask[(d * 24 + h) % HOURS_IN_WEEK] = true;
  return mask;
}

/** The contacts that pass `keep`, as a smaller SimContacts (the search simulates hundreds of windows). */
function subset(c: SimContacts, keep: (i: number) => boolean): SimContacts {
  const idx: number[] = [];
  for (let i = 0; i < c.times.length; i++) if (keep(i)) idx.push(i);
  const pick = (a: ArrayLike<number>) => Int32Array.from(idx, (i) => a[i]!);
  return {
    ...c,
    times: pick(c.times),
    precinct: pick(c.precinct),
    callType: pick(c.callType),
    outcome: c.outcome ? pick(c.outcome) : undefined,
  };
}

export function bestWindows(all: SimContacts, s: Omit<SimSettings, "mask">): WindowResult[] {
  const out: WindowResult[] = [];
  const eligible = subset(all, (i) => s.eligible[all.callType[i]!] === true);
  const groups: [string, number[]][] = [
    ...WEEKDAYS.map((d, i) => [d, [i]] as [string, number[]]),
    ["Every day", [0, 1, 2, 3, 4, 5, 6]],
  ];
  for (const [label, days] of groups) {
    // A window starting on day d can only reach contacts of day d and, past midnight, of day d + 1.
    const reach = new Set(days.flatMap((d) => [d, (d + 1) % 7]));
    const c =
      days.length === 7
        ? eligible
        : subset(eligible, (i) => reach.has(Math.floor(hourOfWeek(eligible.times[i]!, eligible.startWeekday) / 24)));
    // Eligible contacts arriving on these days, at any hour, in the covered area (with no team, all are "busy").
    const denominator = simulate(c, { ...s, mask: windowMask(days, 0, 24), teams: 0 }).missed.allTeamsBusy;
    for (const length of WINDOW_LENGTHS) {
      let best: WindowResult | null = null;
      for (let start = 0; start < 24; start++) {
        const mask = windowMask(days, start, length);
        const r = simulate(c, { ...s, mask });
        const teamHours = (s.teams * coveredMinutesCounter(mask, c.startWeekday)(c.periodStart, c.periodEnd)) / 60;
        const perTeamHour = teamHours > 0 ? r.reached / teamHours : 0;
        if (!best || perTeamHour > best.perTeamHour) {
          best = {
            length,
            days: label,
            start,
            end: (start + length) % 24,
            reached: r.reached,
            teamHours,
            perTeamHour,
            shareOfDays: denominator > 0 ? r.reached / denominator : null,
          };
        }
      }
      out.push(best!);
    }
  }
  return out.sort((a, b) => b.perTeamHour - a.perTeamHour || a.length - b.length);
}

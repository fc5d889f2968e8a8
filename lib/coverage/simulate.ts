import { HOURS_IN_WEEK, type HoursMask } from "./hours";

/**
 * The coverage simulator: replays the real arrival times of one year's eligible crisis contacts against a civilian
 * team schedule. A pure, deterministic function (no clock, no randomness), so every figure can be reproduced.
 *
 * Model (a loss system: nobody waits). Contacts are taken in time order (ties in stored order). Each eligible contact
 * is, in this order of precedence:
 *  1. outside hours: it arrives in an hour the teams do not work;
 *  2. outside area: its precinct is not covered;
 *  3. all teams busy: every team is still on an earlier contact (a team is busy for `minutesPerContact` from the
 *     arrival of the contact it took, on-scene plus travel; a team that frees up at minute t can take a contact at t);
 *  4. otherwise reached: a free team takes it, even if the work runs past the end of the shift.
 * So reached + outsideHours + outsideArea + allTeamsBusy = eligible, always. Which free team takes a contact does not
 * change any count (all teams are alike), so the first free one does.
 *
 * Times are minutes from 1 January 00:00 of the year on Seattle's wall clock, as the data publish them (stored as UTC
 * without any zone shift); the hour of the day and the weekday come from that value directly.
 */
export interface SimContacts {
  /** Minutes since 1 January 00:00, ascending. */
  times: ArrayLike<number>;
  precinct: ArrayLike<number>;
  callType: ArrayLike<number>;
  /** 1 when the contact (under the police response) ended in arrest or force; optional. */
  outcome?: ArrayLike<number>;
  /** Weekday of 1 January, Monday = 0. */
  startWeekday: number;
  /** The minutes of the year the data cover: [periodStart, periodEnd). */
  periodStart: number;
  periodEnd: number;
}

export interface SimSettings {
  /** By call-type index: is the call type eligible under the rule? */
  eligible: readonly boolean[];
  /** By precinct index: covered? null = every precinct (a citywide service, including contacts with no precinct). */
  coveredPrecincts: readonly boolean[] | null;
  mask: HoursMask;
  teams: number;
  minutesPerContact: number;
}

export interface SimResult {
  eligible: number;
  reached: number;
  missed: { outsideHours: number; outsideArea: number; allTeamsBusy: number };
  /** Minutes the teams are on duty over the period (teams x covered minutes). */
  onDutyMinutes: number;
  /** Minutes of work on reached contacts inside the covered hours, and after them (shifts running over). */
  busyMinutesOnDuty: number;
  busyMinutesAfterHours: number;
  /** Reached contacts that ended in arrest or force when police answered them (see outcome). */
  reachedArrestOrForce: number;
  eligibleArrestOrForce: number;
}

const WEEK_MIN = HOURS_IN_WEEK * 60;

/** Covered minutes of [a, b) for a weekly mask, in O(1) from a prefix sum over the week's minutes. */
export function coveredMinutesCounter(mask: HoursMask, startWeekday: number): (a: number, b: number) => number {
  const prefix = new Float64Array(HOURS_IN_WEEK + 1);
  for (let h = 0; h < HOURS_IN_WEEK; h++) prefix[h + 1] = prefix[h]! + (mask[h] ? 60 : 0);
  const perWeek = prefix[HOURS_IN_WEEK]!;
  const offset = startWeekday * 1440;
  // Covered minutes from the start of the week containing minute 0 (shifted by the weekday of 1 January) up to x.
  const upTo = (x: number) => {
    const m = x + offset;
    const weeks = Math.floor(m / WEEK_MIN);
    const r = m - weeks * WEEK_MIN;
    const h = Math.floor(r / 60);
    return weeks * perWeek + prefix[h]! + (mask[h] ? r - h * 60 : 0);
  };
  return (a, b) => (b <= a ? 0 : upTo(b) - upTo(a));
}

export const hourOfWeek = (minute: number, startWeekday: number) =>
  Math.floor(((minute + startWeekday * 1440) % WEEK_MIN) / 60);

export function simulate(c: SimContacts, s: SimSettings): SimResult {
  const covered = coveredMinutesCounter(s.mask, c.startWeekday);
  const freeAt = new Float64Array(Math.max(0, s.teams)).fill(-Infinity);
  const M = s.minutesPerContact;
  const r: SimResult = {
    eligible: 0,
    reached: 0,
    missed: { outsideHours: 0, outsideArea: 0, allTeamsBusy: 0 },
    onDutyMinutes: s.teams * covered(c.periodStart, c.periodEnd),
    busyMinutesOnDuty: 0,
    busyMinutesAfterHours: 0,
    reachedArrestOrForce: 0,
    eligibleArrestOrForce: 0,
  };
  const n = c.times.length;
  for (let i = 0; i < n; i++) {
    if (!s.eligible[c.callType[i]!]) continue;
    r.eligible++;
    const bad = c.outcome ? c.outcome[i] === 1 : false;
    if (bad) r.eligibleArrestOrForce++;
    const t = c.times[i]!;
    if (!s.mask[hourOfWeek(t, c.startWeekday)]) {
      r.missed.outsideHours++;
      continue;
    }
    if (s.coveredPrecincts && !s.coveredPrecincts[c.precinct[i]!]) {
      r.missed.outsideArea++;
      continue;
    }
    let team = -1;
    for (let k = 0; k < freeAt.length; k++) {
      if (freeAt[k]! <= t) {
        team = k;
        break;
      }
    }
    if (team < 0) {
      r.missed.allTeamsBusy++;
      continue;
    }
    freeAt[team] = t + M;
    r.reached++;
    if (bad) r.reachedArrestOrForce++;
    const onDuty = covered(t, t + M);
    r.busyMinutesOnDuty += onDuty;
    r.busyMinutesAfterHours += M - onDuty;
  }
  return r;
}

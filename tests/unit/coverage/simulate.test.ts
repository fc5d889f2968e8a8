import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { HOURS_IN_WEEK, parseHours } from "@/lib/coverage/hours";
import {
  coveredMinutesCounter,
  hourOfWeek,
  simulate,
  type SimContacts,
  type SimSettings,
} from "@/lib/coverage/simulate";

// 1 January 2024 was a Monday (startWeekday 0). Precinct 0 = West, 1 = East; call type 0 eligible, 1 not.
const at = (day: number, h: number, m = 0) => day * 1440 + h * 60 + m;
const FIXTURE: [number, number, number, number][] = [
  // minute, precinct, call type, arrest or force
  [at(0, 8, 30), 0, 0, 0], //  1 outside hours (before 9)
  [at(0, 9), 0, 0, 1], //      2 reached, team busy to 10:00
  [at(0, 9, 30), 0, 0, 0], //  3 all teams busy
  [at(0, 9, 45), 1, 0, 0], //  4 outside area (East)
  [at(0, 10), 0, 0, 0], //     5 reached: the team is free again at 10:00 exactly
  [at(0, 10, 10), 0, 1, 0], // 6 not eligible: not counted at all
  [at(0, 10, 59), 0, 0, 0], // 7 all teams busy
  [at(0, 11), 0, 0, 0], //     8 reached
  [at(0, 16, 30), 0, 0, 0], // 9 reached; the work runs 30 minutes past 17:00
  [at(0, 16, 45), 0, 0, 1], // 10 all teams busy
  [at(0, 17), 0, 0, 0], //     11 outside hours (17:00 is not covered by 9-17)
  [at(1, 10), 0, 0, 0], //     12 outside hours (Tuesday)
  [at(6, 12), 1, 0, 0], //     13 outside hours and outside area: hours come first
];
const fixture = (rows = FIXTURE): SimContacts => ({
  times: rows.map((r) => r[0]),
  precinct: rows.map((r) => r[1]),
  callType: rows.map((r) => r[2]),
  outcome: rows.map((r) => r[3]),
  startWeekday: 0,
  periodStart: 0,
  periodEnd: 7 * 1440,
});
const settings = (teams: number): SimSettings => ({
  eligible: [true, false],
  coveredPrecincts: [true, false],
  mask: parseHours("Mon 9-17"),
  teams,
  minutesPerContact: 60,
});

describe("coverage simulator: a hand-worked fixture (13 contacts, one team)", () => {
  it("gives the reached and missed counts worked out by hand", () => {
    const r = simulate(fixture(), settings(1));
    expect(r.eligible).toBe(12);
    expect(r.reached).toBe(4); // 2, 5, 8, 9
    expect(r.missed).toEqual({ outsideHours: 4, outsideArea: 1, allTeamsBusy: 3 }); // 1 11 12 13 | 4 | 3 7 10
    expect(r.onDutyMinutes).toBe(8 * 60);
    expect(r.busyMinutesOnDuty).toBe(60 + 60 + 60 + 30);
    expect(r.busyMinutesAfterHours).toBe(30);
    expect(r.eligibleArrestOrForce).toBe(2);
    expect(r.reachedArrestOrForce).toBe(1);
  });
  it("with two teams nobody waits in this fixture", () => {
    const r = simulate(fixture(), settings(2));
    expect(r.reached).toBe(7);
    expect(r.missed).toEqual({ outsideHours: 4, outsideArea: 1, allTeamsBusy: 0 });
  });
  it("every precinct covered (null): the East contact inside the hours is reached", () => {
    const r = simulate(fixture(), { ...settings(1), coveredPrecincts: null });
    expect(r.missed.outsideArea).toBe(0);
    expect(r.reached).toBe(4); // contact 4 (9:45) now counts, but the team is on contact 2 until 10:00
    expect(r.missed.allTeamsBusy).toBe(4);
  });
  it("reads the weekday from the stored wall-clock minute: 2025 starts on a Wednesday", () => {
    expect(hourOfWeek(0, 2)).toBe(2 * 24);
    expect(hourOfWeek(5 * 1440 + 13 * 60, 2)).toBe(0 * 24 + 13); // 6 January 2025, 13:00: a Monday
  });
});

/** An independent reference: a contact is reached when fewer than `teams` reached contacts are still in service. */
function reference(c: SimContacts, s: SimSettings) {
  const reachedAt: number[] = [];
  const out = { eligible: 0, reached: 0, outsideHours: 0, outsideArea: 0, allTeamsBusy: 0 };
  for (let i = 0; i < c.times.length; i++) {
    if (!s.eligible[c.callType[i]!]) continue;
    out.eligible++;
    const t = c.times[i]!;
    const date = new Date(Date.UTC(2023, 0, 2) + (t + c.startWeekday * 1440) * 60_000); // 2 January 2023: a Monday
    const how = ((date.getUTCDay() + 6) % 7) * 24 + date.getUTCHours();
    if (!s.mask[how]) out.outsideHours++;
    else if (s.coveredPrecincts && !s.coveredPrecincts[c.precinct[i]!]) out.outsideArea++;
    else if (reachedAt.filter((r) => r <= t && t < r + s.minutesPerContact).length >= s.teams) out.allTeamsBusy++;
    else {
      out.reached++;
      reachedAt.push(t);
    }
  }
  return out;
}

function randomCase(rand: () => number): { c: SimContacts; s: SimSettings } {
  const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const n = int(0, 400);
  const span = int(1, 60) * 1440;
  const times = Array.from({ length: n }, () => int(0, span - 1)).sort((a, b) => a - b);
  const callTypes = int(1, 6);
  const precincts = int(1, 5);
  const mask = Array.from({ length: HOURS_IN_WEEK }, () => rand() < 0.4);
  return {
    c: {
      times,
      precinct: times.map(() => int(0, precincts - 1)),
      callType: times.map(() => int(0, callTypes - 1)),
      outcome: times.map(() => int(0, 1)),
      startWeekday: int(0, 6),
      periodStart: 0,
      periodEnd: span,
    },
    s: {
      eligible: Array.from({ length: callTypes }, () => rand() < 0.6),
      coveredPrecincts: rand() < 0.3 ? null : Array.from({ length: precincts }, () => rand() < 0.6),
      mask,
      teams: int(1, 6),
      minutesPerContact: int(5, 300),
    },
  };
}

describe("coverage simulator: properties over random parameters (seeded)", () => {
  const rand = seedrandom.alea("coverage-properties-1");
  const cases = Array.from({ length: 300 }, () => randomCase(rand));
  it("reached + missed by reason = eligible, for every parameter set", () => {
    for (const { c, s } of cases) {
      const r = simulate(c, s);
      expect(r.reached + r.missed.outsideHours + r.missed.outsideArea + r.missed.allTeamsBusy).toBe(r.eligible);
      expect(r.eligible).toBe(Array.from(c.callType).filter((t) => s.eligible[t]).length);
      expect(r.busyMinutesOnDuty).toBeLessThanOrEqual(r.onDutyMinutes);
      expect(r.busyMinutesOnDuty + r.busyMinutesAfterHours).toBe(r.reached * s.minutesPerContact);
      expect(r.reachedArrestOrForce).toBeLessThanOrEqual(r.eligibleArrestOrForce);
    }
  });
  it("agrees exactly with an independent reference implementation", () => {
    for (const { c, s } of cases) {
      const r = simulate(c, s);
      expect({ eligible: r.eligible, reached: r.reached, ...r.missed }).toEqual(reference(c, s));
    }
  });
  it("is deterministic: the same input gives the same output", () => {
    for (const { c, s } of cases.slice(0, 50)) expect(simulate(c, s)).toEqual(simulate(c, s));
  });
  it("no hours: nothing reached; all hours, everywhere, more teams than contacts: everything reached", () => {
    for (const { c, s } of cases.slice(0, 50)) {
      const none = simulate(c, { ...s, mask: Array(HOURS_IN_WEEK).fill(false) });
      expect(none.missed.outsideHours).toBe(none.eligible);
      const all = simulate(c, {
        ...s,
        mask: Array(HOURS_IN_WEEK).fill(true),
        coveredPrecincts: null,
        teams: c.times.length + 1,
      });
      expect(all.reached).toBe(all.eligible);
    }
  });
  it("counts covered minutes like a minute-by-minute count", () => {
    for (const { c, s } of cases.slice(0, 20)) {
      const count = coveredMinutesCounter(s.mask, c.startWeekday);
      const a = Math.floor(rand() * 20_000);
      const b = a + Math.floor(rand() * 30_000);
      let brute = 0;
      for (let m = a; m < b; m++) if (s.mask[hourOfWeek(m, c.startWeekday)]) brute++;
      expect(count(a, b)).toBe(brute);
    }
  });
});

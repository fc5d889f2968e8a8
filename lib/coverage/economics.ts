import type { SimParams } from "./params";
import type { SimResult } from "./simulate";

/**
 * Staffing and cost of a schedule, and the officer-time comparison line. Staff: each team on duty is `staffPerTeam`
 * posts; a post worked H hours a year needs H / productiveHours employees (the shift relief factor). Cost: employees
 * x cost per employee + teams x cost per team, for a year; cost per reached contact divides the cost of the period
 * the data cover by the contacts reached in it.
 *
 * The officer comparison is what the same eligible contacts cost in officer time today: eligible x minutes per
 * contact x officers per contact x cost per officer-hour. It is a marginal time cost (officers are paid whether or
 * not they take a crisis call), while the team's is a whole program's cost, so the two are not savings: the line
 * shows how much officer time the reached contacts use, and how much remains on armed officers.
 */
export interface Economics {
  /** Covered hours in a whole calendar year (the schedule's hours per week over that year's days). */
  coveredHoursPerYear: number;
  teamHours: number;
  utilisation: number | null;
  reliefFactor: number;
  staffNeeded: number;
  annualCost: number;
  periodCost: number;
  costPerReached: number | null;
  officer: {
    /** Officer-hours the police response spends on all eligible contacts over the period. */
    hoursOnEligible: number;
    costOnEligible: number;
    costPerContact: number;
    /** Officer-hours still spent on the eligible contacts the teams did not reach, and freed by those they did. */
    hoursRemaining: number;
    hoursFreed: number;
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function economics(
  sim: SimResult,
  p: SimParams,
  period: { start: number; end: number; daysInYear: number },
  coveredMinutesInYear: number,
): Economics {
  const coveredHoursPerYear = coveredMinutesInYear / 60;
  const reliefFactor = coveredHoursPerYear / p.productiveHours;
  const staffNeeded = p.teams * p.staffPerTeam * reliefFactor;
  const annualCost = staffNeeded * p.costPerStaff + p.teams * p.costPerTeam;
  const periodShare = (period.end - period.start) / (period.daysInYear * 1440);
  const periodCost = annualCost * periodShare;
  const officerHoursPer = (p.minutesPerContact / 60) * p.officersPerContact;
  return {
    coveredHoursPerYear,
    teamHours: round(sim.onDutyMinutes / 60, 1),
    utilisation: sim.onDutyMinutes > 0 ? round(sim.busyMinutesOnDuty / sim.onDutyMinutes, 4) : null,
    reliefFactor: round(reliefFactor, 3),
    staffNeeded: round(staffNeeded, 1),
    annualCost: Math.round(annualCost),
    periodCost: Math.round(periodCost),
    costPerReached: sim.reached > 0 ? Math.round(periodCost / sim.reached) : null,
    officer: {
      hoursOnEligible: round(sim.eligible * officerHoursPer, 1),
      costOnEligible: Math.round(sim.eligible * officerHoursPer * p.officerCostPerHour),
      costPerContact: Math.round(officerHoursPer * p.officerCostPerHour),
      hoursRemaining: round((sim.eligible - sim.reached) * officerHoursPer, 1),
      hoursFreed: round(sim.reached * officerHoursPer, 1),
    },
  };
}

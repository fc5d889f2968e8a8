/**
 * The synthetic officer roster behind the Crisis Data sample: officers who join and leave over the decade, with
 * stable IDs and HR attributes, an assignment that can change, and a date of CIT certification. The generator asks
 * the roster which officers are on duty in a month and what an officer's attributes were on a given day.
 */
import {
  FIELD_TRAINING,
  NON_PATROL_ASSIGNMENTS,
  OFFICER_GENDERS,
  OFFICER_RACES,
  PATROL_PRECINCTS,
  PATROL_SQUADS,
  Rand,
  WeightedTable,
  type Assignment,
} from "./crisis-sample-catalog";

export interface RosterCalibration {
  /** Officers already on the force on the first day who will write crisis templates. */
  initialOfficers: number;
  /** New officers by hire year; years not listed use defaultHiresPerYear. */
  hiresPerYear: Readonly<Record<number, number>>;
  defaultHiresPerYear: number;
  /** Yearly share of officers who leave; years not listed use defaultSeparationRate. */
  separationRateByYear: Readonly<Record<number, number>>;
  defaultSeparationRate: number;
  /** Extra yearly leaving rate from this age on. */
  retirementAge: number;
  retirementRate: number;
  /** Share of hires with earlier police experience elsewhere, and its maximum in years. */
  lateralHireShare: number;
  maxPriorYears: number;
  /** Months a new hire spends in the field training squad. */
  fieldTrainingMonths: number;
  /** Share of officers outside precinct patrol, and share transferred once during their tenure. */
  nonPatrolShare: number;
  transferShare: number;
  /** Spread (log-normal sigma) of how many crisis templates officers of the same unit write. */
  activitySpread: number;
  /** CIT certification: share certified before the first day, and yearly certification rates by period. */
  certifiedAtStartShare: number;
  certificationRates: readonly { from: string; perYear: number }[];
  /** New hires cannot take the 40-hour course before this many months of service. */
  certificationEligibleAfterMonths: number;
  /** Share of officers with HR fields missing in the published data. */
  missingYearOfBirthShare: number;
  missingExperienceShare: number;
  missingAssignmentShare: number;
  missingPrecinctDescShare: number;
}

export interface Officer {
  id: string;
  gender: string;
  race: string;
  yearOfBirth: number | null;
  hiredAt: number;
  /** Time of leaving (ms); Infinity while still serving. */
  leftAt: number;
  priorYears: number;
  experienceRecorded: boolean;
  /** Time of CIT certification (ms); Infinity if never certified. */
  certifiedAt: number;
  /** Assignments in time order, each from its start time on. */
  assignments: { from: number; assignment: Assignment }[];
  /** Relative number of crisis templates this officer writes. */
  activity: number;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;

const genders = new WeightedTable(OFFICER_GENDERS);
const races = new WeightedTable(OFFICER_RACES);
const patrolPrecincts = new WeightedTable(PATROL_PRECINCTS);
const nonPatrolAssignments = new WeightedTable(NON_PATROL_ASSIGNMENTS);

const utcYear = (ms: number) => new Date(ms).getUTCFullYear();

export function assignmentAt(officer: Officer, at: number): Assignment {
  let current = officer.assignments[0]!.assignment;
  for (const a of officer.assignments) if (a.from <= at) current = a.assignment;
  return current;
}

export function isCertifiedAt(officer: Officer, at: number): boolean {
  return officer.certifiedAt <= at;
}

/** Whole years of experience on the report date, never more than the years since age 18 (kept valid on purpose). */
export function yearsOfExperienceAt(officer: Officer, at: number): number {
  const years = Math.floor((at - officer.hiredAt) / YEAR_MS) + officer.priorYears;
  const adultYears = officer.yearOfBirth === null ? Infinity : utcYear(at) - officer.yearOfBirth - 18;
  return Math.max(0, Math.min(years, adultYears));
}

function drawAssignment(rand: Rand, c: RosterCalibration): Assignment {
  let assignment: Assignment;
  if (rand.chance(c.nonPatrolShare)) {
    assignment = rand.from(nonPatrolAssignments);
  } else {
    const precinct = rand.from(patrolPrecincts);
    const squad = rand.pick(PATROL_SQUADS[precinct]);
    assignment = {
      bureau: "OPERATIONS BUREAU",
      precinctDesc: `${precinct} PCT`,
      squad,
      homePrecinct: precinct,
      activity: 1,
    };
  }
  // HR gaps: a few officers have no assignment at all, a few more no precinct/section.
  if (rand.chance(c.missingAssignmentShare)) return { ...assignment, bureau: "", precinctDesc: "", squad: "" };
  if (rand.chance(c.missingPrecinctDescShare)) return { ...assignment, precinctDesc: "" };
  return assignment;
}

function yearlyRate(byYear: Readonly<Record<number, number>>, fallback: number, year: number): number {
  return byYear[year] ?? fallback;
}

/** Walks month by month from `from` and returns the first month a yearly-rate event happens, or Infinity. */
function firstEventTime(rand: Rand, from: number, until: number, perYearAt: (at: number) => number): number {
  for (let at = from; at < until; at += MONTH_MS) {
    const monthly = 1 - Math.pow(1 - Math.min(perYearAt(at), 0.999), 1 / 12);
    if (rand.chance(monthly)) return at + rand.float() * MONTH_MS;
  }
  return Infinity;
}

function certificationRateAt(c: RosterCalibration, at: number): number {
  let rate = 0;
  for (const period of c.certificationRates) if (Date.parse(`${period.from}-01T00:00:00Z`) <= at) rate = period.perYear;
  return rate;
}

function drawOfficer(
  rand: Rand,
  c: RosterCalibration,
  hiredAt: number,
  start: number,
  end: number,
): Omit<Officer, "id"> {
  const hireYear = utcYear(hiredAt);
  const lateral = rand.chance(c.lateralHireShare);
  const priorYears = lateral ? rand.int(1, c.maxPriorYears) : 0;
  // Most recruits join at 21-28; laterals are older by their prior service.
  const hireAge = 21 + Math.floor(8 * rand.float() ** 2) + priorYears;
  const yearOfBirth = Math.min(2000, Math.max(1950, hireYear - hireAge));
  const onDuty = Math.max(hiredAt, start);
  const leftAt = firstEventTime(rand, onDuty, end, (at) => {
    const year = utcYear(at);
    const base = yearlyRate(c.separationRateByYear, c.defaultSeparationRate, year);
    return year - yearOfBirth >= c.retirementAge ? base + c.retirementRate : base;
  });

  const assignments: Officer["assignments"] = [];
  const hiredDuringSample = hiredAt >= start;
  if (hiredDuringSample) assignments.push({ from: hiredAt, assignment: FIELD_TRAINING });
  const settledAt = hiredDuringSample ? hiredAt + c.fieldTrainingMonths * MONTH_MS : hiredAt;
  assignments.push({ from: settledAt, assignment: drawAssignment(rand, c) });
  if (rand.chance(c.transferShare)) {
    const transferAt = rand.between(Math.max(settledAt, start), Math.min(leftAt, end));
    if (transferAt > settledAt) assignments.push({ from: transferAt, assignment: drawAssignment(rand, c) });
  }

  let certifiedAt = Infinity;
  if (!hiredDuringSample && rand.chance(c.certifiedAtStartShare)) certifiedAt = hiredAt;
  else {
    const eligibleAt = Math.max(start, hiredAt + c.certificationEligibleAfterMonths * MONTH_MS);
    certifiedAt = firstEventTime(rand, eligibleAt, Math.min(leftAt, end), (at) => certificationRateAt(c, at));
  }
  // Crisis units only take certified officers: certify them by the day they join the unit.
  for (const a of assignments) if (a.assignment.requiresCit) certifiedAt = Math.min(certifiedAt, a.from);

  return {
    gender: rand.from(genders),
    race: rand.from(races),
    yearOfBirth: rand.chance(c.missingYearOfBirthShare) ? null : yearOfBirth,
    hiredAt,
    leftAt,
    priorYears,
    experienceRecorded: !rand.chance(c.missingExperienceShare),
    certifiedAt,
    assignments,
    activity: Math.exp(c.activitySpread * rand.normal()),
  };
}

export class OfficerRoster {
  readonly officers: readonly Officer[];

  constructor(rand: Rand, startYear: number, endYear: number, c: RosterCalibration) {
    const start = Date.UTC(startYear, 0, 1);
    const end = Date.UTC(endYear + 1, 0, 1);
    const hireDates: number[] = [];
    // Serving officers were hired over the previous 30 years, more of them recently.
    for (let i = 0; i < c.initialOfficers; i++) hireDates.push(start - (0.2 + 30 * rand.float() ** 1.5) * YEAR_MS);
    for (let year = startYear; year <= endYear; year++) {
      const hires = yearlyRate(c.hiresPerYear, c.defaultHiresPerYear, year);
      for (let i = 0; i < hires; i++) hireDates.push(Date.UTC(year, 0, 1) + rand.float() * YEAR_MS);
    }
    hireDates.sort((a, b) => a - b);
    // IDs follow hiring order with small gaps, like HR serial numbers ("195", "1735", "2470").
    let nextId = 100;
    this.officers = hireDates.map((hiredAt) => {
      nextId += rand.int(1, 3);
      return { id: String(nextId), ...drawOfficer(rand, c, hiredAt, start, end) };
    });
  }

  /** Officers serving at `at`, with a draw weighted by how many crisis templates each writes. */
  onDuty(at: number): OnDutyOfficers {
    const serving = this.officers.filter((o) => o.hiredAt <= at && at < o.leftAt);
    return new OnDutyOfficers(
      new WeightedTable(serving.map((o) => [o, o.activity * assignmentAt(o, at).activity] as const)),
    );
  }
}

export class OnDutyOfficers {
  constructor(private readonly table: WeightedTable<Officer>) {}

  draw(rand: Rand): Officer {
    return rand.from(this.table);
  }

  /** A second officer on the same template: any other serving officer. */
  drawOther(rand: Rand, other: Officer): Officer {
    for (let attempt = 0; attempt < 50; attempt++) {
      const officer = this.draw(rand);
      if (officer !== other) return officer;
    }
    throw new Error("Fewer than two officers on duty: the roster calibration is too small");
  }
}

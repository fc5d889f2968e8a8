/**
 * Deterministic synthetic SPD "Crisis Data" (data.seattle.gov i2q9-thny) rows, for development and tests while the
 * real rows are not available offline. Rows use the Socrata API field names and formats (an empty string is a null
 * in the source) and stream out in the order of the contacts' reported times, all rows of one template together.
 *
 * The same options always yield byte-identical rows: all randomness comes from `seedrandom` streams derived from
 * the seed (one for the officer roster, one for the contacts), never from Math.random or the clock.
 *
 * Structure mirrors the real data: one template (Template ID) per person per crisis contact, one row per
 * disposition, and a few templates written by two officers, which is why analyses must count Template IDs, not rows.
 */
import seedrandom from "seedrandom";
import type { RawCrisisRow } from "../sources/crisis-fields";
import {
  CALL_TYPES,
  CRISIS_FINAL_CALL_TYPES,
  DISPOSITIONS,
  INITIAL_CALL_TYPES,
  PATROL_PRECINCTS,
  Rand,
  SECTORS_BY_PRECINCT,
  SUBJECT_VETERAN,
  WeightedTable,
  type CallRisk,
  type DispositionKind,
  type InitialCallType,
} from "./crisis-sample-catalog";
import {
  OfficerRoster,
  assignmentAt,
  isCertifiedAt,
  yearsOfExperienceAt,
  type Officer,
  type OnDutyOfficers,
  type RosterCalibration,
} from "./crisis-sample-roster";

export interface CrisisSampleOptions {
  seed?: string;
  targetRows?: number;
  startYear?: number;
  endYear?: number;
}

export const CRISIS_SAMPLE_DEFAULTS = {
  seed: "spd-crisis-sample-v1",
  targetRows: 150_000,
  startYear: 2015,
  endYear: 2025,
};

// ------------------------------------------------------------------------------------------------------------------
// CALIBRATION. Every number that shapes the sample, in one place. Sources: the 2018 Socrata dictionary of the
// dataset (null counts at 43,864 rows), shared/background/003 (a 2015-2025 analysis of this dataset: force in 1-2% of
// contacts, odds ratio ~6.5 for violent/high-risk calls vs welfare checks, ~1.13 for CIT-certified officers, CIT
// officers also more likely to arrest (+45%), detain and refer (+27%)). Where no source gives a number, the value
// is a plausible estimate, marked "est.".
// ------------------------------------------------------------------------------------------------------------------
export const CRISIS_SAMPLE_CALIBRATION = {
  volume: {
    /** Relative templates per year (est.): rising to 2019, a COVID-19 dip in 2020, then roughly level. */
    byYear: {
      2015: 0.8,
      2016: 0.88,
      2017: 0.96,
      2018: 1.04,
      2019: 1.12,
      2020: 0.9,
      2021: 0.95,
      2022: 0.97,
      2023: 0.98,
      2024: 0.99,
      2025: 1,
    } as Readonly<Record<number, number>>,
    /** Mild seasonality (est.): +-7% around the mean, peaking in July. */
    seasonalAmplitude: 0.07,
    seasonalPeakMonth: 7,
    /** Reported time of day, relative weight per hour 00..23 (est.: afternoon and evening peak). */
    reportedHourWeights: [
      3, 2.5, 2, 1.5, 1.2, 1, 1.2, 1.8, 2.5, 3.2, 3.8, 4.2, 4.5, 4.7, 5, 5.2, 5.4, 5.5, 5.5, 5.3, 5, 4.6, 4.2, 3.6,
    ],
  },
  template: {
    /** P(1, 2, 3, 4 disposition rows) for one officer's template: mean 1.42 (est.). */
    dispositionCountProbabilities: [0.68, 0.24, 0.06, 0.02],
    /** Templates with one row and an empty / '-' disposition: ~3% of rows are null (1,377 of 43,864 in 2018). */
    blankDispositionShare: 0.042,
    dashDispositionShare: 0.002,
    /** Templates written by a second officer too (same Template ID, own disposition rows) (est.). */
    secondOfficerShare: 0.03,
    /** Templates not linked to a CAD event: no occurred time, call types or location (566 of 43,864 in 2018). */
    unlinkedEventShare: 0.013,
    /** Template IDs increase in report order; consecutive crisis templates skip IDs used by other templates. */
    firstTemplateId: 43_000,
    maxTemplateIdGap: 7,
  },
  occurrence: {
    /** Minutes from the event to the report (est.): usually a couple of hours, sometimes a day, rarely weeks. */
    typicalLagMinMinutes: 5,
    typicalLagMeanMinutes: 120,
    dayLateShare: 0.04,
    weeksLateShare: 0.003,
  },
  useOfForce: {
    /** Odds of force on a welfare check by a non-certified officer in trendCenterYear: ~1.5% of all contacts. */
    baseOdds: 0.0069,
    oddsRatioByRisk: { welfare: 1, crisis: 1.8, disorder: 2, violent: 6.5 } as Record<CallRisk, number>,
    oddsRatioCitCertified: 1.13,
    /** Odds multiply by this each year: force declines slowly (est.). */
    yearlyOddsTrend: 0.97,
    trendCenterYear: 2020,
  },
  /** CIT response (est.): requested ~30%, dispatched ~25%, arrived ~22% of templates, nested in that order. */
  citResponse: {
    requestedShare: { crisis: 0.42, other: 0.22 },
    dispatchedIfRequested: 0.78,
    dispatchedOtherwise: 0.025,
    arrivedIfDispatched: 0.82,
    arrivedOtherwise: 0.02,
  },
  /** Disposition weights are the catalog's, multiplied by these per disposition kind. */
  dispositionKindMultipliers: {
    byRisk: {
      welfare: { arrest: 0.4, emergent_detention: 0.9, referral: 1, no_action: 1.2 },
      crisis: { arrest: 0.5, emergent_detention: 1.4, referral: 1.15, no_action: 0.9 },
      disorder: { arrest: 2, emergent_detention: 0.8, referral: 0.9, no_action: 1.1 },
      violent: { arrest: 4, emergent_detention: 1.1, referral: 0.7, no_action: 0.8 },
    } as Record<CallRisk, Record<DispositionKind, number>>,
    force: { arrest: 5, emergent_detention: 2.5, referral: 0.6, no_action: 0.35 } as Record<DispositionKind, number>,
    /** The "interventionist" pattern of CIT-certified officers: more of everything, less of nothing. */
    citCertified: { arrest: 1.45, emergent_detention: 1.3, referral: 1.27, no_action: 1 } as Record<
      DispositionKind,
      number
    >,
  },
  finalCallType: {
    /** Share of final call types that are the generic crisis ones, by call risk (est.). */
    crisisShare: { crisis: 0.85, welfare: 0.55, disorder: 0.35, violent: 0.25 } as Record<CallRisk, number>,
    /** Otherwise the call's own final type: the first listed in the catalog this often, else another (est.). */
    ownFirstShare: 0.6,
  },
  location: {
    /** Patrol officers mostly answer calls in their own precinct (est.). */
    homePrecinctShare: 0.88,
    /** Placeholders: 'UNKNOWN' (blank sector, beat '99') and '-' (sector and beat '-'). */
    unknownPrecinctShare: 0.003,
    dashPrecinctShare: 0.002,
  },
  quirks: {
    /** Officer-templates with an impossible years-of-experience value, which the ingest must quarantine (~0.05%). */
    impossibleExperienceShare: 0.0005,
  },
  officers: {
    // ~880 serving + ~450 hired = ~1,330 officers in the pool; ~700-800 serving at any time.
    initialOfficers: 880,
    hiresPerYear: {
      2015: 45,
      2016: 50,
      2017: 55,
      2018: 55,
      2019: 55,
      2020: 35,
      2021: 25,
      2022: 30,
      2023: 35,
      2024: 40,
      2025: 45,
    },
    defaultHiresPerYear: 45,
    // Attrition peaked in 2020-2022 (est.).
    separationRateByYear: { 2020: 0.08, 2021: 0.11, 2022: 0.08 },
    defaultSeparationRate: 0.045,
    retirementAge: 58,
    retirementRate: 0.25,
    lateralHireShare: 0.1,
    maxPriorYears: 8,
    fieldTrainingMonths: 8,
    nonPatrolShare: 0.12,
    transferShare: 0.25,
    activitySpread: 0.7,
    // CIT certified share of contacts ~30% in 2015, ~60% by early 2020; training paused March 2020, resumed slowly
    // from the second quarter of 2021.
    certifiedAtStartShare: 0.22,
    certificationRates: [
      { from: "1900-01", perYear: 0.2 },
      { from: "2020-03", perYear: 0 },
      { from: "2021-04", perYear: 0.07 },
    ],
    certificationEligibleAfterMonths: 12,
    // Null counts at 43,864 rows in 2018: year of birth 112 (0.26%), experience 2,969 (6.8%), bureau 307,
    // squad 301 (0.7%), precinct desc 1,244 (2.8%).
    missingYearOfBirthShare: 0.0026,
    missingExperienceShare: 0.068,
    missingAssignmentShare: 0.007,
    missingPrecinctDescShare: 0.021,
  } satisfies RosterCalibration,
};
// ------------------------------------------------------------------------------------------------------------------

const C = CRISIS_SAMPLE_CALIBRATION;
const DAY_MS = 86_400_000;

const callTypes = new WeightedTable(CALL_TYPES);
const initialCallTypes = new WeightedTable(INITIAL_CALL_TYPES.map((t) => [t, t.weight] as const));
const crisisFinalCallTypes = new WeightedTable(CRISIS_FINAL_CALL_TYPES);
const veteranValues = new WeightedTable(SUBJECT_VETERAN);
const patrolPrecincts = new WeightedTable(PATROL_PRECINCTS);
const reportedHours = new WeightedTable(C.volume.reportedHourWeights.map((w, hour) => [hour, w] as const));
const dispositionCounts = new WeightedTable(
  C.template.dispositionCountProbabilities.map((p, i) => [i + 1, p] as const),
);

/** Rows per template on average, so that the number of templates can be set from targetRows. */
function expectedRowsPerTemplate(): number {
  const t = C.template;
  const meanDispositions = t.dispositionCountProbabilities.reduce((sum, p, i) => sum + p * (i + 1), 0);
  const blank = t.blankDispositionShare + t.dashDispositionShare;
  return (1 + t.secondOfficerShare) * (blank + (1 - blank) * meanDispositions);
}

function resolveOptions(opts: CrisisSampleOptions): Required<CrisisSampleOptions> {
  // `??` rather than a spread, so that an explicit `undefined` also falls back to the default.
  const d = CRISIS_SAMPLE_DEFAULTS;
  const o = {
    seed: opts.seed ?? d.seed,
    targetRows: opts.targetRows ?? d.targetRows,
    startYear: opts.startYear ?? d.startYear,
    endYear: opts.endYear ?? d.endYear,
  };
  if (!Number.isInteger(o.targetRows) || o.targetRows < 1)
    throw new RangeError(`targetRows must be a positive whole number, got ${o.targetRows}`);
  if (!Number.isInteger(o.startYear) || !Number.isInteger(o.endYear) || o.startYear > o.endYear) {
    throw new RangeError(`startYear..endYear must be whole years in order, got ${o.startYear}..${o.endYear}`);
  }
  return o;
}

/** Relative expected templates per day: yearly volume times a mild seasonal wave. */
function dailyWeights(startYear: number, endYear: number): number[] {
  const weights: number[] = [];
  for (let at = Date.UTC(startYear, 0, 1); at < Date.UTC(endYear + 1, 0, 1); at += DAY_MS) {
    const date = new Date(at);
    const month = date.getUTCMonth() + 1;
    const season = 1 + C.volume.seasonalAmplitude * Math.cos((2 * Math.PI * (month - C.volume.seasonalPeakMonth)) / 12);
    weights.push((C.volume.byYear[date.getUTCFullYear()] ?? 1) * season);
  }
  return weights;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const isoTime = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** The call behind a template, as the CAD records it; `linked` false when the template has no CAD event. */
interface CallEvent {
  linked: boolean;
  initial: InitialCallType;
  callType: string;
  finalCallType: string;
  occurredAt: number;
}

function drawCallEvent(rand: Rand, reportedAt: number): CallEvent {
  const initial = rand.from(initialCallTypes);
  const callType = initial.onViewOnly ? "ONVIEW" : rand.from(callTypes);
  let finalCallType: string;
  if (rand.chance(C.finalCallType.crisisShare[initial.risk])) finalCallType = rand.from(crisisFinalCallTypes);
  else
    finalCallType =
      initial.finals.length === 1 || rand.chance(C.finalCallType.ownFirstShare)
        ? initial.finals[0]!
        : rand.pick(initial.finals.slice(1));

  const o = C.occurrence;
  let lagMinutes: number;
  if (rand.chance(o.weeksLateShare)) lagMinutes = rand.between(2, 30) * 24 * 60;
  else if (rand.chance(o.dayLateShare)) lagMinutes = rand.between(6, 36) * 60;
  else lagMinutes = Math.min(o.typicalLagMinMinutes + rand.exponential(o.typicalLagMeanMinutes), 24 * 60);
  const occurredAt = reportedAt - Math.round(lagMinutes * 60) * 1000;

  return { linked: !rand.chance(C.template.unlinkedEventShare), initial, callType, finalCallType, occurredAt };
}

function drawLocation(rand: Rand, officer: Officer, at: number): { precinct: string; sector: string; beat: string } {
  if (rand.chance(C.location.unknownPrecinctShare)) return { precinct: "UNKNOWN", sector: "", beat: "99" };
  if (rand.chance(C.location.dashPrecinctShare)) return { precinct: "-", sector: "-", beat: "-" };
  const home = assignmentAt(officer, at).homePrecinct;
  const precinct = home !== null && rand.chance(C.location.homePrecinctShare) ? home : rand.from(patrolPrecincts);
  const sector = rand.pick(SECTORS_BY_PRECINCT[precinct]);
  return { precinct, sector, beat: `${sector[0]}${rand.int(1, 3)}` };
}

function drawUseOfForce(rand: Rand, risk: CallRisk, citCertified: boolean, at: number): boolean {
  const f = C.useOfForce;
  const yearsFromCenter = (at - Date.UTC(f.trendCenterYear, 0, 1)) / (365.25 * DAY_MS);
  const odds =
    f.baseOdds *
    f.oddsRatioByRisk[risk] *
    (citCertified ? f.oddsRatioCitCertified : 1) *
    f.yearlyOddsTrend ** yearsFromCenter;
  return rand.chance(odds / (1 + odds));
}

function drawCitResponse(rand: Rand, risk: CallRisk): { requested: boolean; dispatched: boolean; arrived: boolean } {
  const c = C.citResponse;
  const requested = rand.chance(risk === "crisis" ? c.requestedShare.crisis : c.requestedShare.other);
  const dispatched = rand.chance(requested ? c.dispatchedIfRequested : c.dispatchedOtherwise);
  const arrived = rand.chance(dispatched ? c.arrivedIfDispatched : c.arrivedOtherwise);
  return { requested, dispatched, arrived };
}

/** Disposition tables per context (call risk, force, CIT certification, combinable-only), built on first use. */
const dispositionTables = new Map<string, WeightedTable<string>>();

function dispositionTable(
  risk: CallRisk,
  force: boolean,
  citCertified: boolean,
  combinableOnly: boolean,
): WeightedTable<string> {
  const key = `${risk}|${force}|${citCertified}|${combinableOnly}`;
  let table = dispositionTables.get(key);
  if (!table) {
    const m = C.dispositionKindMultipliers;
    const entries = DISPOSITIONS.filter((d) => d.combinable || !combinableOnly).map((d) => {
      const weight =
        d.weight * m.byRisk[risk][d.kind] * (force ? m.force[d.kind] : 1) * (citCertified ? m.citCertified[d.kind] : 1);
      return [d.name, weight] as const;
    });
    table = new WeightedTable(entries);
    dispositionTables.set(key, table);
  }
  return table;
}

/** One officer's dispositions for a template: distinct values, or a single blank / '-' one. */
function drawDispositions(rand: Rand, risk: CallRisk, force: boolean, citCertified: boolean): string[] {
  if (rand.chance(C.template.blankDispositionShare)) return [""];
  if (rand.chance(C.template.dashDispositionShare)) return ["-"];
  const count = rand.from(dispositionCounts);
  // A single disposition can be anything; several never include a stand-alone value like "Unable to Contact".
  const table = dispositionTable(risk, force, citCertified, count > 1);
  const chosen: string[] = [];
  for (let attempt = 0; chosen.length < count && attempt < 50; attempt++) {
    const value = rand.from(table);
    if (!chosen.includes(value)) chosen.push(value);
  }
  return chosen;
}

/** Years of experience as published: blank when HR has none, now and then an impossible value (a source quirk). */
function publishedExperience(rand: Rand, officer: Officer, at: number): string {
  if (!officer.experienceRecorded) return "";
  if (rand.chance(C.quirks.impossibleExperienceShare)) {
    const quirk = rand.int(0, 2);
    if (quirk === 0) return "-1";
    if (quirk === 1 || officer.yearOfBirth === null) return "99";
    // More years than the officer has been an adult: plausible-looking but impossible.
    return String(new Date(at).getUTCFullYear() - officer.yearOfBirth - 18 + rand.int(3, 10));
  }
  return String(yearsOfExperienceAt(officer, at));
}

function* templateRows(
  rand: Rand,
  onDuty: OnDutyOfficers,
  templateId: number,
  reportedAt: number,
): Generator<RawCrisisRow> {
  const event = drawCallEvent(rand, reportedAt);
  const primary = onDuty.draw(rand);
  const officers = rand.chance(C.template.secondOfficerShare) ? [primary, onDuty.drawOther(rand, primary)] : [primary];
  const location = drawLocation(rand, primary, reportedAt);
  const cit = drawCitResponse(rand, event.initial.risk);
  const force = drawUseOfForce(rand, event.initial.risk, isCertifiedAt(primary, reportedAt), reportedAt);
  const veteran = rand.from(veteranValues);
  const reported = new Date(reportedAt);
  const yn = (b: boolean) => (b ? "Y" : "N");

  for (const officer of officers) {
    const certified = isCertifiedAt(officer, reportedAt);
    const assignment = assignmentAt(officer, reportedAt);
    const experience = publishedExperience(rand, officer, reportedAt);
    for (const disposition of drawDispositions(rand, event.initial.risk, force, certified)) {
      // Keys in CRISIS_FIELDS order, so that serialised rows are byte-stable.
      yield {
        template_id: String(templateId),
        reported_date: `${isoDate(reported)}T00:00:00.000`,
        reported_time: isoTime(reported),
        occured_date_time: event.linked
          ? `${isoDate(new Date(event.occurredAt))}T${isoTime(new Date(event.occurredAt))}.000`
          : "",
        call_type: event.linked ? event.callType : "",
        initial_call_type: event.linked ? event.initial.name : "",
        final_call_type: event.linked ? event.finalCallType : "",
        disposition,
        use_of_force_indicator: yn(force),
        subject_veteran_indicator: veteran,
        cit_officer_requested: yn(cit.requested),
        cit_officer_dispatched: yn(cit.dispatched),
        cit_officer_arrived: yn(cit.arrived),
        officer_id: officer.id,
        officer_gender: officer.gender,
        officer_race: officer.race,
        officer_year_of_birth: officer.yearOfBirth === null ? "" : String(officer.yearOfBirth),
        officer_years_of_experience: experience,
        cit_certified_indicator: certified ? "Y" : "",
        officer_bureau_desc: assignment.bureau,
        officer_precinct_desc: assignment.precinctDesc,
        officer_squad_desc: assignment.squad,
        precinct: event.linked ? location.precinct : "",
        sector: event.linked ? location.sector : "",
        beat: event.linked ? location.beat : "",
      };
    }
  }
}

/**
 * Streams synthetic Crisis Data rows for startYear-01-01 .. endYear-12-31, about targetRows of them (the count of
 * templates is fixed from targetRows; the rows per template vary). Deterministic for given options.
 */
export function* generateCrisisSample(opts: CrisisSampleOptions = {}): Generator<RawCrisisRow> {
  const { seed, targetRows, startYear, endYear } = resolveOptions(opts);
  const roster = new OfficerRoster(new Rand(seedrandom.alea(`${seed}/officers`)), startYear, endYear, C.officers);
  const rand = new Rand(seedrandom.alea(`${seed}/contacts`));

  const weights = dailyWeights(startYear, endYear);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const templatesWanted = targetRows / expectedRowsPerTemplate();
  const firstDay = Date.UTC(startYear, 0, 1);

  let expectedSoFar = 0;
  let templatesSoFar = 0;
  let templateId = C.template.firstTemplateId;
  let onDuty: OnDutyOfficers | null = null;
  let onDutyMonth = -1;

  for (let day = 0; day < weights.length; day++) {
    // Day counts vary about as much as Poisson counts (variance ~ expected), but the noise perturbs the running
    // expected total instead of accumulating, so the number of templates over the whole period is exact.
    const expectedToday = (templatesWanted * weights[day]!) / totalWeight;
    expectedSoFar += expectedToday;
    const isLastDay = day === weights.length - 1;
    const noise = isLastDay ? 0 : rand.normal() * Math.sqrt(expectedToday / 2);
    const templatesToday = Math.max(0, Math.round(expectedSoFar + noise) - templatesSoFar);
    templatesSoFar += templatesToday;
    if (templatesToday <= 0) continue;

    const dayStart = firstDay + day * DAY_MS;
    const date = new Date(dayStart);
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (month !== onDutyMonth || onDuty === null) {
      onDuty = roster.onDuty(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 15));
      onDutyMonth = month;
    }

    // Reported to the minute (SPD publishes HH:MM:00), in time order within the day.
    const reportedMinutes = Array.from(
      { length: templatesToday },
      () => rand.from(reportedHours) * 60 + rand.int(0, 59),
    ).sort((a, b) => a - b);
    for (const minute of reportedMinutes) {
      templateId += rand.int(1, C.template.maxTemplateIdGap);
      yield* templateRows(rand, onDuty, templateId, dayStart + minute * 60_000);
    }
  }
}

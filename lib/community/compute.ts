import type { Db } from "@/lib/db/client";
import { harmoniseRace, RATED_GROUPS, type RaceGroup } from "./race-groups";
import {
  readAcs,
  readTerryStops,
  readTractInfo,
  TERRY_FILES,
  type AcsPopulation,
  type TerryStops,
  type TractTableInfo,
} from "./reference-data";
import { katzRatio, poissonRateRatio, type RatioCi } from "./stats";

/**
 * Community impact results, computed at ingest for one Use of Force version. A person who received force is a
 * distinct Incident_Num + Subject_ID pair, attributed (like lib/trends/uof-aggregates.ts) to the date, precinct and
 * beat of the incident's earliest record, with the race and gender of the pair's earliest record. Ratios are stored
 * unsuppressed; lib/charts/publish.ts flags small counts as unstable at display time (nothing is withheld).
 */
export interface SubjectCell {
  year: number;
  precinct: string;
  beat: string;
  group: RaceGroup;
  gender: string;
  subjects: number;
}

export interface RatioRow {
  group: string;
  /** People who received force in the window. */
  force: number;
  /** Residents (population benchmark) or distinct Terry stops (contact benchmark). */
  denominator: number;
  /** Per 10,000 residents, or per 100 stops. */
  rate: number | null;
  vsWhite: RatioCi | null;
  /** Against everyone: all people who received force (any recorded race) over the whole denominator. */
  vsAll: RatioCi | null;
}

export interface BenchmarkWindow {
  /** "2019", "2015-2025", or a Terry file's label ("2015-2018", "2023"). */
  period: string;
  from: string;
  to: string;
  partial: boolean;
  benchmark: "population" | "terry-stops";
  allForce: number;
  allDenominator: number;
  rows: RatioRow[];
}

export interface CommunityResults {
  versionId: number;
  population: AcsPopulation | null;
  tracts: TractTableInfo | null;
  terry: TerryStops[];
  subjects: SubjectCell[];
  firstDate: string | null;
  lastDate: string | null;
  completeYears: number[];
  /** Per year, the complete-year period, and each Terry window, against residents. */
  populationRates: BenchmarkWindow[];
  /** Male and female residents, same windows as populationRates (years and the complete-year period). */
  genderRates: BenchmarkWindow[];
  /** Each Terry file's date range, against distinct stops. */
  terryRates: BenchmarkWindow[];
  notes: string[];
}

interface Pair {
  date: string;
  precinct: string;
  beat: string;
  group: RaceGroup;
  gender: string;
}

/** One row per person who received force in an incident (see the interface comment for the attribution). */
export async function forcePairs(db: Db, versionId: number): Promise<Pair[]> {
  const rows = await db.useOfForce.findMany({
    where: { versionId },
    select: {
      incidentNum: true,
      subjectKey: true,
      occurredAt: true,
      precinct: true,
      beat: true,
      subjectRace: true,
      subjectGender: true,
    },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
  });
  const incidents = new Map<string, { date: string; precinct: string; beat: string }>();
  const pairs = new Map<string, Pair>();
  for (const r of rows) {
    let inc = incidents.get(r.incidentNum);
    if (!inc)
      incidents.set(
        r.incidentNum,
        (inc = { date: r.occurredAt.toISOString().slice(0, 10), precinct: r.precinct, beat: r.beat }),
      );
    const key = `${r.incidentNum}|${r.subjectKey}`;
    if (!pairs.has(key))
      pairs.set(key, { ...inc, group: harmoniseRace("uof", r.subjectRace), gender: r.subjectGender });
  }
  return [...pairs.values()];
}

/** A date window (YYYY-MM-DD) is partial when the data start after it starts or end before it ends. */
export const windowPartial = (from: string, to: string, first: string | null, last: string | null) =>
  !first || !last || first.slice(0, 10) > from || last.slice(0, 10) < to;

/** Years covered from (about) 1 January to 31 December: partial first and last years are left out of the period. */
export function completeYears(first: string | null, last: string | null): number[] {
  if (!first || !last) return [];
  const y0 = Number(first.slice(0, 4)) + (first.slice(5, 10) <= "01-07" ? 0 : 1);
  const y1 = Number(last.slice(0, 4)) - (last.slice(5, 10) >= "12-24" ? 0 : 1);
  return Array.from({ length: Math.max(0, y1 - y0 + 1) }, (_, i) => y0 + i);
}

type Ratio = (a: number, n1: number, b: number, n2: number) => RatioCi | null;

function windowRows(
  groups: readonly string[],
  force: Record<string, number>,
  denom: Record<string, number>,
  allForce: number,
  allDenom: number,
  perUnit: number,
  ratio: Ratio,
  ref: string,
): RatioRow[] {
  return groups.map((group) => {
    const a = force[group] ?? 0;
    const n = denom[group] ?? 0;
    return {
      group,
      force: a,
      denominator: n,
      rate: n > 0 ? (a / n) * perUnit : null,
      vsWhite: group === ref ? null : ratio(a, n, force[ref] ?? 0, denom[ref] ?? 0),
      vsAll: ratio(a, n, allForce, allDenom),
    };
  });
}

export function tally(
  pairs: Pair[],
  from: string,
  to: string,
  key: (p: Pair) => string,
): { by: Record<string, number>; all: number } {
  const by: Record<string, number> = {};
  let all = 0;
  for (const p of pairs) {
    if (p.date < from || p.date > to) continue;
    by[key(p)] = (by[key(p)] ?? 0) + 1;
    all += 1;
  }
  return { by, all };
}

export async function computeCommunityResults(
  db: Db,
  uofVersionId: number,
  dataDir: string | null,
): Promise<CommunityResults> {
  const pairs = await forcePairs(db, uofVersionId);
  const dates = pairs.map((p) => p.date).sort();
  const firstDate = dates[0] ?? null;
  const lastDate = dates.at(-1) ?? null;
  const years = [...new Set(pairs.map((p) => Number(p.date.slice(0, 4))))].sort((a, b) => a - b);
  const complete = completeYears(firstDate, lastDate);
  const population = dataDir ? safe(() => readAcs(dataDir)) : null;
  const terry = dataDir
    ? TERRY_FILES.map((spec) => safe(() => readTerryStops(dataDir, spec))).filter((t): t is TerryStops => t !== null)
    : [];

  const cells = new Map<string, SubjectCell>();
  for (const p of pairs) {
    const k = `${p.date.slice(0, 4)}|${p.precinct}|${p.beat}|${p.group}|${p.gender}`;
    const c = cells.get(k);
    if (c) c.subjects += 1;
    else
      cells.set(k, {
        year: Number(p.date.slice(0, 4)),
        precinct: p.precinct,
        beat: p.beat,
        group: p.group,
        gender: p.gender,
        subjects: 1,
      });
  }

  const windows: { period: string; from: string; to: string; partial: boolean }[] = [
    ...years.map((y) => ({ period: String(y), from: `${y}-01-01`, to: `${y}-12-31`, partial: !complete.includes(y) })),
    ...(complete.length
      ? [
          {
            period: `${complete[0]}-${complete.at(-1)}`,
            from: `${complete[0]}-01-01`,
            to: `${complete.at(-1)}-12-31`,
            partial: false,
          },
        ]
      : []),
  ];
  const populationRates: BenchmarkWindow[] = [];
  const genderRates: BenchmarkWindow[] = [];
  if (population) {
    // A Terry-stop window is a date range, not a calendar year: it is partial only when the use-of-force data do not
    // cover it, and a window equal to a calendar year already listed is not added a second time.
    const popWindows = [
      ...windows,
      ...terry
        .filter((t) => !windows.some((w) => w.from === t.from && w.to === t.to))
        .map((t) => ({
          period: t.label,
          from: t.from,
          to: t.to,
          partial: windowPartial(t.from, t.to, firstDate, lastDate),
        })),
    ];
    for (const w of popWindows) {
      const race = tally(pairs, w.from, w.to, (p) => p.group);
      populationRates.push({
        ...w,
        benchmark: "population",
        allForce: race.all,
        allDenominator: population.total,
        rows: windowRows(
          RATED_GROUPS,
          race.by,
          population.byGroup,
          race.all,
          population.total,
          10_000,
          poissonRateRatio,
          "White",
        ),
      });
    }
    for (const w of windows) {
      const gender = tally(pairs, w.from, w.to, (p) => p.gender);
      const rows = windowRows(
        ["Male", "Female"],
        gender.by,
        population.byGender,
        gender.all,
        population.total,
        10_000,
        poissonRateRatio,
        "Male",
      );
      genderRates.push({ ...w, benchmark: "population", allForce: gender.all, allDenominator: population.total, rows });
    }
  }
  const terryRates: BenchmarkWindow[] = terry.map((t) => {
    const race = tally(pairs, t.from, t.to, (p) => p.group);
    const rows = windowRows(RATED_GROUPS, race.by, t.byGroup, race.all, t.distinctStops, 100, katzRatio, "White");
    return {
      period: t.label,
      from: t.from,
      to: t.to,
      partial: windowPartial(t.from, t.to, firstDate, lastDate),
      benchmark: "terry-stops",
      allForce: race.all,
      allDenominator: t.distinctStops,
      rows,
    };
  });

  return {
    versionId: uofVersionId,
    population,
    tracts: dataDir ? safe(() => readTractInfo(dataDir)) : null,
    terry,
    subjects: [...cells.values()],
    firstDate,
    lastDate,
    completeYears: complete,
    populationRates,
    genderRates,
    terryRates,
    notes: [
      ...(population ? [] : ["The census table (ACS DP05) was not found in the data folder: no population rates."]),
      ...(terry.length ? [] : ["The Terry stop files were not found in the data folder: no contact benchmark."]),
    ],
  };
}

/** A missing or malformed reference file drops only the benchmark it feeds (and says so), not the whole ingest. */
function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    console.warn(`community: ${(e as Error).message}`);
    return null;
  }
}

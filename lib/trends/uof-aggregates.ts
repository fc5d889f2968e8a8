import type { Db } from "@/lib/db/client";

/**
 * Use-of-force aggregates for the public pages. An incident (Incident_Num) is attributed once: to the month and
 * place of its earliest row, at its most serious level. Officer-level detail stays here: only counts and shares
 * leave the pipeline.
 */
export interface UofIncidentCell {
  month: string;
  precinct: string;
  level: number;
  incidents: number;
}
export interface UofOfficerCount {
  period: string; // "2019" or "2019-Q3"
  precinct: string; // "All" or a precinct
  level: number; // 0 = any level, 1 = Level 1, 2 = Level 2 or above
  officers: number;
}
export interface UofSubjectCell {
  year: number;
  precinct: string;
  race: string;
  gender: string;
  /** Distinct incident-subject pairs: a person who received force in one incident counts once. */
  subjects: number;
}
export interface UofPlaceCell {
  year: number;
  precinct: string;
  sector: string;
  beat: string;
  incidents: number;
}
export interface UofConcentration {
  period: string; // "all" or a year
  officers: number;
  incidents: number;
  top10Officers: number;
  top10Share: number;
  /** Cumulative share of incidents involving the top p% of officers, p = 10..100. */
  curve: { percentOfOfficers: number; shareOfIncidents: number }[];
}
export interface UofAggregates {
  versionId: number;
  incidents: UofIncidentCell[];
  officers: UofOfficerCount[];
  subjects: UofSubjectCell[];
  places: UofPlaceCell[];
  concentration: UofConcentration[];
  precincts: string[];
  /** First and last record (ISO), to tell partial periods at both ends. */
  firstDate: string | null;
  lastDate: string | null;
}

const quarterOf = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

function bump<K>(map: Map<K, number>, key: K, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function concentration(period: string, officerIncidents: Map<number, Set<string>>): UofConcentration {
  const ranked = [...officerIncidents.values()].sort((a, b) => b.size - a.size);
  const all = new Set<string>();
  for (const s of ranked) for (const i of s) all.add(i);
  const shareOfTop = (k: number) => {
    const covered = new Set<string>();
    for (const s of ranked.slice(0, k)) for (const i of s) covered.add(i);
    return all.size ? covered.size / all.size : 0;
  };
  const top10Officers = Math.ceil(ranked.length * 0.1);
  return {
    period,
    officers: ranked.length,
    incidents: all.size,
    top10Officers,
    top10Share: shareOfTop(top10Officers),
    curve: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => ({
      percentOfOfficers: p,
      shareOfIncidents: shareOfTop(Math.ceil((ranked.length * p) / 100)),
    })),
  };
}

export async function uofAggregates(db: Db, versionId: number): Promise<UofAggregates> {
  const rows = await db.useOfForce.findMany({
    where: { versionId },
    select: {
      incidentNum: true,
      level: true,
      occurredAt: true,
      precinct: true,
      sector: true,
      beat: true,
      officerId: true,
      subjectKey: true,
      subjectRace: true,
      subjectGender: true,
    },
    orderBy: { occurredAt: "asc" },
  });
  const first = new Map<string, { at: Date; precinct: string; sector: string; beat: string; level: number }>();
  for (const r of rows) {
    const f = first.get(r.incidentNum);
    if (!f)
      first.set(r.incidentNum, {
        at: r.occurredAt,
        precinct: r.precinct,
        sector: r.sector,
        beat: r.beat,
        level: r.level,
      });
    else f.level = Math.max(f.level, r.level);
  }
  const incidentCells = new Map<string, number>();
  const placeCells = new Map<string, number>();
  for (const f of first.values()) {
    bump(incidentCells, `${f.at.toISOString().slice(0, 7)}|${f.precinct}|${f.level}`);
    bump(placeCells, `${f.at.getUTCFullYear()}|${f.precinct}|${f.sector}|${f.beat}`);
  }
  const officerSets = new Map<string, Set<number>>();
  const subjectPairs = new Map<string, Set<string>>();
  const byOfficerAll = new Map<number, Set<string>>();
  const byOfficerYear = new Map<number, Map<number, Set<string>>>();
  for (const r of rows) {
    const f = first.get(r.incidentNum)!;
    const year = f.at.getUTCFullYear();
    if (r.officerId !== null) {
      for (const period of [String(year), quarterOf(f.at)]) {
        for (const precinct of ["All", f.precinct]) {
          for (const level of [0, r.level >= 2 ? 2 : 1]) {
            const key = `${period}|${precinct}|${level}`;
            if (!officerSets.has(key)) officerSets.set(key, new Set());
            officerSets.get(key)!.add(r.officerId);
          }
        }
      }
      if (!byOfficerAll.has(r.officerId)) byOfficerAll.set(r.officerId, new Set());
      byOfficerAll.get(r.officerId)!.add(r.incidentNum);
      if (!byOfficerYear.has(year)) byOfficerYear.set(year, new Map());
      const y = byOfficerYear.get(year)!;
      if (!y.has(r.officerId)) y.set(r.officerId, new Set());
      y.get(r.officerId)!.add(r.incidentNum);
    }
    const sKey = `${year}|${f.precinct}|${r.subjectRace}|${r.subjectGender}`;
    if (!subjectPairs.has(sKey)) subjectPairs.set(sKey, new Set());
    subjectPairs.get(sKey)!.add(`${r.incidentNum}|${r.subjectKey}`);
  }
  const split = (k: string) => k.split("|");
  return {
    versionId,
    incidents: [...incidentCells].map(([k, incidents]) => {
      const [month, precinct, level] = split(k);
      return { month: month!, precinct: precinct!, level: Number(level), incidents };
    }),
    officers: [...officerSets].map(([k, s]) => {
      const [period, precinct, level] = split(k);
      return { period: period!, precinct: precinct!, level: Number(level), officers: s.size };
    }),
    subjects: [...subjectPairs].map(([k, s]) => {
      const [year, precinct, race, gender] = split(k);
      return { year: Number(year), precinct: precinct!, race: race!, gender: gender!, subjects: s.size };
    }),
    places: [...placeCells].map(([k, incidents]) => {
      const [year, precinct, sector, beat] = split(k);
      return { year: Number(year), precinct: precinct!, sector: sector!, beat: beat!, incidents };
    }),
    concentration: [
      concentration("all", byOfficerAll),
      ...[...byOfficerYear].sort((a, b) => a[0] - b[0]).map(([year, m]) => concentration(String(year), m)),
    ],
    precincts: [...new Set(rows.map((r) => r.precinct))].sort(),
    firstDate: rows[0]?.occurredAt.toISOString() ?? null,
    lastDate: rows.at(-1)?.occurredAt.toISOString() ?? null,
  };
}

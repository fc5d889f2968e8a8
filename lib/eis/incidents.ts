import type { EisForceRecord, ForceLevel } from "./types";

/**
 * EIS incidents from Seattle's Use of Force rows (one row = one officer's force on one subject).
 *
 * Seattle's Incident_Num is, in practice, one officer's report: in the 2015-2025 file (18,884 rows) only 45
 * Incident_Nums have two or more officers, while the same Subject_ID meets two or more officers on the same day
 * 3,923 times. So an EIS incident is formed by linking rows that
 *   (a) share an Incident_Num, or
 *   (b) have the same subject on the same calendar day (Seattle wall-clock, as stored),
 * and taking every chain of links as one incident (connected components, union-find). Rule (b) is never applied to a
 * placeholder subject ID (blank, "-", "0", "-9", "Unknown", "X", "NULL", "N/A", or a number <= 0): such rows are
 * linked by their Incident_Num only, and their subject counts for no subject-based score. The real file has none
 * of these (every Subject_ID is a positive number; measured), but the loader turns blanks into "Unknown".
 *
 * Records: one per source row with a known officer (Officer_ID -9 or blank is a placeholder: the row is excluded and
 * counted). Every record of an incident carries the incident's start (its earliest row) and the incident's precinct
 * (the most frequent known precinct of its rows; ties: the earliest row's), so that an incident is wholly inside or
 * wholly outside any window. An officer with several rows at one incident (several subjects, or several reports)
 * keeps all of them here; the scores use the officer's highest level (lib/eis/scores.ts).
 *
 * The incident key is its Incident_Nums, sorted and joined with "+": the staff pages read the numbers back from it.
 * Measured counts for the real file: docs/eis-methods.md.
 */
export interface UofRowForEis {
  sourceId: string;
  incidentNum: string;
  /** 1-4 (4 = Level 3 - OIS) */
  level: number;
  occurredAt: Date;
  precinct: string;
  officerSourceId: string | null;
  subjectKey: string;
}

export interface IncidentFormation {
  records: EisForceRecord[];
  stats: {
    rows: number;
    rowsWithoutOfficer: number;
    rowsWithPlaceholderSubject: number;
    incidents: number;
    /** Incidents with two or more distinct officers. */
    multiOfficerIncidents: number;
    /** Incident_Nums whose rows name two or more officers (rule (a) alone). */
    multiOfficerIncidentNums: number;
    /** Incidents that joined two or more Incident_Nums. */
    mergedIncidents: number;
    largestIncidentOfficers: number;
  };
}

const PLACEHOLDER_TOKENS = new Set(["", "-", "--", "0", "-9", "UNKNOWN", "X", "XX", "NULL", "N/A", "NA"]);

/** True for subject IDs that do not identify a person, so that rows must never be merged on them. */
export function isPlaceholderSubject(key: string | null | undefined): boolean {
  if (key === null || key === undefined) return true;
  const v = key.trim().toUpperCase();
  if (PLACEHOLDER_TOKENS.has(v)) return true;
  return /^-?\d+(\.\d+)?$/.test(v) && Number(v) <= 0;
}

const UNKNOWN_PRECINCTS = new Set(["", "-", "X", "0", "UNKNOWN", "OOJ", "OUT OF JURISDICTION"]);
export const knownPrecinct = (p: string | null | undefined): string | null =>
  p === null || p === undefined || UNKNOWN_PRECINCTS.has(p.trim().toUpperCase()) ? null : p.trim();

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const byNumber = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function checkRow(r: UofRowForEis): void {
  if (!Number.isInteger(r.level) || r.level < 1 || r.level > 4)
    throw new Error(`Use of Force row ${r.sourceId}: level ${r.level} is not 1-4`);
  if (!(r.occurredAt instanceof Date) || Number.isNaN(r.occurredAt.getTime()))
    throw new Error(`Use of Force row ${r.sourceId}: occurredAt is not a date`);
}

export function formEisIncidents(rows: UofRowForEis[]): IncidentFormation {
  const usable = rows.filter(
    (r) => r.officerSourceId !== null && r.officerSourceId.trim() !== "" && r.officerSourceId.trim() !== "-9",
  );
  usable.forEach(checkRow);
  const uf = new UnionFind(usable.length);
  const firstByIncidentNum = new Map<string, number>();
  const firstBySubjectDay = new Map<string, number>();
  let rowsWithPlaceholderSubject = 0;
  usable.forEach((r, i) => {
    const num = firstByIncidentNum.get(r.incidentNum);
    if (num === undefined) firstByIncidentNum.set(r.incidentNum, i);
    else uf.union(num, i);
    if (isPlaceholderSubject(r.subjectKey)) {
      rowsWithPlaceholderSubject++;
      return;
    }
    const key = `${r.subjectKey.trim()}|${isoDay(r.occurredAt)}`;
    const sd = firstBySubjectDay.get(key);
    if (sd === undefined) firstBySubjectDay.set(key, i);
    else uf.union(sd, i);
  });

  const groups = new Map<number, number[]>();
  usable.forEach((_, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });

  const records: EisForceRecord[] = [];
  let multiOfficerIncidents = 0;
  let mergedIncidents = 0;
  let largestIncidentOfficers = 0;
  for (const members of groups.values()) {
    const rs = members.map((i) => usable[i]!);
    const nums = [...new Set(rs.map((r) => r.incidentNum))].sort(byNumber);
    const incidentKey = nums.join("+");
    const earliest = rs.reduce((a, b) => (b.occurredAt.getTime() < a.occurredAt.getTime() ? b : a));
    const precinct = incidentPrecinct(rs, earliest);
    const officers = new Set(rs.map((r) => r.officerSourceId!.trim()));
    if (officers.size >= 2) multiOfficerIncidents++;
    if (nums.length >= 2) mergedIncidents++;
    largestIncidentOfficers = Math.max(largestIncidentOfficers, officers.size);
    for (const r of rs) {
      records.push({
        officerId: r.officerSourceId!.trim(),
        incidentKey,
        subjectKey: isPlaceholderSubject(r.subjectKey) ? null : r.subjectKey.trim(),
        level: r.level as ForceLevel,
        occurredAt: earliest.occurredAt,
        precinct,
      });
    }
  }
  const officersByNum = new Map<string, Set<string>>();
  for (const r of usable)
    (officersByNum.get(r.incidentNum) ?? officersByNum.set(r.incidentNum, new Set()).get(r.incidentNum)!).add(
      r.officerSourceId!.trim(),
    );
  return {
    records,
    stats: {
      rows: rows.length,
      rowsWithoutOfficer: rows.length - usable.length,
      rowsWithPlaceholderSubject,
      incidents: groups.size,
      multiOfficerIncidents,
      multiOfficerIncidentNums: [...officersByNum.values()].filter((s) => s.size >= 2).length,
      mergedIncidents,
      largestIncidentOfficers,
    },
  };
}

/** The most frequent known precinct of the rows; ties go to the earliest row's precinct, then A-Z. */
function incidentPrecinct(rs: UofRowForEis[], earliest: UofRowForEis): string | null {
  const counts = new Map<string, number>();
  for (const r of rs) {
    const p = knownPrecinct(r.precinct);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const max = Math.max(...counts.values());
  const top = [...counts.entries()].filter(([, c]) => c === max).map(([p]) => p);
  const first = knownPrecinct(earliest.precinct);
  return first && top.includes(first) ? first : top.sort()[0]!;
}

/** EIS records from Use of Force rows (rows of the UseOfForce table joined with Officer.sourceId). */
export function eisRecordsFromUseOfForce(rows: UofRowForEis[]): EisForceRecord[] {
  return formEisIncidents(rows).records;
}

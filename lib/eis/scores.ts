import type { EisForceRecord } from "./types";
import { inWindow, type DateWindow } from "./windows";

/**
 * The comparison scores of the issue: incident-based, subject-based (the LA County "youth-based" score with the
 * subject in place of the youth) and engagement. Definitions with worked examples: docs/eis-methods.md.
 */

/** One EIS incident: each officer's highest level there and the subjects each officer had a record with. */
export interface IncidentView {
  key: string;
  occurredAt: Date;
  precinct: string | null;
  levels: Map<string, number>;
  subjectsByOfficer: Map<string, Set<string>>;
}

export function incidentViews(records: EisForceRecord[]): IncidentView[] {
  const byKey = new Map<string, IncidentView>();
  for (const r of records) {
    let v = byKey.get(r.incidentKey);
    if (!v) {
      v = {
        key: r.incidentKey,
        occurredAt: r.occurredAt,
        precinct: r.precinct,
        levels: new Map(),
        subjectsByOfficer: new Map(),
      };
      byKey.set(r.incidentKey, v);
    }
    if (r.occurredAt.getTime() < v.occurredAt.getTime()) v.occurredAt = r.occurredAt;
    v.precinct ??= r.precinct;
    v.levels.set(r.officerId, Math.max(v.levels.get(r.officerId) ?? 0, r.level));
    if (r.subjectKey !== null) {
      const s = v.subjectsByOfficer.get(r.officerId) ?? new Set<string>();
      s.add(r.subjectKey);
      v.subjectsByOfficer.set(r.officerId, s);
    }
  }
  return [...byKey.values()];
}

export interface ComparisonScore {
  score: number | null;
  n: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function meanScores(diffs: Map<string, number[]>): Map<string, ComparisonScore> {
  return new Map([...diffs].map(([officer, d]) => [officer, { score: mean(d), n: d.length }]));
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Incident-based score: at each incident in the window with 2+ officers, the officer's level minus the mean level of
 * the other officers there; the score is the mean over those incidents (n = their number).
 */
export function incidentScores(incidents: IncidentView[], window: DateWindow): Map<string, ComparisonScore> {
  const diffs = new Map<string, number[]>();
  for (const inc of incidents) {
    if (!inWindow(inc.occurredAt, window) || inc.levels.size < 2) continue;
    const total = [...inc.levels.values()].reduce((a, b) => a + b, 0);
    const others = inc.levels.size - 1;
    for (const [officer, level] of inc.levels) push(diffs, officer, level - (total - level) / others);
  }
  return meanScores(diffs);
}

/**
 * Subject-based score: each officer's level at an incident is their highest there. For each subject who received
 * force (level >= 1) from more than one officer in the window: each officer's mean level with that subject (over
 * the incidents where the officer had a record with the subject) minus the mean of the other officers' means with
 * that subject. The score is the mean over those subjects (n = their number).
 */
export function subjectScores(incidents: IncidentView[], window: DateWindow): Map<string, ComparisonScore> {
  const levelsBySubject = new Map<string, Map<string, number[]>>();
  for (const inc of incidents) {
    if (!inWindow(inc.occurredAt, window)) continue;
    for (const [officer, subjects] of inc.subjectsByOfficer) {
      const level = inc.levels.get(officer)!;
      for (const subject of subjects) {
        const byOfficer = levelsBySubject.get(subject) ?? new Map<string, number[]>();
        push(byOfficer, officer, level);
        levelsBySubject.set(subject, byOfficer);
      }
    }
  }
  const diffs = new Map<string, number[]>();
  for (const byOfficer of levelsBySubject.values()) {
    const officerMeans = new Map(
      [...byOfficer].map(([o, ls]) => [o, { mean: mean(ls), force: ls.some((l) => l >= 1) }]),
    );
    if ([...officerMeans.values()].filter((m) => m.force).length < 2) continue;
    const total = [...officerMeans.values()].reduce((a, m) => a + m.mean, 0);
    const others = officerMeans.size - 1;
    for (const [officer, m] of officerMeans) push(diffs, officer, m.mean - (total - m.mean) / others);
  }
  return meanScores(diffs);
}

export interface EngagementCounts {
  involved: number;
  witness: number;
  /** involved / witness; null when the officer was never a witness (no ratio can be formed; never Infinity). */
  score: number | null;
}

/**
 * Engagement: incidents in the window where the officer used force (level >= 1) divided by incidents where the
 * officer was present without using force (level 0). Only meaningful where the data records witnesses; the caller
 * decides that. An officer with no witness incident gets a null score with the counts, not a made-up ratio.
 */
export function engagementCounts(incidents: IncidentView[], window: DateWindow): Map<string, EngagementCounts> {
  const out = new Map<string, EngagementCounts>();
  for (const inc of incidents) {
    if (!inWindow(inc.occurredAt, window)) continue;
    for (const [officer, level] of inc.levels) {
      const c = out.get(officer) ?? { involved: 0, witness: 0, score: null };
      if (level >= 1) c.involved++;
      else c.witness++;
      out.set(officer, c);
    }
  }
  for (const c of out.values()) c.score = c.witness > 0 ? c.involved / c.witness : null;
  return out;
}

import type Database from "better-sqlite3";
import { openE2eDb } from "./db";

/**
 * Direct SQL over the e2e database for the EIS specs: an independent reading of what the pipeline stored (it uses no
 * code from lib/). Dates are stored by Prisma as ISO text ("2026-02-16T00:00:00.000+00:00").
 */
export interface LatestRun {
  id: number;
  asOf: string;
  config: string;
}

/** The run the flags page shows: the latest complete as-of date, the newest run of that date. */
export function latestRun(db: Database.Database): LatestRun {
  return db
    .prepare(
      `SELECT id, substr(asOf, 1, 10) AS asOf, config FROM EisRun WHERE status = 'complete' ORDER BY asOf DESC, id DESC LIMIT 1`,
    )
    .get() as LatestRun;
}

export interface ScoreRow {
  id: number;
  officerSourceId: string;
  precinct: string | null;
  flagged: number;
  reasons: string;
  incidentScore: number | null;
  subjectScore: number | null;
  /** 1 when the officer has an escalation-model estimate (pTop5). */
  hasEscalation: number;
}

export function latestScores(db: Database.Database): ScoreRow[] {
  return db
    .prepare(
      `SELECT id, officerSourceId, precinct, flagged, reasons, incidentScore, subjectScore, escalation IS NOT NULL AS hasEscalation FROM EisOfficerScore WHERE runId = ?`,
    )
    .all(latestRun(db).id) as ScoreRow[];
}

/**
 * An Incident_Num of the officer's whose incident is that number alone: no row of it shares a subject and a day
 * with a row of another number (lib/eis/incidents.ts would merge those), so the EIS incident key is the number.
 */
export function soloIncident(db: Database.Database, officerSourceId: string, onlyThisOfficer = false): string | null {
  const version = (
    db.prepare(`SELECT id FROM DatasetVersion WHERE dataset = 'seattle-uof' AND status = 'active'`).get() as {
      id: number;
    }
  ).id;
  const row = db
    .prepare(
      `SELECT u.incidentNum AS num FROM UseOfForce u JOIN Officer o ON o.id = u.officerId
        WHERE u.versionId = ? AND o.sourceId = ?
          AND NOT EXISTS (SELECT 1 FROM UseOfForce a JOIN UseOfForce b
                ON b.versionId = a.versionId AND b.subjectKey = a.subjectKey AND substr(b.occurredAt, 1, 10) = substr(a.occurredAt, 1, 10) AND b.incidentNum <> a.incidentNum
               WHERE a.versionId = u.versionId AND a.incidentNum = u.incidentNum)
          ${onlyThisOfficer ? "AND NOT EXISTS (SELECT 1 FROM UseOfForce c WHERE c.versionId = u.versionId AND c.incidentNum = u.incidentNum AND c.officerId IS NOT u.officerId)" : ""}
        ORDER BY u.occurredAt DESC LIMIT 1`,
    )
    .get(version, officerSourceId) as { num: string } | undefined;
  return row?.num ?? null;
}

/** Officers and incidents for the route checks: one West officer (the demo supervisor's precinct) and one elsewhere. */
export function eisTargets(): {
  westOfficer: string;
  otherOfficer: string;
  westIncident: string;
  otherIncident: string;
} {
  const db = openE2eDb();
  try {
    const scores = latestScores(db);
    const pick = (match: (p: string | null) => boolean, onlyThisOfficer: boolean) => {
      for (const s of scores
        .filter((x) => match(x.precinct))
        .sort((a, b) => a.officerSourceId.localeCompare(b.officerSourceId, "en", { numeric: true }))) {
        const incident = soloIncident(db, s.officerSourceId, onlyThisOfficer);
        if (incident) return { officer: s.officerSourceId, incident };
      }
      throw new Error("no suitable officer in the latest EIS run");
    };
    const west = pick((p) => p?.toLowerCase() === "west", false);
    const other = pick((p) => p !== null && p.toLowerCase() !== "west", true);
    return {
      westOfficer: west.officer,
      otherOfficer: other.officer,
      westIncident: west.incident,
      otherIncident: other.incident,
    };
  } finally {
    db.close();
  }
}

export interface FlagRow {
  id: number;
  asOf: string;
  officerSourceId: string;
  /** The officer's unit in their latest complete run (the officer view's scope rule). */
  latestUnit: string | null;
  reviewed: number;
}

/** Every flag of the runs the pages use (the newest run of each as-of date), with the officer's latest unit. */
export function allFlags(db: Database.Database): FlagRow[] {
  return db
    .prepare(
      `WITH runs AS (SELECT id, asOf, ROW_NUMBER() OVER (PARTITION BY substr(asOf, 1, 10) ORDER BY id DESC) AS k FROM EisRun WHERE status = 'complete'),
            latest AS (SELECT s.officerSourceId AS o, s.precinct AS p, ROW_NUMBER() OVER (PARTITION BY s.officerSourceId ORDER BY r.asOf DESC, r.id DESC) AS k
                         FROM EisOfficerScore s JOIN runs r ON r.id = s.runId AND r.k = 1)
       SELECT s.id, substr(r.asOf, 1, 10) AS asOf, s.officerSourceId, l.p AS latestUnit, (SELECT COUNT(*) FROM EisReview v WHERE v.scoreId = s.id) AS reviewed
         FROM EisOfficerScore s JOIN runs r ON r.id = s.runId AND r.k = 1 JOIN latest l ON l.o = s.officerSourceId AND l.k = 1
        WHERE s.flagged = 1 ORDER BY r.asOf, s.officerSourceId`,
    )
    .all() as FlagRow[];
}

import type { Db } from "@/lib/db/client";
import { span } from "./span";

export interface UseOfForceYear {
  year: number;
  incidents: number;
  rows: number;
  /** Incidents by their most serious level (1, 2, 3, 4 = Level 3 - OIS). */
  incidentsByLevel: Record<"1" | "2" | "3" | "4", number>;
  officers: number;
}

export interface UseOfForceYearly {
  versionId: number;
  years: UseOfForceYear[];
  totals: { incidents: number; rows: number; officers: number; subjects: number };
  /** The last year is partial when the data ends before December. */
  partialLastYear: boolean;
  periodStart: string | null;
  periodEnd: string | null;
}

/**
 * Use-of-force incidents per year. An incident (Incident_Num) can have several rows, one per officer and subject;
 * it is counted once, in the year of its earliest row, at its most serious level.
 */
export async function uofYearly(db: Db, versionId: number): Promise<UseOfForceYearly> {
  const rows = await db.useOfForce.findMany({
    where: { versionId },
    select: { incidentNum: true, level: true, occurredAt: true, officerId: true, subjectKey: true },
  });
  const incidents = new Map<string, { at: Date; level: number }>();
  for (const r of rows) {
    const inc = incidents.get(r.incidentNum);
    if (!inc) incidents.set(r.incidentNum, { at: r.occurredAt, level: r.level });
    else {
      if (r.occurredAt < inc.at) inc.at = r.occurredAt;
      if (r.level > inc.level) inc.level = r.level;
    }
  }
  const years = new Map<number, UseOfForceYear & { officerSet: Set<number> }>();
  const yearOf = (d: Date) => d.getUTCFullYear();
  const entry = (year: number) => {
    let y = years.get(year);
    if (!y) {
      y = {
        year,
        incidents: 0,
        rows: 0,
        incidentsByLevel: { 1: 0, 2: 0, 3: 0, 4: 0 },
        officers: 0,
        officerSet: new Set(),
      };
      years.set(year, y);
    }
    return y;
  };
  for (const inc of incidents.values()) {
    const y = entry(yearOf(inc.at));
    y.incidents++;
    y.incidentsByLevel[String(inc.level) as "1"] += 1;
  }
  for (const r of rows) {
    const y = entry(yearOf(r.occurredAt));
    y.rows++;
    if (r.officerId !== null) y.officerSet.add(r.officerId);
  }
  const sorted = [...years.values()]
    .sort((a, b) => a.year - b.year)
    .map(({ officerSet, ...y }) => ({ ...y, officers: officerSet.size }));
  const period = span(rows.map((r) => r.occurredAt));
  const end = period.endDate;
  return {
    versionId,
    years: sorted,
    totals: {
      incidents: incidents.size,
      rows: rows.length,
      officers: new Set(rows.map((r) => r.officerId).filter((o) => o !== null)).size,
      subjects: new Set(rows.map((r) => r.subjectKey)).size,
    },
    partialLastYear: end !== null && !(end.getUTCMonth() === 11 && end.getUTCDate() >= 24),
    periodStart: period.start,
    periodEnd: period.end,
  };
}

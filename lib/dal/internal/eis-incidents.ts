import "server-only";
import { db } from "@/lib/db/client";
import { eisRecordsFromUseOfForce } from "@/lib/eis/incidents";
import { EIS_ID_SPACE } from "@/lib/eis/store";
import type { EisForceRecord } from "@/lib/eis/types";
import { activeVersion } from "@/lib/ingest/versions";

/**
 * EIS incidents as the scoring library forms them (lib/eis/incidents.ts), read back from the Use of Force rows for
 * the staff pages: the officer page's incident lists and the incident page. Internal to lib/dal/staff-eis-*: the
 * callers check the session, role and unit scope.
 */
const DAY_MS = 86_400_000;

export interface IncidentOfficerDto {
  officerId: string;
  /** Highest level the officer used at this incident (0 = present without force, when the data records it). */
  level: number;
  rows: number;
  subjects: number;
}

export interface IncidentDto {
  key: string;
  incidentNums: string[];
  occurredAt: string;
  precinct: string | null;
  officers: IncidentOfficerDto[];
  subjects: number;
}

/** The Use of Force version to read incidents from: the run's own when its rows are kept, else the active one. */
export async function incidentVersion(preferred: number | null): Promise<{ id: number; label: string } | null> {
  if (preferred !== null) {
    const kept = await db().useOfForce.findFirst({ where: { versionId: preferred }, select: { id: true } });
    if (kept) {
      const v = await db().datasetVersion.findUnique({ where: { id: preferred }, select: { id: true, label: true } });
      if (v) return v;
    }
  }
  const active = await activeVersion(db(), EIS_ID_SPACE);
  return active ? { id: active.id, label: active.label } : null;
}

async function records(
  versionId: number,
  where: { occurredAt?: { gte: Date; lt: Date }; incidentNum?: { in: string[] } },
): Promise<EisForceRecord[]> {
  const rows = await db().useOfForce.findMany({
    where: { versionId, ...where },
    select: {
      sourceId: true,
      incidentNum: true,
      level: true,
      occurredAt: true,
      precinct: true,
      subjectKey: true,
      officer: { select: { sourceId: true } },
    },
  });
  return eisRecordsFromUseOfForce(
    rows.map((r) => ({
      sourceId: r.sourceId,
      incidentNum: r.incidentNum,
      level: r.level,
      occurredAt: r.occurredAt,
      precinct: r.precinct,
      officerSourceId: r.officer?.sourceId ?? null,
      subjectKey: r.subjectKey,
    })),
  );
}

function toIncident(key: string, recs: EisForceRecord[], incidentNums: string[]): IncidentDto {
  const byOfficer = new Map<string, EisForceRecord[]>();
  for (const r of recs) (byOfficer.get(r.officerId) ?? byOfficer.set(r.officerId, []).get(r.officerId)!).push(r);
  const first = recs.reduce((a, b) => (b.occurredAt < a.occurredAt ? b : a));
  const subjects = new Set(recs.map((r) => r.subjectKey).filter((s): s is string => s !== null));
  return {
    key,
    incidentNums,
    occurredAt: first.occurredAt.toISOString(),
    precinct: recs.find((r) => r.precinct !== null)?.precinct ?? null,
    officers: [...byOfficer.entries()]
      .map(([officerId, rs]) => ({
        officerId,
        level: Math.max(...rs.map((r) => r.level)),
        rows: rs.length,
        subjects: new Set(rs.map((r) => r.subjectKey).filter(Boolean)).size,
      }))
      .sort((a, b) => b.level - a.level || a.officerId.localeCompare(b.officerId, "en", { numeric: true })),
    subjects: subjects.size,
  };
}

/**
 * Incidents of one officer that started in [start, end), newest first. Rows a few days either side are read too, so
 * that an incident spanning the window's edge is formed exactly as the library forms it.
 */
export async function officerIncidents(
  versionId: number,
  officerId: string,
  start: Date,
  end: Date,
): Promise<IncidentDto[]> {
  const recs = await records(versionId, {
    occurredAt: { gte: new Date(start.getTime() - 7 * DAY_MS), lt: new Date(end.getTime() + 7 * DAY_MS) },
  });
  const byKey = new Map<string, EisForceRecord[]>();
  for (const r of recs) (byKey.get(r.incidentKey) ?? byKey.set(r.incidentKey, []).get(r.incidentKey)!).push(r);
  return [...byKey.entries()]
    .filter(([, rs]) => rs.some((r) => r.officerId === officerId))
    .map(([key, rs]) => toIncident(key, rs, incidentNumsOfKey(key)))
    .filter((i) => new Date(i.occurredAt) >= start && new Date(i.occurredAt) < end)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

/** An incident key is its source Incident_Nums joined with "+" (lib/eis/incidents.ts); this reads them back. */
export function incidentNumsOfKey(key: string): string[] {
  return key.split("+").filter(Boolean);
}

/**
 * One incident by key, or null. Reading the rows of the key's Incident_Nums and forming incidents from them gives
 * the same incident as the full data: every row of those numbers belongs to it, and so does every link between them.
 */
export async function incidentByKey(versionId: number, key: string): Promise<IncidentDto | null> {
  const nums = incidentNumsOfKey(key);
  if (!nums.length) return null;
  const recs = (await records(versionId, { incidentNum: { in: nums } })).filter((r) => r.incidentKey === key);
  return recs.length ? toIncident(key, recs, nums) : null;
}

/**
 * For each given officer, their incidents that started in [start, end): the incident's start and the officer's
 * highest level there (records carry their incident's start, lib/eis/incidents.ts). Rows a week either side are read
 * so that incidents are formed as the library forms them.
 */
export async function officerLevelsByIncident(
  versionId: number,
  officerIds: string[],
  start: Date,
  end: Date,
): Promise<Map<string, { at: Date; level: number }[]>> {
  const wanted = new Set(officerIds);
  const recs = await records(versionId, {
    occurredAt: { gte: new Date(start.getTime() - 7 * DAY_MS), lt: new Date(end.getTime() + 7 * DAY_MS) },
  });
  const byKey = new Map<string, { officer: string; at: Date; level: number }>();
  for (const r of recs) {
    if (!wanted.has(r.officerId) || r.occurredAt < start || r.occurredAt >= end) continue;
    const k = `${r.officerId}\u0000${r.incidentKey}`;
    const seen = byKey.get(k);
    if (!seen || r.level > seen.level) byKey.set(k, { officer: r.officerId, at: r.occurredAt, level: r.level });
  }
  const out = new Map<string, { at: Date; level: number }[]>();
  for (const v of byKey.values())
    (out.get(v.officer) ?? out.set(v.officer, []).get(v.officer)!).push({ at: v.at, level: v.level });
  return out;
}

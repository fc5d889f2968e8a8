import type { Db } from "@/lib/db/client";
import { buildCoverageStore, type CoverageStore, type TemplateArrival } from "@/lib/coverage/store";
import { mostSerious, type DispositionGroup } from "@/lib/ingest/sources/crisis-dispositions";

/**
 * The coverage simulator's stored input (lib/coverage/store.ts): one pass over a version's crisis contacts, grouped
 * by Template ID exactly as the crisis cube groups them (the earliest officer record gives the time, precinct and
 * call type; force and disposition over all records), so the simulator's eligible contacts equal the cube's.
 */
export async function coverageStore(db: Db, versionId: number): Promise<CoverageStore> {
  const contacts = await db.crisisContact.findMany({
    where: { versionId },
    select: {
      templateId: true,
      reportedDate: true,
      precinct: true,
      initialCallType: true,
      useOfForce: true,
      dispositionGroup: true,
    },
    orderBy: [{ reportedDate: "asc" }, { id: "asc" }],
  });
  const templates = new Map<string, TemplateArrival & { group: DispositionGroup; force: boolean }>();
  for (const c of contacts) {
    const t = templates.get(c.templateId);
    const group = c.dispositionGroup as DispositionGroup;
    if (!t) {
      templates.set(c.templateId, {
        reportedAt: c.reportedDate,
        precinct: c.precinct,
        callType: c.initialCallType,
        arrestOrForce: false,
        officerRecords: 1,
        group,
        force: c.useOfForce,
      });
    } else {
      t.officerRecords++;
      t.force ||= c.useOfForce;
      t.group = mostSerious(t.group, group);
    }
  }
  const list = [...templates.values()].map((t) => ({ ...t, arrestOrForce: t.force || t.group === "arrest" }));
  return buildCoverageStore(versionId, list);
}

/**
 * Test helper: the real Use of Force file (../shared/data or DATA_DIR) read through the ingest mapping, as EIS input.
 * Returns null when the file is not on this machine.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { UofRowForEis } from "@/lib/eis/incidents";
import { resolveHeader } from "@/lib/ingest/sources/types";
import { seattleUseOfForce } from "@/lib/ingest/sources/seattle-uof";

export const SEATTLE_UOF_FILE = path.resolve(process.env.DATA_DIR ?? "../shared/data", "seattle-use-of-force.csv");

export function readSeattleUof(): UofRowForEis[] | null {
  if (!fs.existsSync(SEATTLE_UOF_FILE)) return null;
  const [header, ...rows] = parse(fs.readFileSync(SEATTLE_UOF_FILE, "utf8")) as string[][];
  const keys = resolveHeader(header!, seattleUseOfForce.columns);
  const out: UofRowForEis[] = [];
  for (const row of rows) {
    const raw = Object.fromEntries(keys.map((k, i) => [k, row[i]]).filter(([k]) => k !== null));
    const outcome = seattleUseOfForce.toRecord(raw);
    if (!outcome.ok) continue;
    const r = outcome.record;
    out.push({
      sourceId: r.sourceId,
      incidentNum: r.incidentNum,
      level: r.level,
      occurredAt: r.occurredAt,
      precinct: r.precinct,
      officerSourceId: r.officerSourceId,
      subjectKey: r.subjectKey,
    });
  }
  return out;
}

import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { EscalationIncident } from "./escalation";
import { issueLines } from "@/lib/errors/zod";

/**
 * Multi-officer incidents in the layout of Ridgeway's replication data (columns id, idOff, y): one row per officer
 * at an incident; y = 1 present without using force (witness), 2-4 = force levels, mapped to intervention levels
 * 0-3 (level = y - 1). Every row is validated; bad rows are returned with their line number and reason (the caller
 * reports them), never dropped silently.
 */
export const COS_COLUMNS = ["id", "idOff", "y"] as const;

const text = (name: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${name} is empty` });
const CosRow = z.object({
  id: text("id"),
  idOff: text("idOff"),
  y: z
    .string()
    .trim()
    .regex(/^[1-4]$/, { message: "y must be 1 (witness), 2, 3 or 4" })
    .transform(Number),
});

export interface CosCsvProblem {
  /** Line number in the file (the header is line 1). */
  line: number;
  reason: string;
}

export interface CosCsv {
  rows: number;
  incidents: EscalationIncident[];
  problems: CosCsvProblem[];
}

export class CosCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CosCsvError";
  }
}

export function parseCosCsv(content: string): CosCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    throw new CosCsvError(`not a readable CSV file: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new CosCsvError("the file is empty (expected a header with columns id, idOff, y)");
  const header = records[0]!.record.map((h) => h.trim());
  const index = Object.fromEntries(
    COS_COLUMNS.map((c) => [c, header.findIndex((h) => h.toLowerCase() === c.toLowerCase())]),
  ) as Record<(typeof COS_COLUMNS)[number], number>;
  const missing = COS_COLUMNS.filter((c) => index[c] < 0);
  if (missing.length)
    throw new CosCsvError(
      `missing column(s) ${missing.join(", ")} (the header is: ${header.join(", ")}; expected id, idOff, y)`,
    );

  const byId = new Map<string, EscalationIncident>();
  const problems: CosCsvProblem[] = [];
  records.slice(1).forEach(({ record: cells, info }) => {
    const line = info.lines;
    const parsed = CosRow.safeParse({
      id: cells[index.id] ?? "",
      idOff: cells[index.idOff] ?? "",
      y: cells[index.y] ?? "",
    });
    if (!parsed.success) {
      problems.push({ line, reason: issueLines(parsed.error, { paths: false }).join("; ") });
      return;
    }
    const { id, idOff, y } = parsed.data;
    const incident = byId.get(id) ?? { id, officers: [] };
    incident.officers.push({ officerId: idOff, level: y - 1 });
    byId.set(id, incident);
  });
  return { rows: records.length - 1, incidents: [...byId.values()], problems };
}

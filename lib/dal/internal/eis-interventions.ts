import "server-only";
import { db } from "@/lib/db/client";
import { isoDay } from "@/lib/eis/store";

/** Interventions of the given flags (for the queue: which reviewed flags still have an intervention open). */
export async function interventionsOfScores(
  scoreIds: number[],
): Promise<Map<number, { status: string; dueDate: string }[]>> {
  const rows = scoreIds.length
    ? await db().eisIntervention.findMany({
        where: { scoreId: { in: scoreIds } },
        select: { scoreId: true, status: true, dueDate: true },
      })
    : [];
  const out = new Map<number, { status: string; dueDate: string }[]>();
  for (const r of rows)
    (out.get(r.scoreId) ?? out.set(r.scoreId, []).get(r.scoreId)!).push({
      status: r.status,
      dueDate: isoDay(r.dueDate),
    });
  return out;
}

import type { Db } from "@/lib/db/client";
import { writeResults } from "@/lib/ingest/versions";
import { recordRelease } from "./releases";
import { computeAllResults } from "./results";

/** Recomputes every result from the currently active versions (after a methodology change); records a release when a figure changed. */
export async function recomputeResults(db: Db): Promise<string[]> {
  const active = await db.datasetVersion.findMany({ where: { status: "active" }, select: { id: true } });
  const results = await computeAllResults(
    db,
    active.map((v) => v.id),
  );
  await db.$transaction(async (tx) => writeResults(tx as unknown as Db, results), { timeout: 60_000 });
  await recordRelease(db, "recompute");
  return results.map((r) => r.key);
}

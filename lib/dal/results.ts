import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { ResultPayloads } from "@/lib/pipeline/results";

export interface ResultDto<T> {
  key: string;
  datasetVersionIds: number[];
  methodologyVersion: string;
  computedAt: string;
  payload: T;
}

/**
 * Reads one precomputed result. Public pages never aggregate rows per request: the pipeline stored these when the
 * data was loaded, in the same transaction that switched the dataset version.
 */
export const getResult = cache(
  async <K extends keyof ResultPayloads>(key: K): Promise<ResultDto<ResultPayloads[K]> | null> => {
    const row = await db().result.findUnique({ where: { key } });
    if (!row) return null;
    return {
      key: row.key,
      datasetVersionIds: row.datasetVersionIds.split(",").filter(Boolean).map(Number),
      methodologyVersion: row.methodologyVersion,
      computedAt: row.computedAt.toISOString(),
      payload: JSON.parse(row.payload) as ResultPayloads[K],
    };
  },
);

/**
 * A stored result's payload for the public pages' charts. Results are parsed once per (key, computedAt) and kept in memory: they only
 * change when an ingest switches versions, which changes computedAt, so the cache follows the data automatically.
 */
const parsed = new Map<string, { computedAt: number; payload: unknown }>();

export async function loadResult<K extends keyof ResultPayloads>(key: K): Promise<ResultPayloads[K] | null> {
  const head = await db().result.findUnique({ where: { key }, select: { computedAt: true } });
  if (!head) return null;
  const hit = parsed.get(key);
  if (hit && hit.computedAt === head.computedAt.getTime()) return hit.payload as ResultPayloads[K];
  const row = await db().result.findUnique({ where: { key } });
  if (!row) return null;
  const payload = JSON.parse(row.payload) as ResultPayloads[K];
  parsed.set(key, { computedAt: row.computedAt.getTime(), payload });
  return payload;
}

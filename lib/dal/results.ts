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

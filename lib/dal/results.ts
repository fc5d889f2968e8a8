import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { readResult, type ResultKey } from "@/lib/pipeline/result-store";
import type { ResultPayloads } from "@/lib/pipeline/results";
import { pinnedRelease } from "./releases";

export interface ResultDto<T> {
  key: string;
  datasetVersionIds: number[];
  methodologyVersion: string;
  computedAt: string;
  payload: T;
}

/**
 * Reads one precomputed result. Public pages never aggregate rows per request: the pipeline stored these when the
 * data was loaded, in the same transaction that switched the dataset version. Once per request (React cache) on
 * top of the reader's per-process copy (lib/pipeline/result-store.ts). Inside `withRelease` (lib/dal/releases.ts)
 * it reads what that release served; the per-request memo is keyed by the release too, so the two never mix.
 */
const readCached = cache(
  async <K extends ResultKey>(key: K, release: string | null): Promise<ResultDto<ResultPayloads[K]> | null> => {
    const row = await readResult(db(), key, { release });
    return row ? { ...row, computedAt: row.computedAt.toISOString() } : null;
  },
);

export const getResult = <K extends ResultKey>(key: K): Promise<ResultDto<ResultPayloads[K]> | null> =>
  readCached(key, pinnedRelease()?.number ?? null);

/** The payload alone, for the chart and page builders. */
export async function loadResult<K extends ResultKey>(key: K): Promise<ResultPayloads[K] | null> {
  return (await getResult(key))?.payload ?? null;
}

import type { Db } from "@/lib/db/client";
import { parseJsonColumn } from "@/lib/db/json-column";
import { readReleaseResultRow } from "./releases";
import { RESULT_SCHEMAS } from "./result-schemas";
import type { ResultPayloads } from "./results";

/**
 * The one reader of stored results (the writer is lib/pipeline/results.ts). Each payload is validated against its
 * schema (lib/pipeline/result-schemas.ts): a corrupt or outdated payload fails with a StoredDataError naming the
 * key, not as a crash deep in a chart. Payloads are parsed once per (database, key, computedAt) and kept in memory:
 * they only change when an ingest or recompute rewrites them, which changes computedAt, so the copy follows the data.
 * With `{ release }` it reads the payload a numbered release served (lib/pipeline/releases.ts): releases never
 * change, so those copies are kept as they are.
 */
export type ResultKey = keyof ResultPayloads;

export interface StoredResult<K extends ResultKey = ResultKey> {
  key: K;
  datasetVersionIds: number[];
  methodologyVersion: string;
  computedAt: Date;
  payload: ResultPayloads[K];
}

const parsed = new WeakMap<Db, Map<string, StoredResult>>();

export async function readResult<K extends ResultKey>(
  db: Db,
  key: K,
  options: { release?: string | null } = {},
): Promise<StoredResult<K> | null> {
  if (options.release) return readPinned(db, key, options.release);
  const head = await db.result.findUnique({ where: { key }, select: { computedAt: true } });
  if (!head) return null;
  const copies = parsed.get(db) ?? new Map<string, StoredResult>();
  parsed.set(db, copies);
  const hit = copies.get(key);
  if (hit && hit.computedAt.getTime() === head.computedAt.getTime()) return hit as StoredResult<K>;
  const row = await db.result.findUnique({ where: { key } });
  if (!row) return null;
  const result: StoredResult<K> = {
    key,
    datasetVersionIds: row.datasetVersionIds.split(",").filter(Boolean).map(Number),
    methodologyVersion: row.methodologyVersion,
    computedAt: row.computedAt,
    payload: parseJsonColumn(RESULT_SCHEMAS[key], row.payload, `result "${key}"`) as ResultPayloads[K],
  };
  copies.set(key, result);
  return result;
}

const pinned = new WeakMap<Db, Map<string, StoredResult | null>>();

async function readPinned<K extends ResultKey>(db: Db, key: K, release: string): Promise<StoredResult<K> | null> {
  const copies = pinned.get(db) ?? new Map<string, StoredResult | null>();
  pinned.set(db, copies);
  const id = `${release}\n${key}`;
  if (copies.has(id)) return copies.get(id) as StoredResult<K> | null;
  const row = await readReleaseResultRow(db, release, key);
  const result: StoredResult<K> | null = row && {
    key,
    datasetVersionIds: row.datasetVersionIds.split(",").filter(Boolean).map(Number),
    methodologyVersion: row.methodologyVersion,
    computedAt: row.computedAt,
    payload: parseJsonColumn(
      RESULT_SCHEMAS[key],
      row.payload,
      `result "${key}" of release ${release}`,
    ) as ResultPayloads[K],
  };
  // Cache only what exists: a release pruned later must not be served from memory.
  if (result) copies.set(id, result);
  return result;
}

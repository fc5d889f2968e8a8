import os from "node:os";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { cleanExcerpt } from "./guards";

/**
 * Version lifecycle. A load writes into a new "loading" version that readers never see; one short transaction
 * then switches it to "active", supersedes the previous version and replaces the precomputed results, so pages
 * always read one consistent set. A killed load leaves only an invisible "loading" version, cleaned up later.
 */
/** A precomputed result to store with a switch (computed by lib/pipeline/results.ts, which ingest may not import). */
export interface ResultRowInput {
  key: string;
  datasetVersionIds: number[];
  methodologyVersion: string;
  payload: unknown;
}
/** Computes every stored result from a candidate set of versions; the pipeline passes it in (lib/pipeline/ingest-source.ts). */
export type ComputeResults = (db: Db, versionIds: number[]) => Promise<ResultRowInput[]>;

export const STALE_AFTER_MS = 2 * 60_000;
/** How many superseded versions keep their rows (for comparison and rollback); older ones keep metadata only. */
export const KEEP_SUPERSEDED_WITH_ROWS = 1;

/** Another load holds the dataset: a conflict (CLI exit code 1). */
export class IngestBusyError extends AppError {
  constructor(dataset: string, versionId: number) {
    super(
      "conflict",
      `Another load of ${dataset} (version ${versionId}) is in progress. Wait for it to finish, or retry in two minutes if it was killed.`,
    );
    this.name = "IngestBusyError";
  }
}

export async function activeVersion(db: Db, dataset: string) {
  return db.datasetVersion.findFirst({ where: { dataset, status: "active" }, orderBy: { id: "desc" } });
}

async function deleteVersionRows(db: Db, versionId: number): Promise<void> {
  await db.crisisContact.deleteMany({ where: { versionId } });
  await db.crisisRow.deleteMany({ where: { versionId } });
  await db.useOfForce.deleteMany({ where: { versionId } });
  await db.quarantinedRow.deleteMany({ where: { versionId } });
}

export const loaderIdentity = () => ({ loaderHost: os.hostname(), loaderPid: process.pid });

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** How often a running load refreshes its heartbeat even while no batch is written (finishing, computing results). */
export const HEARTBEAT_EVERY_MS = 20_000;

/**
 * A "loading" version is abandoned when it has not sent a heartbeat for STALE_AFTER_MS (whatever its host), or,
 * sooner, when its loader process on this host is gone. A live process with the same PID is not proof: PIDs are
 * reused, so after a reboot or a kill -9 another program could keep the dataset blocked forever; the heartbeat
 * age decides then.
 */
function isAbandoned(
  v: { heartbeatAt: Date; loaderHost: string | null; loaderPid: number | null },
  now: Date,
): boolean {
  if (now.getTime() - v.heartbeatAt.getTime() >= STALE_AFTER_MS) return true;
  return (
    v.loaderHost === os.hostname() &&
    v.loaderPid !== null &&
    (!processIsAlive(v.loaderPid) || v.loaderPid === process.pid)
  );
}

/** True for the unique-index violation of a second "loading" version (DatasetVersion_one_loading_partial_idx). */
export function isSecondLoad(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err?.code === "P2002" ||
    /UNIQUE constraint failed: DatasetVersion\.dataset|one_loading_partial_idx/.test(String(err?.message ?? ""))
  );
}

/** Refreshes the heartbeat on a timer until stopped (unref'd: it never keeps the process alive). */
export function keepAlive(db: Db, versionId: number): () => void {
  const timer = setInterval(() => {
    db.datasetVersion.update({ where: { id: versionId }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Marks abandoned loads (killed or crashed processes) as failed and removes their rows. */
export async function cleanupStaleLoads(db: Db, dataset: string, now = new Date()): Promise<number[]> {
  const loading = await db.datasetVersion.findMany({ where: { dataset, status: "loading" } });
  const cleaned: number[] = [];
  for (const v of loading) {
    if (!isAbandoned(v, now)) throw new IngestBusyError(dataset, v.id);
    await deleteVersionRows(db, v.id);
    await db.datasetVersion.update({
      where: { id: v.id },
      data: {
        status: "failed",
        error: "The load stopped before it finished (process killed or crashed); its rows were removed.",
      },
    });
    cleaned.push(v.id);
  }
  return cleaned;
}

export async function heartbeat(
  db: Db,
  versionId: number,
  counts: { rowsRead: number; rowsLoaded: number; rowsQuarantined: number },
) {
  await db.datasetVersion.update({ where: { id: versionId }, data: { ...counts, heartbeatAt: new Date() } });
}

export async function failVersion(db: Db, versionId: number, error: string): Promise<void> {
  await deleteVersionRows(db, versionId);
  await db.datasetVersion.update({
    where: { id: versionId },
    data: { status: "failed", error: cleanExcerpt(error, 2000) },
  });
}

/**
 * Switches `versionId` to active. Results are computed first from the candidate set (this version plus the other
 * datasets' active versions) and written in the same transaction as the switch.
 */
export async function activateVersion(
  db: Db,
  versionId: number,
  computeResults: ComputeResults,
  finalCounts: {
    rowsRead: number;
    rowsLoaded: number;
    rowsQuarantined: number;
    periodStart: Date | null;
    periodEnd: Date | null;
  },
): Promise<void> {
  const version = await db.datasetVersion.findUniqueOrThrow({ where: { id: versionId } });
  const others = await db.datasetVersion.findMany({ where: { status: "active", dataset: { not: version.dataset } } });
  const results = await computeResults(db, [versionId, ...others.map((o) => o.id)]);
  await db.$transaction(
    async (tx) => {
      await tx.datasetVersion.updateMany({
        where: { dataset: version.dataset, status: "active" },
        data: { status: "superseded" },
      });
      await tx.datasetVersion.update({
        where: { id: versionId },
        data: { ...finalCounts, status: "active", activatedAt: new Date(), heartbeatAt: new Date() },
      });
      await writeResults(tx as unknown as Db, results);
    },
    { timeout: 60_000 },
  );
  await pruneOldVersions(db, version.dataset);
}

export async function writeResults(db: Db, results: ResultRowInput[]): Promise<void> {
  for (const r of results) {
    const data = {
      datasetVersionIds: r.datasetVersionIds.join(","),
      methodologyVersion: r.methodologyVersion,
      payload: JSON.stringify(r.payload),
      computedAt: new Date(),
    };
    await db.result.upsert({ where: { key: r.key }, create: { key: r.key, ...data }, update: data });
  }
  await db.result.deleteMany({ where: { key: { notIn: results.map((r) => r.key) } } });
}

async function pruneOldVersions(db: Db, dataset: string): Promise<void> {
  const superseded = await db.datasetVersion.findMany({
    where: { dataset, status: "superseded" },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  for (const v of superseded.slice(KEEP_SUPERSEDED_WITH_ROWS)) await deleteVersionRows(db, v.id);
}

import crypto from "node:crypto";
import { z } from "zod";
import { listPublicNotes } from "@/lib/annotations/store";
import type { Db } from "@/lib/db/client";
import { parseJsonColumn } from "@/lib/db/json-column";
import { AppError } from "@/lib/errors/app-error";
import { homeFigures } from "./home-figures";
import { METHODOLOGY_CHANGELOG } from "./methodology-changelog";
import {
  computeChangelog,
  nextReleaseNumber,
  sameSnapshot,
  type Changelog,
  type DatasetSnapshot,
  type ReleaseSnapshot,
} from "./release-changelog";
import { RESULT_SCHEMAS } from "./result-schemas";
import { METHODOLOGY_VERSION } from "./results";

/**
 * Numbered public releases. After every step that can change what the public sees (a load, a recompute, a
 * published, retired or edited note), the pipeline calls recordRelease: it reads what is public now, and when that
 * differs from the latest release it stores a new one, with a copy of every result payload (shared by hash with
 * earlier releases) and a changelog computed against the release before. Releases are never edited; only
 * `releases prune --keep N` removes old ones.
 */
export type ReleaseTrigger = "load" | "recompute" | "note";

export interface ReleaseRecord {
  id: number;
  number: string;
  createdAt: Date;
  trigger: string;
  datasetVersionIds: number[];
  methodologyVersion: string;
  snapshot: ReleaseSnapshot;
  changelog: Changelog;
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
/**
 * Fields of a stored result that describe the computation, not what the public sees (the CIT fit's run times, which
 * differ on every run): left out of the payload's hash, so a recompute with unchanged inputs makes no release and
 * no "results changed" line in a changelog. The release keeps the payload as first stored under that hash.
 */
const RUN_METADATA_KEYS = new Set(["timingsMs"]);
export const payloadHash = (payload: string): string =>
  payload.includes('"timingsMs"')
    ? sha256(JSON.stringify(JSON.parse(payload), (k, v: unknown) => (RUN_METADATA_KEYS.has(k) ? undefined : v)))
    : sha256(payload);
// Stored JSON written by this module; checked loosely (shape of the top level) so an old row still reads.
const snapshotSchema = z.custom<ReleaseSnapshot>((v) => typeof v === "object" && v !== null && "datasets" in v);
const changelogSchema = z.custom<Changelog>((v) => typeof v === "object" && v !== null && "sources" in v);

async function activeDatasets(db: Db): Promise<DatasetSnapshot[]> {
  const rows = await db.datasetVersion.findMany({ where: { status: "active" }, orderBy: { dataset: "asc" } });
  return rows.map((v) => ({
    id: v.id,
    dataset: v.dataset,
    label: v.label,
    origin: v.origin,
    sourceName: v.sourceName,
    sourceUrl: v.sourceUrl,
    retrievedAt: v.retrievedAt.toISOString(),
    activatedAt: v.activatedAt?.toISOString() ?? null,
    sha256: v.sha256,
    synthetic: v.synthetic,
    rowsRead: v.rowsRead,
    rowsLoaded: v.rowsLoaded,
    rowsQuarantined: v.rowsQuarantined,
    periodStart: v.periodStart?.toISOString() ?? null,
    periodEnd: v.periodEnd?.toISOString() ?? null,
  }));
}

/** What the public sees now, plus the result rows to copy into a release. */
async function currentState(db: Db) {
  const results = await db.result.findMany({ orderBy: { key: "asc" } });
  const payload = (key: "uof.yearly" | "crisis.yearly") => {
    const row = results.find((r) => r.key === key);
    return row ? (parseJsonColumn(RESULT_SCHEMAS[key], row.payload, `result "${key}"`) as never) : null;
  };
  const hashed = results.map((r) => ({ row: r, sha256: payloadHash(r.payload) }));
  const snapshot: ReleaseSnapshot = {
    methodologyVersion: METHODOLOGY_VERSION,
    methodologyChangelog: METHODOLOGY_CHANGELOG,
    datasets: await activeDatasets(db),
    results: hashed.map((h) => ({ key: h.row.key, sha256: h.sha256 })),
    figures: homeFigures(payload("uof.yearly"), payload("crisis.yearly")).map((f) => ({
      id: f.id,
      label: f.label,
      value: f.value,
    })),
    notes: await listPublicNotes(db),
  };
  return { snapshot, hashed };
}

function toRecord(row: NonNullable<Awaited<ReturnType<Db["release"]["findFirst"]>>>): ReleaseRecord {
  return {
    id: row.id,
    number: row.number,
    createdAt: row.createdAt,
    trigger: row.trigger,
    datasetVersionIds: row.datasetVersionIds.split(",").filter(Boolean).map(Number),
    methodologyVersion: row.methodologyVersion,
    snapshot: parseJsonColumn(snapshotSchema, row.snapshot, `release ${row.number} snapshot`),
    changelog: parseJsonColumn(changelogSchema, row.changelog, `release ${row.number} changelog`),
  };
}

export async function latestRelease(db: Db): Promise<ReleaseRecord | null> {
  const row = await db.release.findFirst({ orderBy: { id: "desc" } });
  return row ? toRecord(row) : null;
}

export async function findRelease(db: Db, number: string): Promise<ReleaseRecord | null> {
  const row = await db.release.findUnique({ where: { number } });
  return row ? toRecord(row) : null;
}

/** Newest first. */
export async function listReleases(db: Db): Promise<ReleaseRecord[]> {
  return (await db.release.findMany({ orderBy: { id: "desc" } })).map(toRecord);
}

/** Attempts of recordRelease before it gives up on a conflict with concurrent recorders (each one records a release). */
const RECORD_ATTEMPTS = 5;

/**
 * A conflict with another recorder that a fresh attempt resolves: the release number or a payload hash taken in the
 * meantime (unique violation, P2002), PostgreSQL refusing a serialisation (P2034), or SQLite refusing the write of a
 * transaction whose read snapshot another connection's commit made stale (SQLITE_BUSY_SNAPSHOT, which Prisma's
 * adapter reports as a timeout, P1008, without waiting).
 */
export function isRecordConflict(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err?.code === "P2002" ||
    err?.code === "P2034" ||
    err?.code === "P1008" ||
    /UNIQUE constraint failed|unique constraint|database is locked|SQLITE_BUSY/i.test(String(err?.message ?? ""))
  );
}

/**
 * Stores a new release when what the public sees differs from the latest release; returns it, or null when
 * nothing changed (an unchanged re-load, a recompute that gave the same payloads).
 *
 * Two loads (or a load and a note) may record at the same moment, in one process or two. Reading the public state,
 * comparing it with the latest release, allocating the next number and writing all happen in one transaction; when
 * another recorder committed first (its number or payload is taken, or SQLite's snapshot went stale) the whole step
 * runs again from a fresh read, so the later recorder compares against the release just made: it records the state
 * it now sees under the next number, or nothing when that state is already the latest release. Numbers stay unique
 * and the latest release always describes what the public sees.
 */
export async function recordRelease(db: Db, trigger: ReleaseTrigger, now = new Date()): Promise<ReleaseRecord | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      const id = await db.$transaction((tx) => recordOnce(tx as unknown as Db, trigger, now), { timeout: 60_000 });
      return id === null ? null : toRecord((await db.release.findUniqueOrThrow({ where: { id } }))!);
    } catch (e) {
      if (attempt >= RECORD_ATTEMPTS || !isRecordConflict(e)) throw e;
    }
  }
}

/** One attempt, inside the caller's transaction: the new release's id, or null when nothing changed. */
async function recordOnce(tx: Db, trigger: ReleaseTrigger, now: Date): Promise<number | null> {
  const { snapshot, hashed } = await currentState(tx);
  const previous = await latestRelease(tx);
  if (previous && sameSnapshot(previous.snapshot, snapshot)) return null;
  if (!previous && snapshot.datasets.length === 0 && snapshot.notes.length === 0) return null;
  const changelog = computeChangelog(previous?.snapshot ?? null, snapshot);
  const taken = (await tx.release.findMany({ select: { number: true } })).map((r) => r.number);
  const number = nextReleaseNumber(taken, now);
  const known = new Set(
    (
      await tx.releasePayload.findMany({
        where: { sha256: { in: hashed.map((h) => h.sha256) } },
        select: { sha256: true },
      })
    ).map((p) => p.sha256),
  );
  for (const h of hashed) {
    if (known.has(h.sha256)) continue;
    await tx.releasePayload.create({ data: { sha256: h.sha256, payload: h.row.payload } });
    known.add(h.sha256);
  }
  const release = await tx.release.create({
    data: {
      number,
      createdAt: now,
      trigger,
      datasetVersionIds: snapshot.datasets.map((d) => d.id).join(","),
      methodologyVersion: snapshot.methodologyVersion,
      snapshot: JSON.stringify(snapshot),
      changelog: JSON.stringify(changelog),
    },
  });
  for (const h of hashed)
    await tx.releaseResult.create({
      data: {
        releaseId: release.id,
        key: h.row.key,
        datasetVersionIds: h.row.datasetVersionIds,
        methodologyVersion: h.row.methodologyVersion,
        computedAt: h.row.computedAt,
        payloadSha256: h.sha256,
      },
    });
  return release.id;
}

/** One stored result as a release served it (the raw row; lib/pipeline/result-store.ts validates the payload). */
export async function readReleaseResultRow(db: Db, number: string, key: string) {
  const row = await db.releaseResult.findFirst({
    where: { key, release: { number } },
    include: { payload: true },
  });
  return row
    ? {
        datasetVersionIds: row.datasetVersionIds,
        methodologyVersion: row.methodologyVersion,
        computedAt: row.computedAt,
        payload: row.payload.payload,
      }
    : null;
}

/**
 * Removes every release but the newest `keep` (at least 1: the latest is what unpinned readers see), and the
 * payloads no remaining release uses. Returns the removed release numbers, oldest first.
 */
export async function pruneReleases(db: Db, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1)
    throw new AppError("bad_request", "--keep must be a whole number of at least 1.");
  const all = await db.release.findMany({ orderBy: { id: "desc" }, select: { id: true, number: true } });
  const gone = all.slice(keep);
  if (gone.length === 0) return [];
  await db.$transaction(
    async (tx) => {
      await tx.releaseResult.deleteMany({ where: { releaseId: { in: gone.map((r) => r.id) } } });
      await tx.release.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
      await tx.releasePayload.deleteMany({ where: { results: { none: {} } } });
    },
    { timeout: 60_000 },
  );
  return gone.map((r) => r.number).reverse();
}

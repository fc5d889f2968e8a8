import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { cadenceFor, freshnessOf, type Freshness } from "@/lib/ingest/freshness";
import { SOURCES, type SourceKey } from "@/lib/ingest/sources";
import { pinnedRelease } from "./releases";

/** Public DTO of a dataset version: provenance only, no rows. */
export interface DatasetVersionDto {
  id: number;
  dataset: string;
  title: string;
  label: string;
  origin: string;
  sourceName: string;
  sourceUrl: string;
  retrievedAt: string;
  activatedAt: string | null;
  sha256: string;
  synthetic: boolean;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  periodStart: string | null;
  periodEnd: string | null;
  /** When the publisher last changed the data (API metadata); null when unknown (local file) or synthetic. */
  upstreamUpdatedAt: string | null;
  /**
   * Against the source's expected cadence (lib/ingest/freshness.ts), from the publisher's date or, for a local file,
   * the newest record's; pages say so when stale, /data always.
   */
  freshness: Freshness;
  /** The cadence the source is held to (SOURCE_CADENCE_DAYS applied); null for an unknown source. */
  cadence: { days: number; label: string } | null;
}

const TITLES: Record<string, string> = { "seattle-uof": "Use of Force", "seattle-crisis": "Crisis contacts" };

type VersionRow = Awaited<ReturnType<ReturnType<typeof db>["datasetVersion"]["findFirstOrThrow"]>>;

/** One active version as its public DTO, freshness judged at `now` (passed in, so tests can set the clock). */
export function datasetDto(v: VersionRow, now: Date, cadenceOverrides: Record<string, number> = {}): DatasetVersionDto {
  const title = TITLES[v.dataset] ?? v.dataset;
  const mapping = SOURCES[v.dataset as SourceKey] as (typeof SOURCES)[SourceKey] | undefined;
  const upstreamUpdatedAt = v.upstreamUpdatedAt?.toISOString() ?? null;
  const cadence = mapping ? cadenceFor(mapping.cadence, v.dataset, cadenceOverrides) : null;
  return {
    id: v.id,
    dataset: v.dataset,
    title,
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
    upstreamUpdatedAt,
    cadence,
    freshness: cadence
      ? freshnessOf({ title, synthetic: v.synthetic, upstreamUpdatedAt, newestRecordAt: v.periodEnd }, cadence, now)
      : { state: "unknown" },
  };
}

/**
 * The versions the site serves, one per dataset: the active ones, or inside `withRelease` the versions that
 * release published (as recorded then: label, SHA-256, row accounting; freshness is not judged for a past release,
 * which says what it held, not whether a feed has stopped since). Memoised per request.
 */
export const getActiveDatasets = async (): Promise<DatasetVersionDto[]> => {
  const pin = pinnedRelease();
  return pin
    ? pin.datasets.map((d) => ({
        ...d,
        title: TITLES[d.dataset] ?? d.dataset,
        upstreamUpdatedAt: null,
        cadence: null,
        freshness: { state: "unknown" },
      }))
    : activeNow();
};

const activeNow = cache(async (): Promise<DatasetVersionDto[]> => {
  const rows = await db().datasetVersion.findMany({ where: { status: "active" }, orderBy: { dataset: "asc" } });
  const now = new Date();
  return rows.map((v) => datasetDto(v, now, env().SOURCE_CADENCE_DAYS));
});

export interface VersionHistoryDto {
  id: number;
  dataset: string;
  label: string;
  status: string;
  origin: string;
  createdAt: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  error: string | null;
}

/** Every load attempt, newest first, including failed ones (so that nothing disappears without trace). */
export async function getVersionHistory(limit = 50): Promise<VersionHistoryDto[]> {
  const rows = await db().datasetVersion.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map((v) => ({
    id: v.id,
    dataset: v.dataset,
    label: v.label,
    status: v.status,
    origin: v.origin,
    createdAt: v.createdAt.toISOString(),
    rowsRead: v.rowsRead,
    rowsLoaded: v.rowsLoaded,
    rowsQuarantined: v.rowsQuarantined,
    error: v.error,
  }));
}

/** Quarantine counts by reason for the active versions (aggregate only: quarantined rows are not published). */
export async function getQuarantineSummary(): Promise<{ versionId: number; reason: string; rows: number }[]> {
  const active = await getActiveDatasets();
  const groups = await db().quarantinedRow.groupBy({
    by: ["versionId", "reason"],
    where: { versionId: { in: active.map((a) => a.id) } },
    _count: { _all: true },
  });
  return groups.map((g) => ({ versionId: g.versionId, reason: g.reason, rows: g._count._all }));
}

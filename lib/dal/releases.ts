import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import { z } from "zod";
import { notesAt } from "@/lib/annotations/at-release";
import type { PublicNote } from "@/lib/annotations/model";
import { db } from "@/lib/db/client";
import { AppError, fail, ok, type Result } from "@/lib/errors/app-error";
import { changelogLines, RELEASE_NUMBER, type Changelog, type DatasetSnapshot } from "@/lib/pipeline/release-changelog";
import { methodologyAt, type MethodologyEntry } from "@/lib/pipeline/methodology-changelog";
import { findRelease, listReleases, type ReleaseRecord } from "@/lib/pipeline/releases";

/**
 * Public releases (lib/pipeline/releases.ts) for pages, the feed and pinned answers.
 *
 * Pinning: `?release=ID` serves what that release showed. The DAL's readers (results, dataset versions, notes)
 * ask `pinnedRelease()` which release the current call is for; `withRelease` sets it for everything awaited inside,
 * so a chart, a CSV or a page is built by exactly the same code pinned or not, only its inputs differ.
 */
export interface PinnedRelease {
  number: string;
  /** ISO time the release was made: what "as published then" means for its notes. */
  createdAt: string;
  datasets: DatasetSnapshot[];
  /** The public notes (published and retired) as they stood when the release was made (lib/annotations/at-release.ts). */
  notes: PublicNote[];
  methodologyVersion: string;
  /** The methodology changelog text the release showed (lib/pipeline/methodology-changelog.ts methodologyAt). */
  methodology: MethodologyEntry[];
}

const pinStore = new AsyncLocalStorage<PinnedRelease | null>();

export const pinnedRelease = (): PinnedRelease | null => pinStore.getStore() ?? null;

export const withRelease = <T>(release: PinnedRelease | null, fn: () => Promise<T>): Promise<T> =>
  pinStore.run(release, fn);

export const ReleaseParamSchema = z
  .string()
  .regex(RELEASE_NUMBER, 'A release id looks like "2026.12.1" (year, month, number in the month); see /releases.');

/**
 * The `release` parameter of a request: null when absent (latest), the pinned release, or an AppError
 * (bad_request for a malformed id, not_found for an id no release has: never pruned or never made).
 */
export async function resolveReleaseParam(raw: unknown): Promise<Result<PinnedRelease | null>> {
  if (raw === undefined || raw === null || raw === "") return ok(null);
  const parsed = ReleaseParamSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success)
    return fail(new AppError("bad_request", parsed.error.issues[0]!.message, { reason: "invalid_release" }));
  const release = await findRelease(db(), parsed.data);
  if (!release)
    return fail(
      new AppError("not_found", `No release "${parsed.data}": it was never made or has been pruned. See /releases.`, {
        reason: "unknown_release",
      }),
    );
  return ok(pinOf(release));
}

const pinOf = (r: ReleaseRecord): PinnedRelease => ({
  number: r.number,
  createdAt: r.createdAt.toISOString(),
  datasets: r.snapshot.datasets,
  notes: notesAt(r.snapshot.notes, r.createdAt),
  methodologyVersion: r.methodologyVersion,
  methodology: methodologyAt(r.methodologyVersion, r.snapshot.methodologyChangelog),
});

export interface ReleaseSummaryDto {
  number: string;
  createdAt: string;
  trigger: string;
  methodologyVersion: string;
  lines: string[];
}

/**
 * A dataset version of a release, and whether it is still the active one: only then are its rows kept, so only then
 * can row extracts be pinned to the release (lib/extracts/resolve.ts pinnedRowsProblem applies the same rule).
 */
export interface ReleaseDatasetDto extends DatasetSnapshot {
  current: boolean;
  /** The active version's label now (the same as `label` when current; null when the dataset has none). */
  currentLabel: string | null;
}

export interface ReleaseDto extends ReleaseSummaryDto {
  datasets: ReleaseDatasetDto[];
  changelog: Changelog;
  notes: { published: number; retired: number };
  /** The release before this one, and after it (null at either end). */
  previous: string | null;
  next: string | null;
  latest: boolean;
}

const summary = (r: ReleaseRecord): ReleaseSummaryDto => ({
  number: r.number,
  createdAt: r.createdAt.toISOString(),
  trigger: r.trigger,
  methodologyVersion: r.methodologyVersion,
  lines: changelogLines(r.changelog),
});

/** Every kept release, newest first. */
export async function getReleases(): Promise<ReleaseSummaryDto[]> {
  return (await listReleases(db())).map(summary);
}

export async function getLatestReleaseNumber(): Promise<string | null> {
  return (await db().release.findFirst({ orderBy: { id: "desc" }, select: { number: true } }))?.number ?? null;
}

/** The latest release's id, once per request (every chart block asks). */
export const latestReleaseNumber = cache(getLatestReleaseNumber);

export const isReleaseId = (id: string): boolean => RELEASE_NUMBER.test(id);

/** One release by id: null when the id is malformed or unknown (the page says which). */
export async function getRelease(number: string): Promise<ReleaseDto | null> {
  if (!RELEASE_NUMBER.test(number)) return null;
  const all = await listReleases(db());
  const i = all.findIndex((r) => r.number === number);
  if (i < 0) return null;
  const r = all[i]!;
  // The versions active now, read directly (not through a pin): what the row extracts can serve today.
  const active = await db().datasetVersion.findMany({
    where: { status: "active" },
    select: { id: true, dataset: true, label: true },
  });
  return {
    ...summary(r),
    datasets: r.snapshot.datasets.map((d) => ({
      ...d,
      current: active.some((a) => a.id === d.id),
      currentLabel: active.find((a) => a.dataset === d.dataset)?.label ?? null,
    })),
    changelog: r.changelog,
    notes: {
      published: r.snapshot.notes.filter((n) => n.state === "published").length,
      retired: r.snapshot.notes.filter((n) => n.state === "retired").length,
    },
    previous: all[i + 1]?.number ?? null,
    next: all[i - 1]?.number ?? null,
    latest: i === 0,
  };
}

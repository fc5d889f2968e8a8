import "server-only";
import type { PublicNote } from "@/lib/annotations/model";
import { getDatasetNotes } from "@/lib/dal/annotations";
import { withRelease, type PinnedRelease } from "@/lib/dal/releases";
import { db } from "@/lib/db/client";
import { AppError, fail, ok, type Result } from "@/lib/errors/app-error";
import { METHODOLOGY_VERSION } from "@/lib/pipeline/results";
import { rateLimitError } from "@/lib/http/extract-rate-limit";
import { isInternalRender } from "@/lib/http/serve-cached-page";
import { aggregateProvenance, chartIdOf, readAggregate, type AggregateExtract } from "./aggregates";
import { ROW_DATASETS, ROW_DATASET_IDS, isRowDataset, type RowDatasetId } from "./datasets";
import { resolveApiPin, withoutRelease, type ApiPin, type ReleaseRef } from "./pin";
import type { SourceProvenance } from "./provenance";
import { activeExtractVersion, type ActiveVersion } from "./reader";
import { parseExtractRequest, type ExtractRequest } from "./request";

/**
 * Turns a request to /api/v1/extracts/{dataset}[/...] into a validated extract, or into the AppError that says
 * what to fix (bad_request), that the dataset does not exist (not_found), that the client is too fast
 * (rate_limited), or that no data is loaded yet (unavailable). Every route of the extract API starts here, so they
 * all validate and limit alike; the route handlers answer errors with apiError (lib/http/errors.ts).
 *
 * `?release=ID` pins the answer (lib/extracts/pin.ts). Everything that depends on the release (the chart, its
 * sources and methodology, the notes) is read here inside `withRelease`, so the responses built later, streamed or
 * not, need no pin of their own. Aggregates are rebuilt from the release's stored results. Row extracts can be
 * pinned only while the release's version of the dataset is still the active one: a superseded version's rows are
 * deleted (all but the last superseded one, kept briefly for rollback, lib/ingest/versions.ts), so a past release's
 * rows cannot be promised; such a request is refused with a 400 that says so.
 */
interface Common {
  dataset: string;
  origin: string;
  release: ReleaseRef;
  methodologyVersion: string;
  /** Published notes that apply (as published at the pinned release). */
  notes: PublicNote[];
}
export type Resolved =
  | (Common & { kind: "rows"; req: ExtractRequest; version: ActiveVersion })
  | (Common & { kind: "aggregate"; agg: AggregateExtract; sources: SourceProvenance[] });

const notFound = (dataset: string) =>
  fail(
    new AppError(
      "not_found",
      `No dataset "${dataset.slice(0, 80)}". Datasets: ${ROW_DATASET_IDS.join(", ")}, and aggregate-<chart id> for each chart (listed at /api/v1/openapi.json and /extracts).`,
    ),
  );

export async function resolveExtract(request: Request, dataset: string): Promise<Result<Resolved>> {
  // proxy.ts counted this request already and marked it (lib/http/extract-rate-limit.ts); count the others here.
  const limited = isInternalRender(request.headers) ? null : rateLimitError(request);
  if (limited) return fail(limited);
  const url = new URL(request.url);
  if (!/^[a-z0-9-]{1,80}$/.test(dataset)) return notFound(dataset);
  const pinned = await resolveApiPin(url.searchParams);
  if (!pinned.ok) return pinned;
  const query = withoutRelease(url.searchParams);
  return withRelease(pinned.value.pin, () =>
    chartIdOf(dataset)
      ? resolveAggregate(dataset, chartIdOf(dataset)!, query, pinned.value, url.origin)
      : isRowDataset(dataset)
        ? resolveRows(dataset, query, pinned.value, url.origin)
        : Promise.resolve(notFound(dataset)),
  );
}

async function resolveAggregate(
  dataset: string,
  chartId: string,
  query: URLSearchParams,
  { ref }: ApiPin,
  origin: string,
): Promise<Result<Resolved>> {
  const parsed = await readAggregate(chartId, query);
  if (!parsed) return notFound(dataset);
  if (!parsed.ok) return parsed;
  const { sources, methodologyVersion } = await aggregateProvenance(parsed.value.chart);
  const notes = parsed.value.chart.annotations ?? [];
  return ok({
    kind: "aggregate",
    dataset,
    agg: parsed.value,
    sources,
    methodologyVersion,
    notes,
    origin,
    release: ref,
  });
}

async function resolveRows(
  dataset: RowDatasetId,
  query: URLSearchParams,
  { pin, ref }: ApiPin,
  origin: string,
): Promise<Result<Resolved>> {
  const parsed = parseExtractRequest(dataset, query);
  if (!parsed.ok) return parsed;
  const version = await activeExtractVersion(db(), dataset);
  if (!version)
    return fail(
      new AppError("unavailable", `The ${dataset} data has not been loaded yet.`, {
        reason: "no_data",
        retryAfterSeconds: 600,
      }),
    );
  const unpinnable = pin ? pinnedRowsProblem(pin, dataset, version) : null;
  if (unpinnable) return fail(new AppError("bad_request", unpinnable, { reason: "release_rows_unavailable" }));
  const cursor = parsed.value.cursor;
  if (cursor && cursor.versionId !== version.id) {
    return fail(
      new AppError(
        "bad_request",
        `The data was updated (now ${version.label}) since this cursor was issued: start again without cursor.`,
        { reason: "stale_cursor" },
      ),
    );
  }
  return ok({
    kind: "rows",
    dataset,
    req: parsed.value,
    version,
    origin,
    release: ref,
    methodologyVersion: pin?.methodologyVersion ?? METHODOLOGY_VERSION,
    notes: await getDatasetNotes([ROW_DATASETS[dataset].source]),
  });
}

/**
 * Why rows cannot be served for a pinned release (null when they can): the release's version of the dataset must be
 * the active one, since superseded versions' rows are deleted (lib/ingest/versions.ts).
 */
export function pinnedRowsProblem(pin: PinnedRelease, dataset: RowDatasetId, active: ActiveVersion): string | null {
  const source = ROW_DATASETS[dataset].source;
  const held = pin.datasets.find((d) => d.dataset === source);
  if (held?.id === active.id) return null;
  return held
    ? `Release ${pin.number} served ${source} version ${held.label}, which has been superseded (now ${active.label}); the rows of superseded versions are not kept, so row extracts can be pinned only to a release whose version is still the current one. Pinned aggregates (aggregate-<chart id>?release=${pin.number}) and chart CSVs (/api/v1/charts/{id}?release=${pin.number}) still serve that release; see /releases/${pin.number}.`
    : `Release ${pin.number} has no ${source} data (it was made before the dataset was loaded).`;
}

export function versionOf(resolved: Resolved): string {
  return resolved.kind === "rows"
    ? resolved.version.label
    : resolved.sources.map((s) => s.version).join("+") || "no-data";
}

/** A file name that carries the dataset version, e.g. use-of-force_seattle-uof@2026-11-24.b8c916ed.csv */
export function fileBase(resolved: Resolved): string {
  return `${resolved.dataset}_${versionOf(resolved)}`.replace(/[^A-Za-z0-9@._+-]/g, "_").replace(/_+$/, "");
}

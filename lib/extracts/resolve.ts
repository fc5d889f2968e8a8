import "server-only";
import { db } from "@/lib/db/client";
import { AppError, fail, ok, type Result } from "@/lib/errors/app-error";
import { rateLimitError } from "@/lib/http/extract-rate-limit";
import { isInternalRender } from "@/lib/http/serve-cached-page";
import { aggregateProvenance, chartIdOf, readAggregate, type AggregateExtract } from "./aggregates";
import { ROW_DATASET_IDS, isRowDataset } from "./datasets";
import type { SourceProvenance } from "./provenance";
import { activeExtractVersion, type ActiveVersion } from "./reader";
import { parseExtractRequest, type ExtractRequest } from "./request";

/**
 * Turns a request to /api/v1/extracts/{dataset}[/...] into a validated extract, or into the AppError that says
 * what to fix (bad_request), that the dataset does not exist (not_found), that the client is too fast
 * (rate_limited), or that no data is loaded yet (unavailable). Every route of the extract API starts here, so they
 * all validate and limit alike; the route handlers answer errors with apiError (lib/http/errors.ts).
 */
export type Resolved =
  | { kind: "rows"; dataset: string; req: ExtractRequest; version: ActiveVersion; origin: string }
  | {
      kind: "aggregate";
      dataset: string;
      agg: AggregateExtract;
      sources: SourceProvenance[];
      methodologyVersion: string;
      origin: string;
    };

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

  const chartId = chartIdOf(dataset);
  if (chartId) {
    const parsed = await readAggregate(chartId, url.searchParams);
    if (!parsed) return notFound(dataset);
    if (!parsed.ok) return parsed;
    const { sources, methodologyVersion } = await aggregateProvenance(parsed.value.chart);
    return ok({ kind: "aggregate", dataset, agg: parsed.value, sources, methodologyVersion, origin: url.origin });
  }

  if (!isRowDataset(dataset)) return notFound(dataset);
  const parsed = parseExtractRequest(dataset, url.searchParams);
  if (!parsed.ok) return parsed;
  const version = await activeExtractVersion(db(), dataset);
  if (!version)
    return fail(
      new AppError("unavailable", `The ${dataset} data has not been loaded yet.`, {
        reason: "no_data",
        retryAfterSeconds: 600,
      }),
    );
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
  return ok({ kind: "rows", dataset, req: parsed.value, version, origin: url.origin });
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

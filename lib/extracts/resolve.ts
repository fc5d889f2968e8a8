import "server-only";
import { db } from "@/lib/db/client";
import { apiError } from "@/lib/http/errors";
import { rateLimit } from "@/lib/http/extract-rate-limit";
import { isInternalRender } from "@/lib/http/serve-cached-page";
import { aggregateProvenance, chartIdOf, readAggregate, type AggregateExtract } from "./aggregates";
import { ROW_DATASET_IDS, isRowDataset } from "./datasets";
import type { SourceProvenance } from "./provenance";
import { activeExtractVersion, type ActiveVersion } from "./reader";
import { parseExtractRequest, type ExtractRequest } from "./request";

/**
 * Turns a request to /api/v1/extracts/{dataset}[/...] into a validated extract, or into the error response that
 * says what to fix (400), that the dataset does not exist (404), that the client is too fast (429), or that no data
 * is loaded yet (503). Every route of the extract API starts here, so they all validate and limit alike.
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

const NOT_FOUND = (dataset: string) =>
  apiError(
    404,
    "not_found",
    `No dataset "${dataset.slice(0, 80)}". Datasets: ${ROW_DATASET_IDS.join(", ")}, and aggregate-<chart id> for each chart (listed at /api/v1/openapi.json and /extracts).`,
  );

export async function resolveExtract(request: Request, dataset: string): Promise<Resolved | Response> {
  // proxy.ts counted this request already and marked it (lib/http/extract-rate-limit.ts); count the others here.
  const limited = isInternalRender(request.headers) ? null : rateLimit(request);
  if (limited) return limited;
  const url = new URL(request.url);
  if (!/^[a-z0-9-]{1,80}$/.test(dataset)) return NOT_FOUND(dataset);

  const chartId = chartIdOf(dataset);
  if (chartId) {
    const parsed = await readAggregate(chartId, url.searchParams);
    if (!parsed) return NOT_FOUND(dataset);
    if (!parsed.ok) return apiError(400, "invalid_request", parsed.errors.join("; "));
    const { sources, methodologyVersion } = await aggregateProvenance(parsed.value.chart);
    return { kind: "aggregate", dataset, agg: parsed.value, sources, methodologyVersion, origin: url.origin };
  }

  if (!isRowDataset(dataset)) return NOT_FOUND(dataset);
  const parsed = parseExtractRequest(dataset, url.searchParams);
  if (!parsed.ok) return apiError(400, "invalid_request", parsed.errors.join("; "));
  const version = await activeExtractVersion(db(), dataset);
  if (!version)
    return apiError(503, "no_data", `The ${dataset} data has not been loaded yet.`, { "Retry-After": "600" });
  const cursor = parsed.value.cursor;
  if (cursor && cursor.versionId !== version.id) {
    return apiError(
      400,
      "stale_cursor",
      `The data was updated (now ${version.label}) since this cursor was issued: start again without cursor.`,
    );
  }
  return { kind: "rows", dataset, req: parsed.value, version, origin: url.origin };
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

import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import { clientAddress, tokenBucket, type RateLimiter } from "@/lib/http/rate-limit";
import { aggregateProvenance, chartIdOf, readAggregate, type AggregateExtract } from "./aggregates";
import { ROW_DATASET_IDS, isRowDataset } from "./datasets";
import type { SourceProvenance } from "./provenance";
import { activeVersion, type ActiveVersion } from "./reader";
import { parseExtractRequest, type ExtractRequest } from "./request";

/**
 * Turns a request to /api/v1/extracts/{dataset}[/...] into a validated extract, or into the error response that
 * says what to fix (400), that the dataset does not exist (404), that the client is too fast (429), or that no data
 * is loaded yet (503). Every route of the extract API starts here, so they all validate and limit alike.
 */
export type Resolved =
  | { kind: "rows"; dataset: string; req: ExtractRequest; version: ActiveVersion; origin: string }
  | { kind: "aggregate"; dataset: string; agg: AggregateExtract; sources: SourceProvenance[]; methodologyVersion: string; origin: string };

let limiter: RateLimiter | undefined;
function extractLimiter(): RateLimiter {
  const perMinute = env().EXTRACT_RATE_LIMIT_PER_MIN;
  if (!limiter || limiter.perMinute !== perMinute) limiter = tokenBucket(perMinute);
  return limiter;
}

export function rateLimit(request: Request): Response | null {
  const decision = extractLimiter().take(clientAddress(request));
  if (decision.ok) return null;
  return apiError(
    429,
    "rate_limited",
    `Too many requests: at most ${extractLimiter().perMinute} extract requests a minute per client. Try again in ${decision.retryAfterSeconds} s.`,
    { "Retry-After": String(decision.retryAfterSeconds), "Cache-Control": "no-store" },
  );
}

const NOT_FOUND = (dataset: string) =>
  apiError(404, "not_found", `No dataset "${dataset.slice(0, 80)}". Datasets: ${ROW_DATASET_IDS.join(", ")}, and aggregate-<chart id> for each chart (listed at /api/v1/openapi.json and /extracts).`);

export async function resolveExtract(request: Request, dataset: string): Promise<Resolved | Response> {
  const limited = rateLimit(request);
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
  const version = await activeVersion(db(), dataset);
  if (!version) return apiError(503, "no_data", `The ${dataset} data has not been loaded yet.`, { "Retry-After": "600" });
  const cursor = parsed.value.cursor;
  if (cursor && cursor.versionId !== version.id) {
    return apiError(400, "stale_cursor", `The data was updated (now ${version.label}) since this cursor was issued: start again without cursor.`);
  }
  return { kind: "rows", dataset, req: parsed.value, version, origin: url.origin };
}

export function versionOf(resolved: Resolved): string {
  return resolved.kind === "rows" ? resolved.version.label : resolved.sources.map((s) => s.version).join("+") || "no-data";
}

/** A file name that carries the dataset version, e.g. use-of-force_seattle-uof@2026-11-24.b8c916ed.csv */
export function fileBase(resolved: Resolved): string {
  return `${resolved.dataset}_${versionOf(resolved)}`.replace(/[^A-Za-z0-9@._+-]/g, "_").replace(/_+$/, "");
}

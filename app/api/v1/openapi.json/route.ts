import { withRelease } from "@/lib/dal/releases";
import { listAggregates } from "@/lib/extracts/aggregates";
import { openApiDocument } from "@/lib/extracts/openapi";
import { releaseHeaders, resolveApiPin } from "@/lib/extracts/pin";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

// Reads the database on every request (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 description of the public API (lists every chart's aggregate). With
 * `?release=ID`, the aggregates that release had (a chart with no data then is not listed); X-Release names it.
 */
export const GET = publicRoute(async (request: Request) => {
  const pinned = await resolveApiPin(new URL(request.url).searchParams);
  if (!pinned.ok) return apiError(pinned.error);
  const aggregates = await withRelease(pinned.value.pin, () => listAggregates());
  return Response.json(openApiDocument(aggregates), {
    headers: { ...releaseHeaders(pinned.value.ref), "Cache-Control": "public, max-age=300" },
  });
});

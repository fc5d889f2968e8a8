import { csvResponse, jsonResponse } from "@/lib/extracts/responses";
import { resolveExtract } from "@/lib/extracts/resolve";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

// Reads the database on every request (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/extracts/{dataset}: the extract as CSV (streamed, one page of rows in memory at a time) or, with
 * ?format=json, one JSON page with nextCursor. Parameters and responses: /api/v1/openapi.json.
 */
export const GET = publicRoute(async (request: Request, { params }: { params: Promise<{ dataset: string }> }) => {
  const resolved = await resolveExtract(request, (await params).dataset);
  if (!resolved.ok) return apiError(resolved.error);
  const extract = resolved.value;
  const json = extract.kind === "rows" ? extract.req.format === "json" : extract.agg.format === "json";
  return json ? jsonResponse(extract) : csvResponse(extract);
});

import { listAggregates } from "@/lib/extracts/aggregates";
import { openApiDocument } from "@/lib/extracts/openapi";
import { publicRoute } from "@/lib/http/unavailable";

// Reads the database on every request (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of the public API (lists every chart's aggregate). */
export const GET = publicRoute(async () => {
  return Response.json(openApiDocument(await listAggregates()), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
});

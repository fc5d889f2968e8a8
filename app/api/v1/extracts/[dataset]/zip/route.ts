import { zipResponse } from "@/lib/extracts/responses";
import { resolveExtract } from "@/lib/extracts/resolve";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

// Reads the database on every request (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

/** GET /api/v1/extracts/{dataset}/zip: the CSV, its data dictionary (CSV and JSON) and manifest in one ZIP. */
export const GET = publicRoute(async (request: Request, { params }: { params: Promise<{ dataset: string }> }) => {
  const resolved = await resolveExtract(request, (await params).dataset);
  return resolved.ok ? zipResponse(resolved.value) : apiError(resolved.error);
});

import { getChart } from "@/lib/dal/charts";
import { withRelease } from "@/lib/dal/releases";
import { chartIdOf } from "@/lib/extracts/aggregates";
import { ROW_DATASET_IDS, isRowDataset } from "@/lib/extracts/datasets";
import { releaseHeaders, resolveApiPin } from "@/lib/extracts/pin";
import { aggregateDictionary, dictionaryCsv, rowDictionary } from "@/lib/extracts/provenance";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

// Reads the database on every request (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/dictionary/{dataset}: what each column of an extract means and how it was normalised, generated from
 * the extract catalogue (itself written from the source mappings). JSON, or CSV with ?format=csv. `?release=ID`
 * describes an aggregate as that release's chart had it (lib/extracts/pin.ts); X-Release names the release.
 */
const invalidRequest = (message: string) => new AppError("bad_request", message, { reason: "invalid_request" });

export const GET = publicRoute(async (request: Request, { params }: { params: Promise<{ dataset: string }> }) => {
  const { dataset } = await params;
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "json";
  if (format !== "json" && format !== "csv") return apiError(invalidRequest("format must be json or csv"));
  for (const key of query.keys())
    if (key !== "format" && key !== "release")
      return apiError(
        invalidRequest(`unknown parameter '${key}'; the dictionary takes only format (json or csv) and release`),
      );
  const pinned = await resolveApiPin(query);
  if (!pinned.ok) return apiError(pinned.error);
  const chartId = chartIdOf(dataset);
  const chart =
    chartId && /^[a-z0-9-]{1,60}$/.test(chartId)
      ? (await withRelease(pinned.value.pin, () => getChart(chartId, {}))).value
      : null;
  const dictionary = isRowDataset(dataset)
    ? rowDictionary(dataset)
    : chart
      ? aggregateDictionary(dataset, chart)
      : null;
  if (!dictionary)
    return apiError(
      new AppError(
        "not_found",
        `No dataset "${dataset.slice(0, 80)}". Datasets: ${ROW_DATASET_IDS.join(", ")}, and aggregate-<chart id> (see /api/v1/openapi.json).`,
      ),
    );
  const headers = { ...releaseHeaders(pinned.value.ref), "Cache-Control": "public, max-age=300" };
  if (format === "json") return Response.json(dictionary, { headers });
  return new Response(dictionaryCsv(dictionary), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${dataset}_data-dictionary.csv"`,
      ...headers,
    },
  });
});

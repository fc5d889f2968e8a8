import { stringify } from "csv-stringify/sync";
import { chartCsvTable } from "@/lib/charts/csv-table";
import { getChart } from "@/lib/dal/charts";
import { withRelease } from "@/lib/dal/releases";
import { releaseHeaders, resolveApiPin } from "@/lib/extracts/pin";
import { AppError, issuesError } from "@/lib/errors/app-error";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

/**
 * CSV of one chart's numbers, with the same filters and small-count flags as the page (public aggregate data only).
 * `?release=ID` serves the chart exactly as that release showed it (lib/dal/releases.ts); without it, the latest.
 */
export const GET = publicRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  if (!/^[a-z0-9-]{1,60}$/.test(id))
    return apiError(new AppError("bad_request", "Chart ids are lower-case letters, digits and dashes."));
  const search = new URL(request.url).searchParams;
  const { release: _release, ...query } = Object.fromEntries(search);
  const pin = await resolveApiPin(search);
  if (!pin.ok) return apiError(pin.error);
  const { value: chart, issues } = await withRelease(pin.value.pin, () => getChart(id, query));
  if (issues.length) return apiError(issuesError(issues, "", { reason: "invalid_filters" }));
  if (!chart)
    return apiError(new AppError("not_found", `No chart "${id}". Chart ids are listed in the page's Download views.`));
  // Published notes that apply to the chart ride along in a trailing Notes column (formula-safe, lib/charts/csv-table.ts).
  const table = chartCsvTable(chart, new URL(request.url).origin);
  const csv = stringify(table.rows, { header: true, columns: table.header });
  const version = chart.sources.map((s) => s.label).join("+") || "no-data";
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${id}_${version.replace(/[^A-Za-z0-9@._+-]/g, "_")}.csv"`,
      "X-Dataset-Version": version,
      ...releaseHeaders(pin.value.ref),
      "Cache-Control": "public, max-age=60",
    },
  });
});

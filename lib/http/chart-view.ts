import "server-only";
import { getChart } from "@/lib/dal/charts";
import { resolveReleaseParam, withRelease } from "@/lib/dal/releases";
import { AppError, fail, issuesError, ok, type Result } from "@/lib/errors/app-error";

/**
 * One chart view as the embed and its preview (issue 18) ask for it: `/embed/{chartId}?filters&release=`, checked
 * in this order: the id's shape, the release (lib/dal/releases.ts: 400 malformed, 404 unknown or pruned), the filters,
 * the chart itself. The filters are read exactly as on the chart's page and for its CSV (lib/dal/charts.ts getChart),
 * and a pinned view is built by the same code inside `withRelease`, so it shows what that release showed.
 */
export type ChartView = NonNullable<Awaited<ReturnType<typeof getChart>>["value"]>;

export async function chartView(
  chartId: string,
  searchParams: URLSearchParams,
): Promise<Result<{ chart: ChartView; release?: string }>> {
  if (!/^[a-z0-9-]{1,60}$/.test(chartId))
    return fail(new AppError("not_found", "Chart ids are lower-case letters, digits and dashes."));
  const release = await resolveReleaseParam(searchParams.get("release"));
  if (!release.ok) return release;
  const query: Record<string, string> = {};
  for (const [k, v] of searchParams) if (k !== "release") query[k] ??= v;
  const { value: chart, issues } = await withRelease(release.value, () => getChart(chartId, query));
  if (issues.length) return fail(issuesError(issues, "", { reason: "invalid_filters" }));
  if (!chart) return fail(new AppError("not_found", `No chart "${chartId}" (or no data loaded for it).`));
  return ok({ chart, release: release.value?.number });
}

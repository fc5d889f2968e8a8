import "server-only";
import { COVERAGE_KEY, DATA_STATUS_KEY, UNSTABLE_KEY } from "@/lib/charts/publish";
import { CHART_BLOCKS, chartEntry, type ChartBlock } from "@/lib/chart-registry";
import type { ChartData, ColumnSpec } from "@/lib/charts/types";
import { getBlockCharts, getChart } from "@/lib/dal/charts";
import { pinnedRelease } from "@/lib/dal/releases";
import { COMMUNITY_PARAMS } from "@/lib/community/filters";
import { db } from "@/lib/db/client";
import { DAY_FIELDS, SIM_PARAM_KEYS } from "@/lib/coverage/params";
import { AlternativeRule } from "@/lib/trends/alternative-rule";
import { TrendFilters } from "@/lib/trends/filters";
import { AGGREGATE_PREFIX } from "./datasets";
import { fail, invalidInput, issueMessages, ok, type Result } from "@/lib/errors/app-error";
import { splitColumns } from "./request";
import type { SourceProvenance } from "./provenance";

/**
 * Published aggregates: the numbers behind every chart, exactly as the chart's page computes them (same filters,
 * same small-count flags: nothing is withheld, see lib/charts/publish.ts), addressed as `aggregate-<chart id>`. The list is read
 * from the pages' own chart builders, so a new chart is offered here without touching this module.
 */
export interface AggregateInfo {
  dataset: string;
  chartId: string;
  title: string;
  page: string;
}

const FLAG_COLUMNS = [COVERAGE_KEY, UNSTABLE_KEY, DATA_STATUS_KEY];

export const aggregateDatasetId = (chartId: string) => `${AGGREGATE_PREFIX}${chartId}`;
export const chartIdOf = (dataset: string) =>
  dataset.startsWith(AGGREGATE_PREFIX) ? dataset.slice(AGGREGATE_PREFIX.length) : null;

export async function listAggregates(): Promise<AggregateInfo[]> {
  const blocks = Object.keys(CHART_BLOCKS) as ChartBlock[];
  const built = await Promise.all(blocks.map((block) => getBlockCharts(block, {})));
  const all = built.flatMap(({ charts }, i) =>
    charts.map((c) => ({
      dataset: aggregateDatasetId(c.id),
      chartId: c.id,
      title: c.title,
      page: CHART_BLOCKS[blocks[i]!].path,
    })),
  );
  return all.filter((a, i) => all.findIndex((b) => b.chartId === a.chartId) === i);
}

/** The trend pages' filters; charts of the alternative-response page also take its rule, its coverage charts the
 * simulator's parameters; community charts take their page's year and precinct; the CIT models take no filter. */
export function aggregateParams(chartId: string): string[] {
  const block = chartEntry(chartId)?.block;
  if (block === "cit") return ["columns", "format"];
  if (block === "community") return [...COMMUNITY_PARAMS, "columns", "format"];
  return [
    ...Object.keys(TrendFilters.shape),
    ...(block === "alternative" || block === "coverage" ? Object.keys(AlternativeRule.shape) : []),
    ...(block === "coverage" ? [...SIM_PARAM_KEYS, ...DAY_FIELDS] : []),
    "columns",
    "format",
  ];
}

export interface AggregateExtract {
  chart: ChartData;
  columns: ColumnSpec[];
  columnsChosen: boolean;
  /** The filter parameters as given (the chart's own query). */
  filters: Record<string, string>;
  format: "csv" | "json";
}

export async function readAggregate(chartId: string, query: URLSearchParams): Promise<Result<AggregateExtract> | null> {
  const errors: string[] = [];
  const allowed = aggregateParams(chartId);
  for (const key of new Set(query.keys())) {
    if (!allowed.includes(key))
      errors.push(`unknown parameter '${key}'; parameters for aggregates: ${allowed.join(", ")}`);
    else if (key !== "columns" && query.getAll(key).length > 1) errors.push(`${key}: give one value`);
  }
  const filters: Record<string, string> = {};
  for (const key of allowed) {
    const v = query.get(key);
    if (key !== "columns" && key !== "format" && v) filters[key] = v;
  }
  const format = query.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") errors.push("format must be csv or json");
  const { value: chart, issues: filterIssues } = await getChart(chartId, filters);
  // A bad filter also yields no chart: only an id that has no chart even unfiltered is "not found".
  if (!chart && (filterIssues.length === 0 || !(await getChart(chartId, {})).value)) return null;
  errors.push(...issueMessages(filterIssues));
  const requested = splitColumns(query.getAll("columns"));
  const known = chart?.columns ?? [];
  for (const c of requested.filter((k) => !known.some((col) => col.key === k))) {
    errors.push(`unknown column '${c}'; available: ${known.map((col) => col.key).join(", ")}`);
  }
  if (errors.length || !chart) return fail(invalidInput(errors, { reason: "invalid_request" }));
  // The flags travel with any choice of columns: a value is never served without its stability, period coverage and
  // data status (lib/charts/publish.ts).
  const columns = requested.length
    ? [
        ...requested.flatMap((k) => known.filter((c) => c.key === k)),
        ...known.filter((c) => FLAG_COLUMNS.includes(c.key) && !requested.includes(c.key)),
      ]
    : known;
  return ok({ chart, columns, columnsChosen: requested.length > 0, filters, format: format as "csv" | "json" });
}

export const aggregateCells = (a: AggregateExtract) => a.chart.rows.map((r) => a.columns.map((c) => r[c.key] ?? null));

/**
 * Provenance of the versions an aggregate was computed from, and the methodology version of its stored results. Inside
 * `withRelease` (a pinned request): the versions that release served (their metadata is kept after their rows are
 * gone) and the methodology of the results it stored.
 */
export async function aggregateProvenance(
  chart: ChartData,
): Promise<{ sources: SourceProvenance[]; methodologyVersion: string }> {
  const labels = chart.sources.map((s) => s.label);
  const pin = pinnedRelease();
  const versions = await db().datasetVersion.findMany({
    where: pin
      ? { label: { in: labels }, id: { in: pin.datasets.map((d) => d.id) } }
      : { label: { in: labels }, status: "active" },
    orderBy: { dataset: "asc" },
  });
  const results = pin
    ? await db().releaseResult.findMany({
        where: { release: { number: pin.number } },
        select: { datasetVersionIds: true, methodologyVersion: true },
      })
    : await db().result.findMany({ select: { datasetVersionIds: true, methodologyVersion: true } });
  const ids = new Set(versions.map((v) => String(v.id)));
  const methodology = [
    ...new Set(
      results.filter((r) => r.datasetVersionIds.split(",").some((id) => ids.has(id))).map((r) => r.methodologyVersion),
    ),
  ];
  return {
    sources: versions.map((v) => ({
      dataset: v.dataset,
      version: v.label,
      versionId: v.id,
      sourceName: v.sourceName,
      sourceUrl: v.sourceUrl,
      retrievedAt: v.retrievedAt.toISOString(),
      sha256: v.sha256,
      mappingVersion: v.mappingVersion,
      synthetic: v.synthetic,
    })),
    methodologyVersion: methodology.sort().join("+") || "unknown",
  };
}

import "server-only";
import { coverageCharts, COVERAGE_CHART_IDS } from "@/lib/charts/coverage-charts";
import type { ChartData, SourceRef } from "@/lib/charts/types";
import { parseSimParams, SimParams } from "@/lib/coverage/params";
import { runCoverage, type CoverageRun } from "@/lib/coverage/run";
import { env } from "@/lib/env";
import { parseRule } from "@/lib/trends/alternative-rule";
import { parseTrendFilters, type SearchParams } from "@/lib/trends/filters";
import { annotateCharts } from "./annotations";
import { loadResult } from "./results";
import { getActiveDatasets } from "./datasets";

/**
 * The coverage model of the alternative-response page: reads the stored coverage input and crisis cube (computed by
 * the pipeline), runs the simulator for the URL's parameters and builds its chart blocks. Bad parameters give field
 * messages (the page shows the defaults beside them) and make the CSV and extract APIs answer 400.
 */
export interface CoveragePageData {
  run: CoverageRun | null;
  charts: ChartData[];
  errors: string[];
  fieldErrors: Record<string, string>;
  /** The page's rule and simulator parameters as a query string ("?threshold=...&teams=..."). */
  query: string;
  datasetVersion: string | null;
  synthetic: boolean;
}

export const isCoverageChart = (id: string) => (COVERAGE_CHART_IDS as readonly string[]).includes(id);

export async function getCoveragePage(params: SearchParams): Promise<CoveragePageData> {
  const { rule, errors: ruleErrors } = parseRule(params);
  const parsed = parseSimParams(params);
  const [store, cube, active] = await Promise.all([
    loadResult("crisis.coverage"),
    loadResult("crisis.cube"),
    getActiveDatasets(),
  ]);
  const crisis = active.find((d) => d.dataset === "seattle-crisis");
  const empty = {
    run: null,
    charts: [],
    query: "",
    datasetVersion: crisis?.label ?? null,
    synthetic: crisis?.synthetic ?? false,
  };
  if (!store || !cube || store.versionId !== cube.versionId)
    return { ...empty, errors: [...ruleErrors, ...parsed.errors], fieldErrors: parsed.fieldErrors };

  const fieldErrors = { ...parsed.fieldErrors };
  let out = runCoverage(store, cube, parsed.params, rule);
  if (!out.ok) {
    for (const e of out.errors) fieldErrors[e.split(":")[0]!] = e;
    out = runCoverage(store, cube, SimParams.parse({}), rule);
  }
  const errors = [...ruleErrors, ...Object.values(fieldErrors)];
  if (!out.ok) return { ...empty, errors: [...errors, ...out.errors], fieldErrors };
  const run = out.run;
  const ruleGiven = params.threshold || params.minContacts || params.basis;
  const q = new URLSearchParams({
    ...(ruleGiven
      ? { threshold: String(rule.threshold), minContacts: String(rule.minContacts), basis: rule.basis }
      : {}),
    ...run.query,
  });
  const query = `?${q.toString()}`;
  const sources: SourceRef[] = crisis
    ? [
        {
          dataset: crisis.title,
          label: crisis.label,
          sourceName: crisis.sourceName,
          sourceUrl: crisis.sourceUrl,
          retrievedAt: crisis.retrievedAt,
          synthetic: crisis.synthetic,
        },
      ]
    : [];
  const ctx = {
    filters: parseTrendFilters({}).filters,
    threshold: env().SMALL_COUNT_THRESHOLD,
    sources,
    query,
    pagePath: "/alternative-response",
  };
  const charts = await annotateCharts(
    coverageCharts({ run, ctx, query, datasetVersion: crisis?.label ?? String(store.versionId) }),
  );
  return {
    run,
    charts,
    errors,
    fieldErrors,
    query,
    datasetVersion: crisis?.label ?? null,
    synthetic: crisis?.synthetic ?? false,
  };
}

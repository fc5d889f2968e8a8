import "server-only";
import { coverageCharts, COVERAGE_CHART_IDS } from "@/lib/charts/coverage-charts";
import type { ChartData, SourceRef } from "@/lib/charts/types";
import { parseSimParams, SimParams } from "@/lib/coverage/params";
import { runCoverage, type CoverageRun } from "@/lib/coverage/run";
import { env } from "@/lib/env";
import type { InputIssue } from "@/lib/errors/app-error";
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
  /** Bad rule or simulator parameters, at most one per field (the form shows them; the run used the defaults). */
  issues: InputIssue[];
  /** The page's rule and simulator parameters as a query string ("?threshold=...&teams=..."). */
  query: string;
  datasetVersion: string | null;
  synthetic: boolean;
}

export const isCoverageChart = (id: string) => (COVERAGE_CHART_IDS as readonly string[]).includes(id);

export async function getCoveragePage(params: SearchParams): Promise<CoveragePageData> {
  const { value: rule, issues: ruleIssues } = parseRule(params);
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
    return { ...empty, issues: [...ruleIssues, ...parsed.issues] };

  // One issue per field: the run's own checks (e.g. "year: ...") replace a parse message for the same field.
  const paramIssues = new Map(parsed.issues.map((i) => [i.field, i]));
  let out = runCoverage(store, cube, parsed.value, rule);
  if (!out.ok) {
    for (const e of out.errors) paramIssues.set(e.split(":")[0]!, { field: e.split(":")[0]!, message: e });
    out = runCoverage(store, cube, SimParams.parse({}), rule);
  }
  const issues = [...ruleIssues, ...paramIssues.values()];
  if (!out.ok) return { ...empty, issues: [...issues, ...out.errors.map((e) => ({ field: "defaults", message: e }))] };
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
    filters: parseTrendFilters({}).value,
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
    issues,
    query,
    datasetVersion: crisis?.label ?? null,
    synthetic: crisis?.synthetic ?? false,
  };
}

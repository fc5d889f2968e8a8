import "server-only";
import { alternativeCharts } from "@/lib/charts/alternative-charts";
import { beatMapChart } from "@/lib/charts/beat-map";
import { citCharts } from "@/lib/charts/cit-charts";
import type { CitResults } from "@/lib/analysis/cit-types";
import type { ChartContext } from "@/lib/charts/context";
import { crisisCharts } from "@/lib/charts/crisis-charts";
import { kpiCharts } from "@/lib/charts/kpi-charts";
import { chartEntry, type ChartBlock } from "@/lib/chart-registry";
import type { ChartData, SourceRef } from "@/lib/charts/types";
import { uofCharts } from "@/lib/charts/uof-charts";
import { env } from "@/lib/env";
import { lenient, type InputIssue, type Lenient } from "@/lib/errors/app-error";
import { parseRule, type AlternativeRule } from "@/lib/trends/alternative-rule";
import { noCandidateReason, presetSummaries, ruleVerdict, type PresetSummary } from "@/lib/trends/rule-verdict";
import { callTypeTable } from "@/lib/trends/crisis-totals";
import type { BeatGeometry } from "@/lib/trends/beat-geometry";
import { parseTrendFilters, toQuery, type SearchParams, type TrendFilters } from "@/lib/trends/filters";
import { annotateCharts } from "./annotations";
import { getCommunityPage } from "./community";
import { getCoveragePage } from "./coverage";
import { getActiveDatasets } from "./datasets";
import { loadResult } from "./results";

/** Chart data for the public trend pages, built from the stored results (lib/dal/results.ts). */
export type TrendPage = "crisis" | "use-of-force" | "metrics";
const PAGE_PATH: Record<TrendPage, string> = {
  crisis: "/crisis",
  "use-of-force": "/use-of-force",
  metrics: "/metrics",
};

async function sourcesFor(datasets: string[]): Promise<SourceRef[]> {
  const active = await getActiveDatasets();
  return active
    .filter((d) => datasets.includes(d.dataset))
    .map((d) => ({
      dataset: d.title,
      label: d.label,
      sourceName: d.sourceName,
      sourceUrl: d.sourceUrl,
      retrievedAt: d.retrievedAt,
      synthetic: d.synthetic,
    }));
}

export interface TrendPageData {
  filters: TrendFilters;
  /** Filter values not understood (the page shows them beside the defaults used instead). */
  issues: InputIssue[];
  charts: ChartData[];
  options: { precincts: string[]; callTypes: string[]; firstMonth: string | null; lastMonth: string | null };
}

export async function getTrendPage(page: TrendPage, params: SearchParams): Promise<TrendPageData> {
  const { value: filters, issues } = parseTrendFilters(params);
  const [cube, uof] = await Promise.all([
    page === "use-of-force" ? null : loadResult("crisis.cube"),
    page === "crisis" ? null : loadResult("uof.aggregates"),
  ]);
  const datasets = [...(cube ? ["seattle-crisis"] : []), ...(uof ? ["seattle-uof"] : [])];
  const ctx: ChartContext = {
    filters,
    threshold: env().SMALL_COUNT_THRESHOLD,
    sources: await sourcesFor(datasets),
    query: toQuery(filters),
    pagePath: PAGE_PATH[page],
  };
  const charts = await annotateCharts(
    page === "crisis"
      ? cube
        ? crisisCharts(cube, ctx)
        : []
      : page === "use-of-force"
        ? uof
          ? uofCharts(uof, ctx)
          : []
        : kpiCharts(cube, uof, ctx),
    filters.precinct ?? null,
  );
  const months = cube?.months ?? [...new Set(uof?.incidents.map((c) => c.month) ?? [])].sort();
  return {
    filters,
    issues,
    charts,
    options: {
      precincts: page === "use-of-force" ? (uof?.precincts ?? []) : (cube?.precincts ?? uof?.precincts ?? []),
      callTypes: page === "crisis" ? (cube?.callTypes.map((c) => c.callType) ?? []) : [],
      firstMonth: months[0] ?? null,
      lastMonth: months.at(-1) ?? null,
    },
  };
}

export async function getBeatMap(
  params: SearchParams,
): Promise<{ chart: ChartData; bins: number[]; geo: BeatGeometry } | null> {
  const { value: filters } = parseTrendFilters(params);
  const [uof, geo] = await Promise.all([loadResult("uof.aggregates"), loadResult("geo.beats")]);
  if (!uof || !geo) return null;
  const ctx: ChartContext = {
    filters,
    threshold: env().SMALL_COUNT_THRESHOLD,
    sources: await sourcesFor(["seattle-uof"]),
    query: toQuery(filters),
    pagePath: "/use-of-force",
  };
  const map = beatMapChart(uof, geo, ctx);
  const [chart] = await annotateCharts([map.chart], filters.precinct ?? null);
  return { ...map, chart: chart!, geo };
}

/** The beat outlines for the map sprite (app/maps/beats.svg), or null before the boundaries are loaded. */
export async function getBeatGeometry(): Promise<BeatGeometry | null> {
  return (await loadResult("geo.beats")) ?? null;
}

export interface AlternativePageData {
  filters: TrendFilters;
  rule: AlternativeRule;
  issues: InputIssue[];
  charts: ChartData[];
  options: TrendPageData["options"];
  /** The named rules (strict, default, broad) on the same filters, with what each finds and why none, if none. */
  presets: PresetSummary[];
  /** Why the page's rule finds no call type (null when it finds some, or with no data). */
  noCandidateReason: string | null;
}

export async function getAlternativePage(params: SearchParams): Promise<AlternativePageData> {
  const { value: filters, issues: filterIssues } = parseTrendFilters(params);
  const { value: rule, issues: ruleIssues } = parseRule(params);
  const cube = await loadResult("crisis.cube");
  const ctx: ChartContext = {
    filters,
    threshold: env().SMALL_COUNT_THRESHOLD,
    sources: await sourcesFor(["seattle-crisis"]),
    query: toQuery(filters),
    pagePath: "/alternative-response",
  };
  const q = toQuery({
    from: filters.from,
    to: filters.to,
    precinct: filters.precinct,
    ...(params.threshold || params.minContacts || params.basis
      ? { threshold: String(rule.threshold), minContacts: String(rule.minContacts), basis: rule.basis }
      : {}),
  } as Partial<TrendFilters>);
  return {
    filters,
    rule,
    issues: [...filterIssues, ...ruleIssues],
    charts: cube ? await annotateCharts(alternativeCharts(cube, ctx, rule, q), filters.precinct ?? null) : [],
    presets: cube ? presetSummaries(cube, filters) : [],
    noCandidateReason: cube ? noCandidateReason(ruleVerdict(callTypeTable(cube, filters, rule), rule), rule) : null,
    options: {
      precincts: cube?.precincts ?? [],
      callTypes: [],
      firstMonth: cube?.months[0] ?? null,
      lastMonth: cube?.months.at(-1) ?? null,
    },
  };
}

export interface CitPageData {
  charts: ChartData[];
  cit: {
    n: number;
    modalityNote: string;
    synthetic: boolean;
    exclusions: CitResults["exclusions"];
    caveats: string[];
    seMethod: string;
    clusters: number;
  } | null;
}

export async function getCitPage(): Promise<CitPageData> {
  const cit = await loadResult("crisis.cit");
  if (!cit) return { charts: [], cit: null };
  const ctx: ChartContext = {
    filters: parseTrendFilters({}).value,
    threshold: env().SMALL_COUNT_THRESHOLD,
    sources: await sourcesFor(["seattle-crisis"]),
    query: "",
    pagePath: "/cit",
  };
  return {
    charts: await annotateCharts(citCharts(cit, ctx)),
    cit: {
      n: cit.n,
      modalityNote: cit.modality.note,
      synthetic: cit.synthetic,
      exclusions: cit.exclusions,
      caveats: cit.caveats,
      seMethod: cit.seMethod,
      clusters: cit.clusters,
    },
  };
}

type BlockCharts = (params: SearchParams) => Promise<{ charts: ChartData[]; issues: InputIssue[] }>;

/** How each block of the chart registry (lib/chart-registry.ts) is built: by its page's own function. */
const BLOCK_CHARTS: Record<ChartBlock, BlockCharts> = {
  crisis: (params) => getTrendPage("crisis", params),
  "use-of-force": (params) => getTrendPage("use-of-force", params),
  "beat-map": async (params) => {
    const { issues } = parseTrendFilters(params);
    const map = await getBeatMap(params);
    return { charts: map ? [map.chart] : [], issues };
  },
  metrics: (params) => getTrendPage("metrics", params),
  alternative: getAlternativePage,
  // The coverage model's charts (lib/dal/coverage.ts): the rule plus the simulator's parameters.
  coverage: getCoveragePage,
  cit: async () => ({ charts: (await getCitPage()).charts, issues: [] }),
  community: getCommunityPage,
};

/** The charts of one registry block, built exactly as on their page. */
export const getBlockCharts = (block: ChartBlock, params: SearchParams) => BLOCK_CHARTS[block](params);

/**
 * One chart by id (for the CSV download), built exactly as on its page: null for an unknown id, and built with the
 * defaults when a filter is not understood (the issues say which; the download answers 400 for them).
 */
export async function getChart(id: string, params: SearchParams): Promise<Lenient<ChartData | null>> {
  const entry = chartEntry(id);
  if (!entry) return lenient(null, parseTrendFilters(params).issues);
  const { charts, issues } = await getBlockCharts(entry.block, params);
  return lenient(charts.find((c) => c.id === id) ?? null, issues);
}

import "server-only";
import type { InputIssue } from "@/lib/errors/app-error";
import { inputIssuesOf } from "@/lib/errors/zod";
import type { BeatGeometry } from "@/lib/trends/beat-geometry";
import { populationWindow, type CommunityContext } from "@/lib/charts/community-charts";
import { communityCharts } from "@/lib/charts/community-page";
import type { ChartData } from "@/lib/charts/types";
import type { CommunityResults } from "@/lib/community/compute";
import { env } from "@/lib/env";
import type { SearchParams } from "@/lib/trends/filters";
import { CommunityFilters } from "@/lib/community/filters";
import { annotateCharts } from "./annotations";
import { loadResult } from "./results";
import { getActiveDatasets } from "./datasets";

/** The community impact page: filters from the URL (year, precinct), charts built from the stored results. */
const Filters = CommunityFilters;

export interface CommunityPageData {
  filters: { year: string | null; precinct: string | null };
  /** Filters not understood or without data (the page shows them; the filter is left out). */
  issues: InputIssue[];
  charts: ChartData[];
  results: CommunityResults | null;
  options: { years: string[]; precincts: string[] };
  /** The population window the ratio table uses (a year or the complete-year period). */
  windowLabel: string | null;
  /** Beat boundaries for the map of the beat view (null when the reference file is absent). */
  beats: BeatGeometry | null;
}

export async function getCommunityPage(params: SearchParams): Promise<CommunityPageData> {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== "" && v !== "all"),
  );
  const parsed = Filters.safeParse(flat);
  const issues = parsed.success ? [] : inputIssuesOf(parsed.error, { root: "" });
  const res = await loadResult("community.benchmarks");
  const years = res ? res.populationRates.filter((w) => /^\d{4}$/.test(w.period)).map((w) => w.period) : [];
  const precincts = res ? [...new Set(res.subjects.map((s) => s.precinct))].sort() : [];
  const raw = parsed.success ? parsed.data : {};
  // An unknown year or precinct is reported, not silently shown as something else.
  if (raw.year && !years.includes(raw.year)) issues.push({ field: "year", message: `year: no data for ${raw.year}` });
  if (raw.precinct && !precincts.includes(raw.precinct))
    issues.push({ field: "precinct", message: `precinct: no precinct "${raw.precinct}"` });
  const year = raw.year && years.includes(raw.year) ? raw.year : null;
  const precinct = raw.precinct && precincts.includes(raw.precinct) ? raw.precinct : null;
  const q = new URLSearchParams();
  if (year) q.set("year", year);
  if (precinct) q.set("precinct", precinct);
  const active = await getActiveDatasets();
  const ctx: CommunityContext = {
    threshold: env().SMALL_COUNT_THRESHOLD,
    sources: active
      .filter((d) => d.dataset === "seattle-uof")
      .map((d) => ({
        dataset: d.title,
        label: d.label,
        sourceName: d.sourceName,
        sourceUrl: d.sourceUrl,
        retrievedAt: d.retrievedAt,
        synthetic: d.synthetic,
      })),
    query: q.size ? `?${q}` : "",
    year,
    precinct,
  };
  const built = res ? communityCharts(res, ctx) : [];
  const charts = await annotateCharts(built, precinct);
  const beats = await loadResult("geo.beats");
  return {
    filters: { year, precinct },
    issues,
    charts,
    results: res,
    options: { years, precincts },
    windowLabel: res ? (populationWindow(res, year)?.period ?? null) : null,
    beats,
  };
}

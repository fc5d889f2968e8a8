import type { TrendFilters } from "@/lib/trends/filters";
import type { ChartData, SourceRef } from "./types";

/** What every chart builder is given besides its stored result: the page's filters, sources and links. */
export interface ChartContext {
  filters: TrendFilters;
  threshold: number;
  sources: SourceRef[];
  /** "?from=..." for links that must carry the page's filters. */
  query: string;
  pagePath: string;
}

/** The part of a context the links and provenance of a chart need (the community page has no trend filters). */
export type ChartLinks = Pick<ChartContext, "threshold" | "sources" | "query" | "pagePath">;

export type ChartBase = Pick<
  ChartData,
  "id" | "sources" | "smallCountThreshold" | "methodologyHref" | "csvHref" | "permalink"
>;

/**
 * The fields every chart shares: its id, sources, reliability threshold and links. The CSV link and the permalink
 * carry the page's query (or `query`, when a page adds its own parameters), so a download matches what is shown.
 */
export function chartBase(
  ctx: ChartLinks,
  id: string,
  { query = ctx.query, methodologyHref = "/methodology" }: { query?: string; methodologyHref?: string } = {},
): ChartBase {
  return {
    id,
    sources: ctx.sources,
    smallCountThreshold: ctx.threshold,
    methodologyHref,
    csvHref: `/api/v1/charts/${id}${query}`,
    permalink: `${ctx.pagePath}${query}#${id}`,
  };
}

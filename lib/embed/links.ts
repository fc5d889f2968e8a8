import type { ChartData } from "@/lib/charts/types";

/**
 * The addresses of one chart view: its permalink (page, filters, #id), the embed and its PNG preview (issue 18),
 * all carrying the same filters, plus `release` when the view is pinned to one. Pure: a chart's permalink is
 * `{page}{?filters}#{id}` (lib/charts/context.ts chartBase), so the filters are read back from it.
 */
type ChartLinkable = Pick<ChartData, "id" | "permalink">;

/** The page path and the filters ("?a=1&b=2" or "") of a chart's permalink. */
export function permalinkParts(chart: ChartLinkable): { path: string; query: string } {
  const noHash = chart.permalink.split("#")[0]!;
  const q = noHash.indexOf("?");
  return q < 0 ? { path: noHash, query: "" } : { path: noHash.slice(0, q), query: noHash.slice(q) };
}

/** A query with `release` set (or left as it is when there is none). */
export function withRelease(query: string, release?: string): string {
  if (!release) return query;
  const params = new URLSearchParams(query);
  params.set("release", release);
  return `?${params}`;
}

export const embedPath = (chart: ChartLinkable, release?: string) =>
  `/embed/${chart.id}${withRelease(permalinkParts(chart).query, release)}`;

export const previewPath = (chart: ChartLinkable, release?: string) =>
  `/embed/${chart.id}/preview.png${withRelease(permalinkParts(chart).query, release)}`;

/** The permalink, absolute, pinned to the release when there is one (what a citation names). */
export function pinnedUrl(origin: string, chart: ChartLinkable, release?: string): string {
  const { path, query } = permalinkParts(chart);
  return `${origin}${path}${withRelease(query, release)}#${chart.id}`;
}

/** The embed's widths (issue 18: readable from 300 to 1200 px) and the PNG preview's size (Open Graph's). */
export const EMBED_MIN_WIDTH = 300;
export const EMBED_MAX_WIDTH = 1200;
export const EMBED_DEFAULT_WIDTH = 760;
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

/**
 * The height an embed needs at a width: the chart's aspect (the wide layout is 760x340, the narrow one, below
 * 34rem, 400x300; components/chart-block/static-chart.tsx) plus room for the title, takeaway and source lines,
 * which wrap onto more lines when narrow. An estimate for the iframe's height attribute; the page scrolls if short.
 */
export function embedHeight(width: number): number {
  const w = Math.min(Math.max(Math.round(width), EMBED_MIN_WIDTH), EMBED_MAX_WIDTH);
  const chart = w > 544 ? Math.min(w, 920) * (340 / 760) : w * (300 / 400);
  const text = w > 544 ? 190 : 280;
  return Math.round(chart + text);
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The `<iframe>` a reader pastes (the Share tab) or an oEmbed consumer inserts. */
export function iframeSnippet(src: string, title: string, width: number | "100%", height: number): string {
  return (
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="${width}" height="${height}"` +
    ` style="border:0;max-width:${EMBED_MAX_WIDTH}px" loading="lazy"></iframe>`
  );
}

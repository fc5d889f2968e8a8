import { createElement } from "react";
import { StaticChart } from "@/components/chart-block/static-chart";
import { embedPath, pinnedUrl, previewPath, withRelease } from "@/lib/embed/links";
import { staticMarkup } from "@/lib/embed/markup";
import { embedErrorHtml, embedHtml } from "@/lib/embed/page";
import { chartView } from "@/lib/http/chart-view";
import { HTTP_STATUS } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

/**
 * `/embed/{chartId}?filters&release=`: one chart block alone, for an <iframe> (issue 18). A route handler, not a
 * page: it answers one self-contained HTML document with no JavaScript (a Next.js page would ship its runtime and
 * the site's layout). Framing is allowed for /embed/ only (next.config.ts); the response cache keeps the answer
 * like a page's (lib/http/page-cache.ts).
 */
const HTML = { "Content-Type": "text/html; charset=utf-8" };

export const GET = publicRoute(async (request: Request, { params }: { params: Promise<{ chartId: string }> }) => {
  const { chartId } = await params;
  const url = new URL(request.url);
  const view = await chartView(chartId, url.searchParams);
  if (!view.ok)
    return new Response(embedErrorHtml(view.error.message), { status: HTTP_STATUS[view.error.code], headers: HTML });
  const { chart, release } = view.value;
  const o = url.origin;
  const html = embedHtml({
    chart,
    chartMarkup: staticMarkup(createElement(StaticChart, { chart })),
    permalink: pinnedUrl(o, chart, release),
    csvUrl: `${o}${chart.csvHref.split("?")[0]}${withRelease(new URL(chart.csvHref, o).search, release)}`,
    previewUrl: `${o}${previewPath(chart, release)}`,
    oembedUrl: `${o}/api/oembed?url=${encodeURIComponent(`${o}${embedPath(chart, release)}`)}`,
    release,
  });
  return new Response(html, { headers: { ...HTML, "Cache-Control": "public, max-age=60" } });
});

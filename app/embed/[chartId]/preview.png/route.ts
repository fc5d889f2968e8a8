import { createElement } from "react";
import { StaticChart } from "@/components/chart-block/static-chart";
import { chartStamp } from "@/lib/charts/stamp";
import { databaseHealth } from "@/lib/db/health";
import { pinnedUrl } from "@/lib/embed/links";
import { renderPng } from "@/lib/embed/png";
import { PreviewCache, previewSvg, wideSvgOf } from "@/lib/embed/preview";
import { staticMarkup } from "@/lib/embed/markup";
import { chartView } from "@/lib/http/chart-view";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

/**
 * `/embed/{chartId}/preview.png?filters&release=`: the chart's 1200 x 630 PNG for Open Graph and Twitter cards
 * (issue 18), rasterised from the same server-drawn SVG as the page and the embed. Cached in memory per chart view
 * and per release, or per content stamp (lib/db/health.ts) while the view is not pinned to a release, so each is
 * drawn once per data change.
 */
const KEY = Symbol.for("portal.previewCache");
const store = globalThis as unknown as Record<symbol, PreviewCache | undefined>;
const cache = () => (store[KEY] ??= new PreviewCache());

export const GET = publicRoute(async (request: Request, { params }: { params: Promise<{ chartId: string }> }) => {
  const { chartId } = await params;
  const url = new URL(request.url);
  const query = new URLSearchParams(url.searchParams);
  query.sort();
  const release = url.searchParams.get("release");
  const state = release ? `release:${release}` : `stamp:${(await databaseHealth()).contentStamp ?? "none"}`;
  const key = `${state}\n${url.origin}\n${chartId}?${query}`;
  let png = cache().get(key);
  if (!png) {
    const view = await chartView(chartId, url.searchParams);
    if (!view.ok) return apiError(view.error);
    const { chart, release: pinned } = view.value;
    // A pinned preview names its release: the URL drawn under the chart (and in its tEXt) is the pinned permalink.
    const stamp = { ...chartStamp(chart, url.origin), url: pinnedUrl(url.origin, chart, pinned) };
    const svg = previewSvg(
      wideSvgOf(staticMarkup(createElement(StaticChart, { chart }))),
      stamp,
      chart.type === "map" ? "A map: open the portal to see it" : "No values to draw for these filters",
    );
    png = renderPng(svg, stamp);
    cache().set(key, png);
  }
  return new Response(png as Uint8Array<ArrayBuffer>, {
    headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=300" },
  });
});

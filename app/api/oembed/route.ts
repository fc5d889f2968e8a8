import { embedPath, previewPath } from "@/lib/embed/links";
import { chartTargetOf, oembedRich, parseOembedRequest } from "@/lib/embed/oembed";
import { chartView } from "@/lib/http/chart-view";
import { apiError } from "@/lib/http/errors";
import { publicRoute } from "@/lib/http/unavailable";

/**
 * oEmbed 1.0 (type "rich") for every chart permalink and embed address (issue 18): `?url=` names the chart view,
 * `maxwidth` / `maxheight` bound the iframe. 400 for a malformed request or URL, 404 for a URL that names no chart
 * of this portal, in the API's one error shape (lib/http/errors.ts).
 */
export const GET = publicRoute(async (request: Request) => {
  const url = new URL(request.url);
  const req = parseOembedRequest(url.searchParams);
  if (!req.ok) return apiError(req.error);
  const target = chartTargetOf(req.value.url, url.origin);
  if (!target.ok) return apiError(target.error);
  const { entry, params, release } = target.value;
  const search = new URLSearchParams(params);
  if (release !== null) search.set("release", release);
  const view = await chartView(entry.id, search);
  if (!view.ok) return apiError(view.error);
  const { chart, release: pinned } = view.value;
  const body = oembedRich(
    req.value,
    {
      title: chart.title,
      embedUrl: `${url.origin}${embedPath(chart, pinned)}`,
      previewUrl: `${url.origin}${previewPath(chart, pinned)}`,
    },
    url.origin,
  );
  return Response.json(body, { headers: { "Cache-Control": "public, max-age=300" } });
});

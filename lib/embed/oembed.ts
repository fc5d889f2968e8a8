import { z } from "zod";
import { chartEntry, CHARTS, type ChartEntry } from "@/lib/chart-registry";
import { PORTAL_NAME } from "@/lib/charts/stamp";
import { AppError, fail, ok, type Result } from "@/lib/errors/app-error";
import { EMBED_DEFAULT_WIDTH, embedHeight, iframeSnippet, PREVIEW_SIZE } from "./links";

/**
 * oEmbed 1.0 (https://oembed.com) for chart permalinks: `/api/oembed?url=...` answers a "rich" embed whose html is
 * the chart's `<iframe>`. The request and the URL it names are checked here (zod at the entry point): a request
 * that is not a well-formed oEmbed request, or a url that is not an http(s) URL, is a bad_request (400); a
 * well-formed URL that names no chart of this portal is not_found (404).
 */
const MAX_URL_LENGTH = 2_048;
const dimension = z.coerce
  .number({ error: "maxwidth and maxheight are whole numbers of pixels." })
  .int("maxwidth and maxheight are whole numbers of pixels.")
  .positive("maxwidth and maxheight are positive.")
  .max(100_000, "maxwidth and maxheight are at most 100000.");

export const OembedRequest = z.object({
  url: z
    .string({ error: "Give the chart's permalink as ?url=..." })
    .min(1, "Give the chart's permalink as ?url=...")
    .max(MAX_URL_LENGTH, `The url is at most ${MAX_URL_LENGTH} characters.`),
  format: z.literal("json", { error: 'Only format "json" is served.' }).optional(),
  maxwidth: dimension.optional(),
  maxheight: dimension.optional(),
});
export type OembedRequest = z.infer<typeof OembedRequest>;

/** The request's query parameters, checked (one value per parameter: the first). */
export function parseOembedRequest(params: URLSearchParams): Result<OembedRequest> {
  const flat: Record<string, string> = {};
  for (const [k, v] of params) flat[k] ??= v;
  const parsed = OembedRequest.safeParse(flat);
  if (parsed.success) return ok(parsed.data);
  return fail(new AppError("bad_request", parsed.error.issues[0]!.message, { reason: "invalid_request" }));
}

/** A chart view named by a URL: the chart, its filters and the raw `release` parameter (checked by lib/dal/releases.ts resolveReleaseParam, through lib/http/chart-view.ts). */
export interface ChartTarget {
  entry: ChartEntry;
  params: Record<string, string>;
  release: string | null;
}

const PAGE_PATHS = new Set(CHARTS.map((c) => c.path));
const notOurs = (why: string) => fail(new AppError("not_found", why, { reason: "unknown_url" }));

/**
 * The chart a URL names, for a portal served at `origin`: a permalink (`/crisis?filters#crisis-contacts`) or an
 * embed address (`/embed/crisis-contacts?filters`). The chart must be one of the registry's and, for a permalink,
 * be shown on that page.
 */
export function chartTargetOf(raw: string, origin: string): Result<ChartTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(new AppError("bad_request", "The url is not an absolute URL.", { reason: "invalid_url" }));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return fail(new AppError("bad_request", "The url must be an http(s) URL.", { reason: "invalid_url" }));
  if (url.origin !== origin) return notOurs(`The url is not on this portal (${origin}).`);
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== "release") params[k] ??= v;
  const release = url.searchParams.get("release");
  const embed = /^\/embed\/([^/]+)\/?$/.exec(url.pathname);
  const id = embed ? embed[1]! : url.hash.slice(1);
  const path = url.pathname.replace(/(.)\/$/, "$1");
  if (!embed && !PAGE_PATHS.has(path)) return notOurs(`${url.pathname} is not a page with charts.`);
  if (!id) return notOurs("The url names no chart: a chart's permalink ends in #chart-id.");
  const entry = chartEntry(id);
  if (!entry || (!embed && entry.path !== path)) return notOurs(`No chart "${id}" on ${embed ? "this portal" : path}.`);
  return ok({ entry, params, release });
}

export interface OembedRich {
  version: "1.0";
  type: "rich";
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
}

/** The oEmbed answer for one chart: its iframe at the default width, within maxwidth/maxheight when given. */
export function oembedRich(
  req: Pick<OembedRequest, "maxwidth" | "maxheight">,
  chart: { title: string; embedUrl: string; previewUrl: string },
  origin: string,
): OembedRich {
  // oEmbed: never wider or taller than the consumer's maximum, even below the 300 px the embed is designed for.
  const width = Math.min(req.maxwidth ?? EMBED_DEFAULT_WIDTH, EMBED_DEFAULT_WIDTH);
  const height = Math.min(embedHeight(width), req.maxheight ?? Infinity);
  return {
    version: "1.0",
    type: "rich",
    title: chart.title,
    provider_name: PORTAL_NAME,
    provider_url: `${origin}/`,
    html: iframeSnippet(chart.embedUrl, chart.title, width, height),
    width,
    height,
    thumbnail_url: chart.previewUrl,
    thumbnail_width: PREVIEW_SIZE.width,
    thumbnail_height: PREVIEW_SIZE.height,
  };
}

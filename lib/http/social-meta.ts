import "server-only";
import type { Metadata } from "next";
import { CHARTS, type ChartEntry } from "@/lib/chart-registry";
import { PORTAL_NAME } from "@/lib/charts/stamp";
import { resolveReleaseParam } from "@/lib/dal/releases";
import { PREVIEW_SIZE } from "@/lib/embed/links";
import { siteOrigin } from "./site-origin";

/**
 * Open Graph and Twitter card tags (issue 18). Every public page carries them: its own (pageMetadata, or
 * chartPageMetadata for a page with charts: the preview of its first chart drawn with the page's own filters, so a
 * shared permalink, whose #chart fragment never reaches the server, previews the view it points at), else the root
 * layout's. Previews are `/embed/{id}/preview.png` (1200 x 630, drawn from the chart's SVG); addresses are absolute
 * (metadataBase is the site's origin as addressed).
 *
 * A page pinned with `?release=ID` names the release in og:url, in the title and in the preview's address, so a
 * shared pinned link previews what it pins; the previewed chart is one the release has data for (the first release
 * may predate the crisis data). A malformed or unknown id is left out: the page answers with a message or 404.
 */
const SITE_TITLE = "Crisis Response & Use of Force in Seattle";
export const SITE_DESCRIPTION =
  "Public, reproducible figures on Seattle Police crisis contacts, crisis intervention training and use of force.";

type SearchParams = Record<string, string | string[] | undefined>;

/** The release a page's tags name: its id and the datasets it held (which charts it can preview). */
export interface SocialPin {
  number: string;
  datasets: readonly string[];
}

/** The page's parameters as a query (first value of each), `release` only when it is the resolved pin. */
function querySuffix(params: SearchParams, pin: SocialPin | null, only?: "release"): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && k !== "release" && !only) q.set(k, value);
  }
  if (pin) q.set("release", pin.number);
  const s = q.toString();
  return s ? `?${s}` : "";
}

const held = (pin: SocialPin | null) => (c: ChartEntry) => !pin || c.datasets.every((d) => pin.datasets.includes(d));

/**
 * The tags of one page. `path` null: a page without charts of its own, previewed by the site's first chart the
 * release holds. A chart page whose charts the release has no data for is previewed the same way.
 */
export function socialTags(title: string, path: string, params: SearchParams, pin: SocialPin | null): Metadata {
  const own = CHARTS.find((c) => c.path === path && held(pin)(c));
  const chart = own ?? CHARTS.find(held(pin)) ?? CHARTS[0]!;
  const shown = pin && !title.includes(pin.number) ? `${title} (release ${pin.number})` : title;
  const image = {
    url: `/embed/${chart.id}/preview.png${querySuffix(params, pin, own ? undefined : "release")}`,
    ...PREVIEW_SIZE,
    alt: `Chart: ${shown}`,
  };
  const url = `${path}${querySuffix(params, pin)}`;
  return {
    openGraph: {
      type: "website",
      siteName: PORTAL_NAME,
      title: shown,
      description: SITE_DESCRIPTION,
      url,
      images: [image],
    },
    twitter: { card: "summary_large_image", title: shown, description: SITE_DESCRIPTION, images: [image] },
  };
}

async function pinOf(params: SearchParams): Promise<SocialPin | null> {
  if (params.release === undefined) return null;
  const pin = await resolveReleaseParam(params.release);
  return pin.ok && pin.value ? { number: pin.value.number, datasets: pin.value.datasets.map((d) => d.dataset) } : null;
}

/** The root layout's metadata: the site's title and description, and social tags every page inherits. */
export async function siteMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(await siteOrigin()),
    title: { default: SITE_TITLE, template: "%s · Crisis Response & Use of Force" },
    description: SITE_DESCRIPTION,
    // Every page links the feeds (app/feeds/*.atom), so feed readers find them from any address.
    alternates: {
      types: {
        "application/atom+xml": [
          { url: "/feeds/releases.atom", title: "Releases" },
          { url: "/feeds/notes.atom", title: "Corrections and notes (Atom)" },
        ],
      },
    },
    ...socialTags(SITE_TITLE, "/", {}, null),
  };
}

type MetadataProps = { searchParams: Promise<SearchParams> };

/**
 * generateMetadata for a page without charts: its title (null: the site's, for the home page), its own address
 * (pinned when it is) and the site preview.
 */
export function pageMetadata(title: string | null, path: string) {
  return async ({ searchParams }: MetadataProps): Promise<Metadata> => {
    const params = await searchParams;
    const tags = socialTags(title ?? SITE_TITLE, path, params, await pinOf(params));
    return title ? { title, ...tags } : tags;
  };
}

/** generateMetadata for a page with charts: its title, and the preview of its first chart with the page's filters. */
export function chartPageMetadata(title: string, path: string) {
  if (!CHARTS.some((c) => c.path === path))
    throw new Error(`chartPageMetadata: no chart of the registry is on ${path}`);
  return pageMetadata(title, path);
}

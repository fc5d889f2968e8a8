import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CHARTS, type ChartEntry } from "@/lib/chart-registry";
import { PORTAL_NAME } from "@/lib/charts/stamp";
import { resolveReleaseParam } from "@/lib/dal/releases";
import { PREVIEW_SIZE } from "@/lib/embed/links";
import type { Locale } from "@/lib/i18n/config";
import { requestLocale, requestPath } from "@/lib/i18n/locale";
import { hreflangAlternates, isLocalizable, localePath } from "@/lib/i18n/routing";
import { siteOrigin } from "./site-origin";

/**
 * Open Graph and Twitter card tags (issue 18), in the reader's language. Every public page carries them: its own
 * (pageMetadata, or chartPageMetadata for a page with charts: the preview of its first chart drawn with the page's
 * own filters, so a shared permalink, whose #chart fragment never reaches the server, previews the view it points
 * at), else the root layout's. Previews are `/embed/{id}/preview.png` (1200 x 630, drawn from the chart's SVG);
 * addresses are absolute (metadataBase is the site's origin as addressed).
 *
 * A page pinned with `?release=ID` names the release in og:url, in the title and in the preview's address, so a
 * shared pinned link previews what it pins; the previewed chart is one the release has data for (the first release
 * may predate the crisis data). A malformed or unknown id is left out: the page answers with a message or 404.
 */
type SearchParams = Record<string, string | string[] | undefined>;

/** The release a page's tags name: its id and the datasets it held (which charts it can preview). */
export interface SocialPin {
  number: string;
  datasets: readonly string[];
}

/** What the tags say, in the reader's language (from the catalogue's `site` namespace). */
export interface SocialWords {
  locale: Locale;
  description: string;
  /** The preview's alternative text for a title. */
  alt: (title: string) => string;
  /** A title naming its release. */
  pinned: (title: string, release: string) => string;
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
 * The tags of one page. A page without charts of its own is previewed by the site's first chart the release holds;
 * so is a chart page whose charts the release has no data for.
 */
export function socialTags(
  title: string,
  path: string,
  params: SearchParams,
  pin: SocialPin | null,
  words: SocialWords,
): Metadata {
  const own = CHARTS.find((c) => c.path === path && held(pin)(c));
  const chart = own ?? CHARTS.find(held(pin)) ?? CHARTS[0]!;
  const shown = pin && !title.includes(pin.number) ? words.pinned(title, pin.number) : title;
  const image = {
    url: `/embed/${chart.id}/preview.png${querySuffix(params, pin, own ? undefined : "release")}`,
    ...PREVIEW_SIZE,
    alt: words.alt(shown),
  };
  const url = `${localePath(words.locale, path)}${querySuffix(params, pin)}`;
  const description = words.description;
  return {
    openGraph: { type: "website", siteName: PORTAL_NAME, title: shown, description, url, images: [image] },
    twitter: { card: "summary_large_image", title: shown, description, images: [image] },
  };
}

async function pinOf(params: SearchParams): Promise<SocialPin | null> {
  if (params.release === undefined) return null;
  const pin = await resolveReleaseParam(params.release);
  return pin.ok && pin.value ? { number: pin.value.number, datasets: pin.value.datasets.map((d) => d.dataset) } : null;
}

async function socialWords(): Promise<SocialWords & { siteTitle: string; titleTemplate: string }> {
  const [{ locale }, t] = await Promise.all([requestLocale(), getTranslations("site")]);
  return {
    locale,
    siteTitle: t("title"),
    titleTemplate: t("titleTemplate"),
    description: t("description"),
    alt: (title) => t("previewAlt", { title }),
    pinned: (title, release) => t("pinnedTitle", { title, release }),
  };
}

/**
 * The root layout's metadata: the site's title and description in the reader's language, social tags every page
 * inherits, and every public page's hreflang alternates (en, es, x-default) from the path proxy.ts passes on (a page
 * that sets `alternates` itself must keep them: use pageAlternates).
 */
export async function siteMetadata(): Promise<Metadata> {
  const [path, words] = await Promise.all([requestPath(), socialWords()]);
  return {
    metadataBase: new URL(await siteOrigin()),
    title: { default: words.siteTitle, template: words.titleTemplate },
    description: words.description,
    alternates: await pageAlternates(path),
    ...socialTags(words.siteTitle, "/", {}, null, words),
  };
}

/** A public page's alternates: its address in every language (hreflang) and the feeds (app/feeds/*.atom). */
export async function pageAlternates(path: string): Promise<NonNullable<Metadata["alternates"]>> {
  const t = await getTranslations("site");
  return {
    ...(isLocalizable(path) ? { languages: hreflangAlternates(path) } : {}),
    // Every page links the feeds, so feed readers find them from any address.
    types: {
      "application/atom+xml": [
        { url: "/feeds/releases.atom", title: t("feedReleases") },
        { url: "/feeds/notes.atom", title: t("feedNotes") },
      ],
    },
  };
}

type MetadataProps = { searchParams: Promise<SearchParams> };
/** A page's title: fixed (English-only pages), read from the catalogue (translated pages), or null (the site's). */
type PageTitle = string | null | (() => Promise<string>);

/** generateMetadata for a page without charts: its title, its own address (pinned when it is) and the site preview. */
export function pageMetadata(title: PageTitle, path: string) {
  return async ({ searchParams }: MetadataProps): Promise<Metadata> => {
    const [params, words] = await Promise.all([searchParams, socialWords()]);
    const own = typeof title === "function" ? await title() : title;
    const tags = socialTags(own ?? words.siteTitle, path, params, await pinOf(params), words);
    return own ? { title: own, ...tags } : tags;
  };
}

/** generateMetadata for a page with charts: its title, and the preview of its first chart with the page's filters. */
export function chartPageMetadata(title: PageTitle, path: string) {
  if (!CHARTS.some((c) => c.path === path))
    throw new Error(`chartPageMetadata: no chart of the registry is on ${path}`);
  return pageMetadata(title, path);
}

import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CHARTS } from "@/lib/chart-registry";
import { PORTAL_NAME } from "@/lib/charts/stamp";
import { PREVIEW_SIZE } from "@/lib/embed/links";
import { requestLocale, requestPath } from "@/lib/i18n/locale";
import { hreflangAlternates, isLocalizable, localePath } from "@/lib/i18n/routing";
import { siteOrigin } from "./site-origin";

/**
 * Open Graph and Twitter card tags (issue 18). Every public page carries them: the root layout's (the site, with the
 * preview of the first chart of the registry) unless the page names its own. A page with charts names its first
 * chart's preview drawn with the page's own filters, so a shared permalink (its #chart fragment never reaches the
 * server) previews the view it points at. Previews are `/embed/{id}/preview.png` (1200 x 630, drawn from the
 * chart's SVG); addresses are absolute (metadataBase is the site's origin as addressed).
 */
/** The English description, for chart pages' social tags (the site's own title and description: lib/i18n). */
export const SITE_DESCRIPTION =
  "Public, reproducible figures on Seattle Police crisis contacts, crisis intervention training and use of force.";

type SearchParams = Record<string, string | string[] | undefined>;

function querySuffix(params: SearchParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) q.set(k, value);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

function social(
  title: string,
  description: string,
  url: string,
  chartId: string,
  query: string,
  alt = `Chart: ${title}`,
): Metadata {
  const image = { url: `/embed/${chartId}/preview.png${query}`, ...PREVIEW_SIZE, alt };
  return {
    openGraph: { type: "website", siteName: PORTAL_NAME, title, description, url, images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

/**
 * The root layout's metadata: the site's title and description in the reader's language, social tags every page
 * inherits, and every public page's hreflang alternates (en, es, x-default) from the path proxy.ts passes on (a page
 * that sets `alternates` itself must keep them: use pageAlternates).
 */
export async function siteMetadata(): Promise<Metadata> {
  const [{ locale }, path, t] = await Promise.all([requestLocale(), requestPath(), getTranslations("site")]);
  const title = t("title");
  const description = t("description");
  return {
    metadataBase: new URL(await siteOrigin()),
    title: { default: title, template: t("titleTemplate") },
    description,
    alternates: await pageAlternates(path),
    ...social(title, description, localePath(locale, "/"), CHARTS[0]!.id, "", t("previewAlt", { title })),
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

/** generateMetadata for a page with charts: its title, and the preview of its first chart with the page's filters. */
export function chartPageMetadata(title: string, path: string) {
  const first = CHARTS.find((c) => c.path === path);
  if (!first) throw new Error(`chartPageMetadata: no chart of the registry is on ${path}`);
  return async ({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> => {
    const query = querySuffix(await searchParams);
    return { title, ...social(title, SITE_DESCRIPTION, `${path}${query}`, first.id, query) };
  };
}

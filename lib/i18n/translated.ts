import { DEFAULT_LOCALE, type Locale } from "./config";
import { splitLocale } from "./routing";

/**
 * The public pages whose text is in the catalogues (lib/i18n/messages). Every other public page still renders under
 * /es, in English, under a short notice in Spanish that says so (the root layout). Translating a page: move its
 * strings into the catalogues and add its path here (tests/e2e/i18n.spec.ts then scans it for English sentences).
 */
export const TRANSLATED_PAGES: readonly string[] = [
  "/",
  "/explainers",
  "/explainers/association-causation",
  "/explainers/counting",
  "/explainers/data-limits",
  "/explainers/odds-ratios",
];

export const isTranslated = (path: string) => TRANSLATED_PAGES.includes(path);

/**
 * What the root layout renders differently for an address: its locale and, outside English, whether the page is
 * translated (the untranslated notice). The root layout is not rendered again on a client-side navigation, so
 * proxy.ts makes a navigation between two addresses of different variants a full page load.
 */
export function layoutVariant(pathname: string): string {
  const { prefix, path } = splitLocale(pathname);
  const locale: Locale = prefix ?? DEFAULT_LOCALE;
  if (locale === DEFAULT_LOCALE) return locale;
  return `${locale}${isTranslated(path) ? "" : ":untranslated"}`;
}

import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";
import { isLocalizable, localePath, splitLocale } from "./routing";
import { layoutVariant } from "./translated";

/**
 * What proxy.ts does with a request's locale, as a pure function (tests/unit/i18n/route-request.test.ts).
 * - /es/...: forwarded to the route without the prefix, locale "es" (a rewrite: the address stays /es/...).
 * - /en/...: the switcher's explicit choice of English: redirect to the unprefixed address, cookie "en".
 * - An unprefixed public page opened as a document with the cookie naming another locale: redirect to that locale
 *   (next-intl's "as-needed" prefix with the cookie as the remembered choice). The browser's Accept-Language is not
 *   used: an English address shows English unless the reader chose otherwise.
 * - A page in a locale other than the cookie's, opened as a document, sets the cookie (next-intl's syncCookie).
 * - A client-side navigation between addresses whose root layout differs (another locale, or a translated and an
 *   untranslated page under /es) is answered 204, which makes Next.js's router load the page as a document (the
 *   root layout, which holds the header and `lang`, is not rendered again on client-side navigations).
 */
export type LocaleDecision =
  | { kind: "redirect"; to: string; cookie?: Locale }
  | { kind: "reload" }
  | { kind: "forward"; locale: Locale; path: string; rewrite: boolean; cookie?: Locale };

export interface LocaleRequest {
  method: string;
  pathname: string;
  search: string;
  cookie: string | undefined;
  /** A top-level page load (Sec-Fetch-Dest: document, or no router header), not a router fetch or a prefetch. */
  document: boolean;
  /** A request of the client-side router (RSC header). */
  router: boolean;
  /** The path of the page that made the request (same-origin Referer), if known. */
  refererPath: string | null;
}

export function routeLocale(r: LocaleRequest): LocaleDecision {
  const { prefix, path } = splitLocale(r.pathname);
  const get = r.method === "GET" || r.method === "HEAD";
  if (prefix && !isLocalizable(path)) return { kind: "redirect", to: `${path}${r.search}` };
  if (prefix === DEFAULT_LOCALE) return { kind: "redirect", to: `${path}${r.search}`, cookie: DEFAULT_LOCALE };
  const crossesLayouts =
    r.router && r.refererPath !== null && layoutVariant(r.refererPath) !== layoutVariant(r.pathname);
  if (crossesLayouts) return { kind: "reload" };
  if (prefix) {
    const cookie = r.document && get && r.cookie !== prefix ? prefix : undefined;
    return { kind: "forward", locale: prefix, path, rewrite: true, cookie };
  }
  if (r.document && get && isLocalizable(path) && isLocale(r.cookie) && r.cookie !== DEFAULT_LOCALE)
    return { kind: "redirect", to: `${localePath(r.cookie, path)}${r.search}` };
  return { kind: "forward", locale: DEFAULT_LOCALE, path, rewrite: false };
}

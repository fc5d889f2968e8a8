import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./config";

/**
 * Where locales live in addresses, as pure functions (proxy.ts, the header, metadata and tests share them).
 * English: /crisis. Spanish: /es/crisis. /en/crisis is the switcher's way of choosing English explicitly: proxy.ts
 * records the choice in the cookie and redirects to /crisis.
 */

/** Routes that stay English and unprefixed: the staff area, the API, feeds, embeds and build assets. */
const UNLOCALIZED = ["/staff", "/api", "/embed", "/feeds", "/_next"];

/** True for a public page's path (without prefix): the addresses that exist in every locale. */
export function isLocalizable(path: string): boolean {
  return !UNLOCALIZED.some((p) => path === p || path.startsWith(`${p}/`)) && !/\.[a-z0-9]+$/i.test(path);
}

/** The locale named by a path's first segment (including the default's explicit /en), and the path without it. */
export function splitLocale(pathname: string): { prefix: Locale | null; path: string } {
  const first = pathname.split("/")[1] ?? "";
  if (!isLocale(first)) return { prefix: null, path: pathname };
  // One leading slash: "/es//evil.example" must not become a protocol-relative redirect target.
  const rest = pathname.slice(first.length + 1).replace(/^\/+/, "/");
  return { prefix: first, path: rest === "" ? "/" : rest };
}

/** The address of a public path in a locale: unprefixed for English, /es/... otherwise (locale-aware links). */
export function localePath(locale: Locale, path: string): string {
  const bare = path.split(/[?#]/)[0]!;
  if (locale === DEFAULT_LOCALE || !bare.startsWith("/") || !isLocalizable(bare)) return path;
  const tail = path.slice(bare.length);
  return bare === "/" ? `/${locale}${tail}` : `/${locale}${bare}${tail}`;
}

/** The switcher's target: the same page and query in the other locale; English through /en (records the choice). */
export function switchPath(to: Locale, path: string, search: string): string {
  const base = to === DEFAULT_LOCALE ? (path === "/" ? "/en" : `/en${path}`) : localePath(to, path);
  return `${base}${search}`;
}

/** hreflang alternates of a public path: every locale plus x-default (the English address). */
export function hreflangAlternates(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of LOCALES) out[l] = localePath(l, path);
  out["x-default"] = localePath(DEFAULT_LOCALE, path);
  return out;
}

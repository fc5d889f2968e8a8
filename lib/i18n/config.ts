/**
 * The portal's locales (issue 20). English is the default and keeps the unprefixed addresses, so no existing link
 * breaks; every other locale is served under its prefix (/es/...) by a rewrite in proxy.ts to the same route, with
 * the locale in a request header that lib/i18n/request.ts reads (next-intl "without i18n routing": no [locale]
 * folder). Adding a language: add it here and to INTL_LOCALES, add messages/<locale>.json (docs/i18n.md).
 */
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The BCP 47 tag numbers and dates are formatted with: the portal is written for readers in the United States. */
export const INTL_LOCALES: Record<Locale, string> = { en: "en-US", es: "es-US" };

/** Set by proxy.ts on every request it forwards (a value sent by the client is overwritten). */
export const LOCALE_HEADER = "x-portal-locale";
/** The page's address without its locale prefix, for hreflang alternates and the language switcher. */
export const PATH_HEADER = "x-portal-path";
/** next-intl's cookie name and attributes: the reader's last chosen language. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

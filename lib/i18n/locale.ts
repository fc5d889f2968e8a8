import "server-only";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { DEFAULT_LOCALE, INTL_LOCALES, isLocale, PATH_HEADER, type Locale } from "./config";

/** The request's locale (next-intl's, from lib/i18n/request.ts) with the BCP 47 tag lib/format.ts formats with. */
export async function requestLocale(): Promise<{ locale: Locale; tag: string }> {
  const l = await getLocale();
  const locale = isLocale(l) ? l : DEFAULT_LOCALE;
  return { locale, tag: INTL_LOCALES[locale] };
}

/** The public page's path without locale prefix (set by proxy.ts), for hreflang links and the untranslated notice. */
export async function requestPath(): Promise<string> {
  return (await headers()).get(PATH_HEADER) ?? "/";
}

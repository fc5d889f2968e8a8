import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_HEADER } from "./config";
import { MESSAGES } from "./messages";

/**
 * next-intl's request configuration (named in next.config.ts), for server components: the locale comes from the
 * header proxy.ts sets on every request (next-intl "without i18n routing"; proxy.ts overwrites any value a client
 * sends). Dates in the data are Seattle wall-clock times stored as UTC, hence the UTC time zone (lib/format.ts).
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  const requested = explicit ?? (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});

import { createTranslator } from "next-intl";
import type { Locale } from "./config";
import en from "./messages/en.json" with { type: "json" };
import es from "./messages/es.json" with { type: "json" };

/**
 * The catalogues, one JSON file per locale with the same keys (tests/unit/i18n/catalogues.test.ts). Public pages
 * only: the staff area stays English and none of its strings belong here. Server-only by use: pages translate on the
 * server and hand client components plain strings, so no catalogue reaches the browser.
 */
export const MESSAGES: Record<Locale, typeof en> = { en, es };

/**
 * A message function over one namespace, for pure modules that write text (e.g. lib/pipeline/home-figures.ts).
 * Pass years and codes as strings: ICU formats a number argument with grouping (2024 -> "2,024").
 */
export type Say = (key: string, values?: Record<string, string | number>) => string;

/** next-intl's translator outside React (same messages and ICU syntax as getTranslations). */
export function translator(locale: Locale, namespace: string): Say {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never });
  return (key, values) => (t as unknown as Say)(key, values);
}

"use client";

import { usePathname, useSearchParams } from "next/navigation";
import type { Locale } from "@/lib/i18n/config";
import { splitLocale, switchPath } from "@/lib/i18n/routing";

/**
 * The header's language link: the same page and query string (the filters) in the other language. A client
 * component only because the root layout, which holds the header, is not rendered again on client-side navigations:
 * the address is read from the router. The words come translated from the server. A plain <a>, not next/link: a
 * change of language loads the page as a document (the layout, `lang` and the header change with it), and proxy.ts
 * records the choice in the locale cookie.
 */
export function LanguageSwitch({ to, label, hint }: { to: Locale; label: string; hint: string }) {
  const { path } = splitLocale(usePathname() ?? "/");
  const search = useSearchParams()?.toString() ?? "";
  const href = switchPath(to, path, search ? `?${search}` : "");
  return (
    <a className="lang-switch" href={href} hrefLang={to} data-testid="language-switch">
      <span className="visually-hidden">{hint}: </span>
      <span lang={to}>{label}</span>
    </a>
  );
}

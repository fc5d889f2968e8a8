import { describe, expect, it } from "vitest";
import { pageCacheKey } from "@/lib/http/page-cache";
import { routeLocale, type LocaleRequest } from "@/lib/i18n/route-request";
import { hreflangAlternates, isLocalizable, localePath, splitLocale, switchPath } from "@/lib/i18n/routing";
import { isTranslated, layoutVariant, TRANSLATED_PAGES } from "@/lib/i18n/translated";

const doc = (pathname: string, extra: Partial<LocaleRequest> = {}): LocaleRequest => ({
  method: "GET",
  pathname,
  search: "",
  cookie: undefined,
  document: true,
  router: false,
  refererPath: null,
  ...extra,
});

describe("locale addresses", () => {
  it("splits the prefix off public paths and keeps English unprefixed", () => {
    expect(splitLocale("/es/crisis")).toEqual({ prefix: "es", path: "/crisis" });
    expect(splitLocale("/es")).toEqual({ prefix: "es", path: "/" });
    expect(splitLocale("/en/data")).toEqual({ prefix: "en", path: "/data" });
    expect(splitLocale("/crisis")).toEqual({ prefix: null, path: "/crisis" });
    expect(splitLocale("/essays")).toEqual({ prefix: null, path: "/essays" });
    expect(splitLocale("/es//evil.example").path).toBe("/evil.example");
  });

  it("prefixes links to public pages only", () => {
    expect(localePath("es", "/")).toBe("/es");
    expect(localePath("es", "/crisis?year=2020#chart")).toBe("/es/crisis?year=2020#chart");
    expect(localePath("es", "/?x=1")).toBe("/es?x=1");
    expect(localePath("en", "/crisis")).toBe("/crisis");
    for (const p of ["/staff", "/staff/sign-in", "/api/v1/charts", "/embed/x", "/feeds/notes.atom"]) {
      expect(isLocalizable(p)).toBe(false);
      expect(localePath("es", p)).toBe(p);
    }
    expect(localePath("es", "https://example.org/")).toBe("https://example.org/");
  });

  it("switches language on the same page and filters; English through /en so the choice is recorded", () => {
    expect(switchPath("es", "/crisis", "?precinct=North&year=2020")).toBe("/es/crisis?precinct=North&year=2020");
    expect(switchPath("en", "/crisis", "?precinct=North")).toBe("/en/crisis?precinct=North");
    expect(switchPath("en", "/", "")).toBe("/en");
    expect(switchPath("es", "/", "")).toBe("/es");
  });

  it("lists hreflang alternates with x-default on the English address", () => {
    expect(hreflangAlternates("/crisis")).toEqual({ en: "/crisis", es: "/es/crisis", "x-default": "/crisis" });
    expect(hreflangAlternates("/")).toEqual({ en: "/", es: "/es", "x-default": "/" });
  });
});

describe("proxy.ts's locale decision", () => {
  it("rewrites /es/... to the route, with the locale, and records the locale in the cookie on page loads", () => {
    expect(routeLocale(doc("/es/crisis", { search: "?year=2020" }))).toEqual({
      kind: "forward",
      locale: "es",
      path: "/crisis",
      rewrite: true,
      cookie: "es",
    });
    expect(routeLocale(doc("/es/crisis", { cookie: "es" }))).toMatchObject({ kind: "forward", cookie: undefined });
    // a prefetch or router fetch never changes the cookie (next-intl's syncCookie rule)
    expect(routeLocale(doc("/es/crisis", { document: false, router: true, refererPath: "/es/data" }))).toMatchObject({
      kind: "forward",
      cookie: undefined,
    });
  });

  it("English: /en/... redirects to the unprefixed address and records the choice", () => {
    expect(routeLocale(doc("/en/crisis", { search: "?year=2020", cookie: "es" }))).toEqual({
      kind: "redirect",
      to: "/crisis?year=2020",
      cookie: "en",
    });
    expect(routeLocale(doc("/en"))).toEqual({ kind: "redirect", to: "/", cookie: "en" });
  });

  it("an English address stays English unless the reader chose another language (cookie), whatever the browser", () => {
    expect(routeLocale(doc("/crisis"))).toEqual({ kind: "forward", locale: "en", path: "/crisis", rewrite: false });
    expect(routeLocale(doc("/crisis", { cookie: "en" }))).toMatchObject({ kind: "forward", locale: "en" });
    expect(routeLocale(doc("/crisis", { cookie: "es", search: "?year=2020" }))).toEqual({
      kind: "redirect",
      to: "/es/crisis?year=2020",
    });
    expect(routeLocale(doc("/", { cookie: "es" }))).toEqual({ kind: "redirect", to: "/es" });
    // not for the staff area, the API, a POST or a cookie naming no locale
    expect(routeLocale(doc("/staff", { cookie: "es" }))).toMatchObject({ kind: "forward", locale: "en" });
    expect(routeLocale(doc("/api/v1/charts", { cookie: "es" }))).toMatchObject({ kind: "forward" });
    expect(routeLocale(doc("/crisis", { cookie: "es", method: "POST" }))).toMatchObject({ kind: "forward" });
    expect(routeLocale(doc("/crisis", { cookie: "xx" }))).toMatchObject({ kind: "forward", locale: "en" });
  });

  it("prefixed non-public addresses go to their one English address", () => {
    expect(routeLocale(doc("/es/staff/sign-in"))).toEqual({ kind: "redirect", to: "/staff/sign-in" });
    expect(routeLocale(doc("/es/api/v1/charts"))).toEqual({ kind: "redirect", to: "/api/v1/charts" });
  });

  it("a client-side navigation to another root layout becomes a page load", () => {
    const nav = (to: string, from: string) =>
      routeLocale(doc(to, { document: false, router: true, refererPath: from }));
    expect(nav("/es/crisis", "/crisis")).toEqual({ kind: "reload" });
    expect(nav("/crisis", "/es")).toEqual({ kind: "reload" });
    expect(nav("/staff/sign-in", "/es")).toEqual({ kind: "reload" });
    expect(nav("/crisis", "/data")).toMatchObject({ kind: "forward" });
    expect(nav("/es", "/es")).toMatchObject({ kind: "forward" });
    // translated and untranslated pages under /es have different layouts (the notice)
    const untranslated = "/es/releases";
    expect(isTranslated("/releases")).toBe(false);
    expect(nav(untranslated, "/es")).toEqual({ kind: "reload" });
    expect(layoutVariant("/es")).toBe("es");
    expect(layoutVariant(untranslated)).toBe("es:untranslated");
    expect(layoutVariant("/releases")).toBe("en");
  });

  it("lists only real public pages as translated", () => {
    expect(TRANSLATED_PAGES).toContain("/");
    for (const p of TRANSLATED_PAGES) expect(isLocalizable(p)).toBe(true);
  });
});

describe("the response cache key includes the locale", () => {
  it("keeps /es/... and the English page apart, with the same filters", () => {
    const key = (u: string) => pageCacheKey("GET", new URL(u, "http://127.0.0.1"), new Headers());
    expect(key("/es/crisis?year=2020&precinct=North")).toBe("/es/crisis?precinct=North&year=2020");
    expect(key("/crisis?year=2020&precinct=North")).toBe("/crisis?precinct=North&year=2020");
    expect(key("/es")).not.toBe(key("/"));
    // the locale cookie does not bypass the cache (it is not a session)
    expect(pageCacheKey("GET", new URL("http://127.0.0.1/es"), new Headers({ cookie: "NEXT_LOCALE=es" }))).toBe("/es");
  });
});

import { NextResponse, type NextRequest } from "next/server";
import { databaseHealth } from "@/lib/db/health";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "@/lib/http/errors";
import { isExtractApi, rateLimit } from "@/lib/http/extract-rate-limit";
import { isInternalRender, markedHeaders, serveCachedPage } from "@/lib/http/serve-cached-page";
import { serverActionGuard } from "@/lib/http/server-action-guard";
import { unavailableApiResponse, unavailablePageResponse } from "@/lib/http/unavailable";
import { LOCALE_COOKIE, LOCALE_HEADER, PATH_HEADER, type Locale } from "@/lib/i18n/config";
import { routeLocale, type LocaleDecision } from "@/lib/i18n/route-request";

/**
 * Runs before routing (Next.js 16 "proxy", Node.js runtime). Guards that pages cannot provide themselves:
 * - a path with a broken %-escape (e.g. /api/v1/charts/%E0%A4) is answered 400 here, because Next.js's own routing
 *   would fail to decode it and answer 500;
 * - a server-action POST with an empty, malformed or cross-site Origin is answered 403, one with a malformed body
 *   400 (Next.js would answer 500);
 * - while the database is locked or down (a cached probe, lib/db/health.ts), every request is answered 503 with
 *   Retry-After: a friendly page for people, the API error shape for clients. Error pages (app/error.tsx) cannot
 *   set a status, so this is where the 503 comes from. Requests pass again as soon as the probe succeeds;
 * and one shortcut: public pages and public API answers come from the response cache (lib/http/page-cache.ts),
 * keyed by the content stamp the same probe reads, so each renders once per data change instead of once per reader;
 * and the locale (lib/i18n/route-request.ts): /es/... is rewritten to the same route with the locale in a request
 * header (English keeps its addresses). The cache is keyed by the address as sent, so /es/crisis and /crisis are two
 * entries (the key includes the locale), and its loopback renders pass through here and get the same rewrite.
 * Authorization is NOT done here: it lives in the data access layer (docs/staff-area.md).
 */
const isApi = (pathname: string) => pathname.startsWith("/api/") || pathname.startsWith("/staff/api/");

function undecodable(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return false;
  } catch {
    return true;
  }
}

const ONE_YEAR_S = 365 * 24 * 3600;
const cookieLine = (locale: Locale) => `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;

function localeOf(request: NextRequest, rawPath: string): LocaleDecision {
  const referer = request.headers.get("referer");
  let refererPath: string | null = null;
  try {
    const r = referer ? new URL(referer) : null;
    // Against the Host header: nextUrl names 127.0.0.1 "localhost".
    const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host"), request.nextUrl.host];
    if (r && hosts.includes(r.host)) refererPath = r.pathname;
  } catch {
    refererPath = null;
  }
  const dest = request.headers.get("sec-fetch-dest");
  const router = request.headers.has("rsc") || request.nextUrl.searchParams.has("_rsc");
  return routeLocale({
    method: request.method,
    pathname: rawPath,
    search: request.nextUrl.search,
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    document: dest ? dest === "document" : !router,
    router,
    refererPath,
  });
}

/** Hands the request to Next.js with its locale and unprefixed path in headers (set here, never taken from a client). */
function forward(request: NextRequest, d: Extract<LocaleDecision, { kind: "forward" }>, base = request.headers) {
  const headers = new Headers(base);
  headers.set(LOCALE_HEADER, d.locale);
  headers.set(PATH_HEADER, d.path);
  const response = d.rewrite
    ? NextResponse.rewrite(new URL(`${d.path}${request.nextUrl.search}`, request.url), { request: { headers } })
    : NextResponse.next({ request: { headers } });
  return withCookie(response, d.cookie);
}

function withCookie<R extends Response>(response: R, locale: Locale | undefined): R {
  if (locale) response.headers.append("set-cookie", cookieLine(locale));
  return response;
}

export async function proxy(request: NextRequest): Promise<Response> {
  // request.url keeps the path exactly as sent (still %-encoded).
  const rawPath = new URL(request.url).pathname;
  if (undecodable(rawPath)) {
    const message =
      "The address contains a malformed %-escape (each % must be followed by two hex digits of valid UTF-8).";
    if (isApi(rawPath)) return apiError(new AppError("bad_request", message));
    return new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // Malformed or cross-site server actions: 403 / 400 instead of Next.js's 500 (lib/http/server-action-guard.ts).
  const refused = await serverActionGuard(request, rawPath, isApi(rawPath));
  if (refused) return refused;
  const locale = localeOf(request, rawPath);
  // An absolute Location (Next.js parses it, and makes it relative when it names this origin).
  if (locale.kind === "redirect")
    return withCookie(NextResponse.redirect(new URL(locale.to, request.url), 307), locale.cookie);
  // A client-side navigation to a page with another root layout: no body, so the router loads it as a document.
  if (locale.kind === "reload") return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  const health = await databaseHealth();
  if (!health.ok) return isApi(rawPath) ? unavailableApiResponse() : unavailablePageResponse();
  // The response cache's own render: never a cookie (an answer that sets one is not kept).
  if (isInternalRender(request.headers)) return forward(request, { ...locale, cookie: undefined });
  // The extract API's rate limit comes before the cache, so that a cached answer counts like a rendered one.
  const extract = isExtractApi(rawPath);
  const limited = extract ? rateLimit(request) : null;
  if (limited) return limited;
  const cached = await serveCachedPage(request, health.contentStamp);
  if (cached) return withCookie(cached, locale.cookie);
  // Counted here already: the mark (this process's secret token) tells the route not to count it again.
  return forward(request, locale, extract ? markedHeaders(request.headers) : request.headers);
}

export const config = {
  // Everything except build assets (they never touch the database).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

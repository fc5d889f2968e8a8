import { NextResponse, type NextRequest } from "next/server";
import { databaseHealth } from "@/lib/db/health";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "@/lib/http/errors";
import { isExtractApi, rateLimit } from "@/lib/http/extract-rate-limit";
import { isInternalRender, markedHeaders, serveCachedPage } from "@/lib/http/serve-cached-page";
import { serverActionGuard } from "@/lib/http/server-action-guard";
import { unavailableApiResponse, unavailablePageResponse } from "@/lib/http/unavailable";

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
 * keyed by the content stamp the same probe reads, so each renders once per data change instead of once per reader.
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
  const health = await databaseHealth();
  if (!health.ok) return isApi(rawPath) ? unavailableApiResponse() : unavailablePageResponse();
  if (isInternalRender(request.headers)) return NextResponse.next();
  // The extract API's rate limit comes before the cache, so that a cached answer counts like a rendered one.
  const extract = isExtractApi(rawPath);
  const limited = extract ? rateLimit(request) : null;
  if (limited) return limited;
  const cached = await serveCachedPage(request, health.contentStamp);
  if (cached) return cached;
  // Counted here already: the mark (this process's secret token) tells the route not to count it again.
  return extract ? NextResponse.next({ request: { headers: markedHeaders(request.headers) } }) : NextResponse.next();
}

export const config = {
  // Everything except build assets (they never touch the database).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

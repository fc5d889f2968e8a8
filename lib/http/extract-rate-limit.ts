import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "./errors";
import { clientAddress, tokenBucket, type RateLimiter } from "./rate-limit";

/**
 * The extract API's per-client limit (EXTRACT_RATE_LIMIT_PER_MIN). proxy.ts applies it to every request under
 * /api/v1/extracts/, before the response cache, so a cached answer counts like a rendered one; the routes apply it
 * again only to requests that did not come through proxy.ts (lib/extracts/resolve.ts). No "server-only" import:
 * proxy.ts is not a React server module.
 */
// On globalThis: proxy.ts and the route handlers are bundled separately but must share one set of buckets.
const KEY = Symbol.for("portal.extractLimiter");
const store = globalThis as unknown as Record<symbol, RateLimiter | undefined>;

function extractLimiter(): RateLimiter {
  const perMinute = env().EXTRACT_RATE_LIMIT_PER_MIN;
  const current = store[KEY];
  if (current && current.perMinute === perMinute) return current;
  return (store[KEY] = tokenBucket(perMinute));
}

export const isExtractApi = (pathname: string) => pathname.startsWith("/api/v1/extracts/");

/** null when the client may go on; else the rate_limited error (with when to try again). */
export function rateLimitError(request: Request): AppError | null {
  const limiter = extractLimiter();
  const decision = limiter.take(clientAddress(request));
  if (decision.ok) return null;
  return new AppError(
    "rate_limited",
    `Too many requests: at most ${limiter.perMinute} extract requests a minute per client. Try again in ${decision.retryAfterSeconds} s.`,
    { retryAfterSeconds: decision.retryAfterSeconds },
  );
}

/** null when the client may go on; else the 429 answer with Retry-After. */
export function rateLimit(request: Request): Response | null {
  const limited = rateLimitError(request);
  return limited ? apiError(limited) : null;
}

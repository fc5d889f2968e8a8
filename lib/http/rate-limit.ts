/**
 * A per-client token bucket kept in memory. It is PER INSTANCE: with several app instances each allows the full
 * rate, which is acceptable for protecting one server from one busy client (a shared limit would need a shared
 * store). The client address is the same one the sign-in throttle and the audit log use (lib/auth/request-context.ts:
 * the right-most X-Forwarded-For entry, added by the hop closest to the app), so a client cannot pick its own key by
 * sending a forged header.
 */
import { contextFromHeaders } from "@/lib/auth/request-context";

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, now?: number): RateDecision;
  readonly perMinute: number;
}

export function tokenBucket(perMinute: number, maxClients = 10_000): RateLimiter {
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function prune(now: number) {
    // Buckets that have refilled completely carry no state worth keeping; this bounds memory under many clients.
    for (const [key, b] of buckets) if (b.tokens + (now - b.at) * refillPerMs >= perMinute) buckets.delete(key);
    if (buckets.size >= maxClients) buckets.clear();
  }

  return {
    perMinute,
    take(key, now = Date.now()) {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxClients) prune(now);
        b = { tokens: perMinute, at: now };
        buckets.set(key, b);
      }
      b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * refillPerMs);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true, remaining: Math.floor(b.tokens) };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / refillPerMs / 1000)) };
    },
  };
}

/** The client's address (right-most X-Forwarded-For hop, else x-real-ip); unparseable ones share one "unknown" bucket. */
export function clientAddress(request: Request): string {
  return contextFromHeaders(request.headers).ip;
}

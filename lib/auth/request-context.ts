import { env } from "@/lib/env";
import { peerAddress } from "./peer-address";

/**
 * Where a request came from, for throttling, rate limits and the audit log.
 *
 * X-Forwarded-For is set by whoever sends the request, so it is trusted only as far as TRUST_PROXY says: with
 * TRUST_PROXY=n (n reverse proxies in front of the app, each appending the address it received from), the client
 * is the n-th entry from the right; with 0 (the default: no proxy), the header is ignored and the client is the
 * socket's peer (lib/auth/peer-address.ts). Per-account lockout never depends on it.
 */
export interface RequestContext {
  ip: string;
  userAgent: string | null;
}

export const NO_REQUEST: RequestContext = { ip: "none", userAgent: null };

function normaliseIp(raw: string | null | undefined): string {
  const ip = (raw ?? "").trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip.toLowerCase() : "unknown";
}

export function contextFromHeaders(headers: Pick<Headers, "get">, trustProxy = env().TRUST_PROXY): RequestContext {
  return { ip: clientIp(headers, trustProxy), userAgent: headers.get("user-agent")?.slice(0, 300) ?? null };
}

function clientIp(headers: Pick<Headers, "get">, trustProxy: number): string {
  const peer = peerAddress(headers);
  if (trustProxy === 0) return normaliseIp(peer);
  const forwarded =
    headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  // Each trusted proxy appended one entry; with fewer entries than proxies, the furthest one there is.
  if (forwarded.length === 0) return normaliseIp(peer);
  return normaliseIp(forwarded[Math.max(0, forwarded.length - trustProxy)]);
}

/** The current request's context inside a server component, action or route handler; NO_REQUEST elsewhere. */
export async function currentRequestContext(): Promise<RequestContext> {
  try {
    const { headers } = await import("next/headers");
    return contextFromHeaders(await headers());
  } catch {
    return NO_REQUEST;
  }
}

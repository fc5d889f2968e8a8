/**
 * Where a request came from, for throttling and the audit log.
 *
 * The address is the right-most X-Forwarded-For entry: the one added by the hop closest to the app. Next.js sets
 * the header to the socket address when a request arrives without one; behind a reverse proxy, that proxy must
 * append the client address (nginx: `proxy_add_x_forwarded_for`). Per-account lockout never depends on it.
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

export function contextFromHeaders(headers: Pick<Headers, "get">): RequestContext {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return {
    ip: normaliseIp(forwarded?.at(-1) ?? headers.get("x-real-ip")),
    userAgent: headers.get("user-agent")?.slice(0, 300) ?? null,
  };
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

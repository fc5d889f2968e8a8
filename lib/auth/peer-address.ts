/**
 * The TCP peer of the current request, as the server saw it. Next.js does not hand route handlers the socket, and
 * it only fills X-Forwarded-For with the socket address when the client sent none, so a client could otherwise
 * choose its own address. lib/http/peer-address-hook.ts (installed by next.config.ts and instrumentation.ts in the
 * server process) writes the socket address into PEER_HEADER on every request, overwriting anything the client
 * sent; this module only reads it, and only when the hook is installed in this process. No Node imports: proxy.ts
 * reads it too.
 */
export const PEER_HEADER = "x-portal-peer-address";
const INSTALLED = Symbol.for("portal.peerAddressHook");

type Flagged = Record<symbol, boolean | undefined>;
export const peerHookInstalled = () => (globalThis as unknown as Flagged)[INSTALLED] === true;
export const markPeerHookInstalled = () => void ((globalThis as unknown as Flagged)[INSTALLED] = true);

/** The socket address of the request with these headers, or null when no hook vouches for it. */
export function peerAddress(headers: Pick<Headers, "get">): string | null {
  if (!peerHookInstalled()) return null;
  return headers.get(PEER_HEADER) || null;
}

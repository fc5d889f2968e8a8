import net from "node:net";
import type { IncomingMessage } from "node:http";
// Relative, not "@/": next.config.ts loads this file before the path aliases exist.
import { markPeerHookInstalled, PEER_HEADER, peerHookInstalled } from "../auth/peer-address";

/**
 * Stamps every HTTP(S) request this process serves with its socket address (PEER_HEADER), before Next.js sees it.
 * http.Server and https.Server both emit "request" through net.Server's emit; patching it once covers the server
 * `next start` creates without replacing `next start`. Idempotent.
 */
export function installPeerAddressHook(): void {
  if (peerHookInstalled()) return;
  const proto = net.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: net.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      // Overwrites a client-sent value: only the socket decides.
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
  markPeerHookInstalled();
}

/**
 * Runs once when a Next.js server starts: checks the configuration (lib/env.ts, and AUTH_SECRET in production) so
 * that a wrong value stops `next start` with its message, instead of a server that answers every request with 500.
 * Also makes sure the socket address of each request is recorded (lib/http/peer-address-hook.ts).
 */
export async function register(): Promise<void> {
  // Only the Node.js server; `next build` loads this file too, and a build needs no runtime secret.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkServerConfig } = await import("@/lib/server-config");
  checkServerConfig();
  // Normally already installed by next.config.ts, which loads first; the client address depends on it.
  const { installPeerAddressHook } = await import("@/lib/http/peer-address-hook");
  installPeerAddressHook();
}

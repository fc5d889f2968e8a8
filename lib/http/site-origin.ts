import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The site's origin as the reader addressed it, for absolute links a server component writes (the Share tab's
 * iframe snippet and citation, Open Graph tags). Host as sent (the response cache forwards it and keys on it,
 * lib/http/serve-cached-page.ts); https when FORCE_HTTPS=1 or a trusted proxy says so (TRUST_PROXY).
 */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const e = env();
  const forwarded = e.TRUST_PROXY > 0 ? h.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const proto = e.FORCE_HTTPS === "1" || forwarded === "https" ? "https" : "http";
  return `${proto}://${h.get("host") ?? "localhost"}`;
}

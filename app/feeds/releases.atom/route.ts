import { getReleases } from "@/lib/dal/releases";
import { releasesAtom } from "@/lib/http/releases-feed";
import { publicRoute } from "@/lib/http/unavailable";

/** Atom feed of releases, linked from every page (<link rel="alternate">, app/layout.tsx). */
export const GET = publicRoute(async (request: Request) => {
  const xml = releasesAtom(await getReleases(), new URL(request.url).origin);
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
});

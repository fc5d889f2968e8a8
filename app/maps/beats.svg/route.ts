import { beatSpriteSvg } from "@/lib/charts/beat-map";
import { getBeatGeometry } from "@/lib/dal/charts";
import { publicRoute } from "@/lib/http/unavailable";

/**
 * `/maps/beats.svg?v=<hash>`: the SPD beat outlines the beat maps (components/beat-map.tsx) point into, so that a
 * page sends each map's geometry once instead of twice (HTML and RSC payload). Asked for with the current
 * boundary file's hash, the answer is immutable; any other `v` gets the current outlines, briefly cached.
 */
export const GET = publicRoute(async (request: Request) => {
  const geo = await getBeatGeometry();
  if (!geo)
    return new Response("The beat boundaries are not loaded.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const current = new URL(request.url).searchParams.get("v") === geo.sha256.slice(0, 12);
  return new Response(beatSpriteSvg(geo), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=60",
    },
  });
});

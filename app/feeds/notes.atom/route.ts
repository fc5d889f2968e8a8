import { notesAtomFeed } from "@/lib/annotations/feed";
import { getNotesPage } from "@/lib/dal/annotations";
import { publicRoute } from "@/lib/http/unavailable";

/** The corrections and notes as an Atom feed: published and retired notes, linked from every page's head. */
export const GET = publicRoute(async (request: Request) => {
  const { published, retired } = await getNotesPage();
  const xml = notesAtomFeed([...published, ...retired], { origin: new URL(request.url).origin });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
});

import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { NoteItem } from "@/components/annotations/note-item";
import { getNotesPage } from "@/lib/dal/annotations";

export const generateMetadata = pageMetadata("Corrections and notes", "/notes");

export default async function NotesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/notes", searchParams, getNotesPage);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const { published, retired } = page.data;
  return (
    <article className="explainer notes-page">
      <h1>Corrections and notes</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Numbers move for reasons the data does not carry: a policy change, a new reporting form, training suspended, a
        data outage. The portal team writes these notes; a second person reviews each before it is published. Notes
        appear on the charts they concern (as markers on the time axis and in the notes under the chart) and in the
        chart&apos;s data download. A note that no longer applies is retired: it leaves the charts but stays listed
        here.
      </p>
      <section aria-labelledby="current-notes">
        <h2 id="current-notes">Current notes ({published.length})</h2>
        {published.length === 0 ? (
          <p>No notes are published.</p>
        ) : (
          published.map((n) => <NoteItem key={n.id} note={n} anchor />)
        )}
      </section>
      <section aria-labelledby="retired-notes">
        <h2 id="retired-notes">Retired notes ({retired.length})</h2>
        {retired.length === 0 ? (
          <p>No note has been retired.</p>
        ) : (
          retired.map((n) => <NoteItem key={n.id} note={n} anchor />)
        )}
      </section>
      <p>
        How the figures are computed: <Link href={keepPin(page.frame, "/methodology")}>Methodology</Link>.
      </p>
    </article>
  );
}

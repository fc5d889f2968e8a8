import Link from "next/link";
import type { PublicNote } from "@/lib/annotations/model";
import { pageNoteAnchor } from "@/lib/charts/notes";
import { NoteItem } from "./note-item";

/** Site-wide and page notes, once per page, folded so that they do not push the figures down. Each has an id that the
 * chart blocks of the page link to (their markers and notes lists name these notes without repeating them). */
export function PageNotes({ notes }: { notes: PublicNote[] }) {
  if (notes.length === 0) return null;
  return (
    <aside className="page-notes" aria-label="Notes from the portal team" data-testid="page-notes">
      <details>
        <summary>Notes from the portal team on these figures ({notes.length})</summary>
        {notes.map((n) => (
          <NoteItem key={n.id} note={n} headingLevel={2} targetId={pageNoteAnchor(n.id)} />
        ))}
        <p>
          <Link href="/notes">All corrections and notes</Link>
        </p>
      </details>
    </aside>
  );
}

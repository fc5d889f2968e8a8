import Link from "next/link";
import type { PublicNote } from "@/lib/annotations/model";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";
import { localePath } from "@/lib/i18n/routing";
import { pageNoteAnchor } from "@/lib/charts/notes";
import { NoteItem } from "./note-item";

/** The frame's words in the reader's language (PageHead reads them from the catalogue: common.notes*). */
export interface PageNotesText {
  label: string;
  summary: string;
  allNotes: string;
}

/**
 * Site-wide and page notes, once per page, folded so that they do not push the figures down. The frame is in the
 * reader's language; the notes themselves are written by staff in English and marked so (lang) in other locales.
 * Each has an id that the chart blocks of the page link to (their markers and notes lists name these notes without
 * repeating them).
 */
export function PageNotes({ notes, text, locale }: { notes: PublicNote[]; text: PageNotesText; locale: Locale }) {
  if (notes.length === 0) return null;
  const notesLang = locale === DEFAULT_LOCALE ? undefined : DEFAULT_LOCALE;
  return (
    <aside className="page-notes" aria-label={text.label} data-testid="page-notes" lang={locale}>
      <details>
        <summary>{text.summary}</summary>
        <div lang={notesLang}>
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} headingLevel={2} targetId={pageNoteAnchor(n.id)} />
          ))}
        </div>
        <p>
          <Link href={localePath(locale, "/notes")}>{text.allNotes}</Link>
        </p>
      </details>
    </aside>
  );
}

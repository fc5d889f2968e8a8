import { inPageHead, notesUnderChart, pageNoteAnchor } from "@/lib/charts/notes";
import type { ChartData } from "@/lib/charts/types";
import { NoteItem } from "./note-item";

/**
 * The notes list under a chart block: notes marked on its time axis and notes aimed at this chart or its data.
 * Site-wide and page notes are listed in full once, in the page head (PageNotes); here they are only named, with a
 * link to them there, so that their text is not sent again with every chart of the page.
 */
export function ChartNotes({ chart }: { chart: ChartData }) {
  const notes = notesUnderChart(chart);
  if (notes.length === 0) return null;
  const own = notes.filter((n) => !inPageHead(n));
  const head = notes.filter(inPageHead);
  return (
    <details className="chart-notes" data-testid="chart-notes">
      <summary>Notes on this chart ({notes.length})</summary>
      <div className="chart-notes__list">
        {own.map((n) => (
          <NoteItem key={n.id} note={n} headingLevel={3} />
        ))}
        {head.length > 0 && (
          <ul className="chart-notes__refs" data-testid="chart-note-refs">
            {head.map((n) => (
              <li key={n.id} data-note={n.id}>
                <a href={`#${pageNoteAnchor(n.id)}`}>{n.title}</a> ({n.dateLabel}): in the notes at the top of this page
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

import { notesUnderChart } from "@/lib/charts/notes";
import type { ChartData } from "@/lib/charts/types";
import { NoteItem } from "./note-item";

/** The notes list under a chart block: notes marked on its time axis and notes aimed at this chart or its data. */
export function ChartNotes({ chart }: { chart: ChartData }) {
  const notes = notesUnderChart(chart);
  if (notes.length === 0) return null;
  return (
    <details className="chart-notes" data-testid="chart-notes">
      <summary>Notes on this chart ({notes.length})</summary>
      <div className="chart-notes__list">
        {notes.map((n) => (
          <NoteItem key={n.id} note={n} headingLevel={3} />
        ))}
      </div>
    </details>
  );
}

import type { PublicNote } from "@/lib/annotations/model";
import { NoteBody } from "./note-body";
import { safeNoteUrl } from "./note-body";

/**
 * One published (or retired) note: title, kind, date, body and source. `anchor` makes it the note's link target on
 * /notes (`note-<id>`); `targetId` gives it another id (the page head's copy, that chart blocks link to).
 */
export function NoteItem({
  note,
  headingLevel = 3,
  anchor = false,
  targetId,
}: {
  note: PublicNote;
  headingLevel?: 2 | 3 | 4;
  anchor?: boolean;
  targetId?: string;
}) {
  const Heading = (["h2", "h3", "h4"] as const)[headingLevel - 2]!;
  const sourceUrl = note.sourceUrl ? safeNoteUrl(note.sourceUrl) : "";
  const source = note.sourceLabel ? (
    <>
      {sourceUrl ? (
        <a href={sourceUrl} rel="nofollow noopener noreferrer">
          {note.sourceLabel}
        </a>
      ) : (
        note.sourceLabel
      )}
    </>
  ) : null;
  return (
    <article
      className={`note note--${note.kind}${note.state === "retired" ? " note--retired" : ""}`}
      id={anchor ? `note-${note.id}` : targetId}
      data-note={note.id}
    >
      <Heading className="note__title">{anchor ? note.title : <a href={note.href}>{note.title}</a>}</Heading>
      <p className="note__meta">
        <span className="badge badge--note">{note.kindLabel}</span>{" "}
        <span data-testid="note-date">{note.dateLabel}</span>
        <span aria-hidden="true"> · </span>
        <span>{note.scopeLabel}</span>
        {note.state === "retired" && note.retiredAt && (
          <>
            <span aria-hidden="true"> · </span>
            <strong>Retired {note.retiredAt.slice(0, 10)}</strong>
          </>
        )}
      </p>
      <NoteBody markdown={note.body} />
      {note.seeded ? (
        <p className="note__source">Context note from the portal team, sourced: {source ?? "see the methodology"}.</p>
      ) : (
        source && <p className="note__source">Source: {source}.</p>
      )}
    </article>
  );
}

import type { PublicNote } from "./model";

/**
 * The notes as the public saw them at one moment: a release's creation (issue 18, pinned pages). A note was
 * published then when it had been published at or before that moment and not yet retired; it was listed as retired
 * when its retirement came at or before it. Anything later (published after, retired after) is turned back: a
 * note published a minute after the release is left out, and one retired after it is shown as published, so a page
 * pinned to a release never shows a note that arrived or left later. A published note without a publication date
 * (rows from before the date was kept) is taken as published, as its release's snapshot recorded it.
 */
export function notesAt(notes: readonly PublicNote[], at: string | Date): PublicNote[] {
  const t = new Date(at).getTime();
  const by = (iso: string | null) => iso !== null && new Date(iso).getTime() <= t;
  const out: PublicNote[] = [];
  for (const n of notes) {
    if (n.publishedAt !== null && !by(n.publishedAt)) continue;
    if (n.state === "retired" && !by(n.retiredAt)) {
      // Retired later: it was still published at `at` (when it has a publication date to prove it).
      if (n.publishedAt !== null) out.push({ ...n, state: "published", retiredAt: null });
      continue;
    }
    out.push(n);
  }
  return out;
}

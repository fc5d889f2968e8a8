import type { PublicNote } from "./model";

/**
 * The public notes as an Atom feed (RFC 4287): one entry per published or retired note, so that readers and
 * newsrooms learn of a correction without watching the page. Built from PublicNote only, which carries no staff
 * data (no author, reviewer or review comment): what the public notes page shows, nothing more.
 */
const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 forbids (control characters other than tab and newlines) would make the feed unreadable.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

/** When a note last changed for a reader: its retirement, else its publication (seeded notes: their date). */
export const noteUpdated = (n: PublicNote): string =>
  n.retiredAt ?? n.publishedAt ?? (n.dateStart ? `${n.dateStart}T00:00:00.000Z` : "1970-01-01T00:00:00.000Z");

export interface FeedOptions {
  /** e.g. "https://portal.example.org" (no trailing slash): entry links and ids are absolute, as Atom requires. */
  origin: string;
  title?: string;
}

export function notesAtomFeed(notes: readonly PublicNote[], { origin, title }: FeedOptions): string {
  const entries = [...notes].sort((a, b) => noteUpdated(b).localeCompare(noteUpdated(a)) || b.id - a.id);
  const updated = entries[0] ? noteUpdated(entries[0]) : "1970-01-01T00:00:00.000Z";
  const feedUrl = `${origin}/feeds/notes.atom`;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <title>${esc(title ?? "Corrections and notes · Crisis Response & Use of Force")}</title>`,
    `  <subtitle>Published and retired notes on the portal's figures: policy and data changes, corrections.</subtitle>`,
    `  <id>${esc(feedUrl)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${esc(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${esc(`${origin}/notes`)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>The portal team</name></author>`,
  ];
  for (const n of entries) {
    const link = `${origin}${n.href}`;
    const retired = n.state === "retired";
    const summary = [
      `${n.kindLabel} · ${n.scopeLabel} · ${n.dateLabel}.`,
      retired && n.retiredAt
        ? `Retired on ${n.retiredAt.slice(0, 10)}: kept for the record, no longer shown on charts.`
        : "",
      n.sourceLabel ? `Source: ${n.sourceLabel}${n.sourceUrl ? ` (${n.sourceUrl})` : ""}.` : "",
    ]
      .filter(Boolean)
      .join(" ");
    lines.push(
      `  <entry>`,
      `    <title>${esc(`${retired ? "Retired: " : ""}${n.title}`)}</title>`,
      `    <id>${esc(link)}</id>`,
      `    <link rel="alternate" type="text/html" href="${esc(link)}"/>`,
      `    <updated>${noteUpdated(n)}</updated>`,
      ...(n.publishedAt ? [`    <published>${n.publishedAt}</published>`] : []),
      `    <category term="${retired ? "retired" : "published"}"/>`,
      `    <category term="${esc(n.kind)}" label="${esc(n.kindLabel)}"/>`,
      `    <summary type="text">${esc(summary)}</summary>`,
      `    <content type="text">${esc(n.body)}</content>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

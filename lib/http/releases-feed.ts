import type { ReleaseSummaryDto } from "@/lib/dal/releases";

/**
 * The Atom feed of releases (RFC 4287): one entry per release, its changelog lines as the summary, newest first.
 * Entry ids are tag URIs of the release number, so they stay the same whatever host serves the feed.
 */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function releasesAtom(releases: ReleaseSummaryDto[], origin: string): string {
  const updated = releases[0]?.createdAt ?? new Date(0).toISOString();
  const entries = releases.map(
    (r) => `  <entry>
    <id>tag:crisis-portal,2026:release:${esc(r.number)}</id>
    <title>Release ${esc(r.number)}</title>
    <updated>${r.createdAt}</updated>
    <link rel="alternate" type="text/html" href="${esc(`${origin}/releases/${r.number}`)}"/>
    <summary type="text">${esc(r.lines.join("\n"))}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(`${origin}/releases`)}</id>
  <title>Crisis Response &amp; Use of Force: releases</title>
  <subtitle>Every numbered release of the published figures, with its changelog computed from the data</subtitle>
  <updated>${updated}</updated>
  <author><name>Crisis Response &amp; Use of Force portal</name></author>
  <link rel="self" type="application/atom+xml" href="${esc(`${origin}/feeds/releases.atom`)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${origin}/releases`)}"/>
${entries.join("\n")}
</feed>
`;
}

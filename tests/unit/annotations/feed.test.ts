import { describe, expect, it } from "vitest";
import { notesAtomFeed, noteUpdated } from "@/lib/annotations/feed";
import type { PublicNote } from "@/lib/annotations/model";

const note = (over: Partial<PublicNote>): PublicNote => ({
  id: 1,
  state: "published",
  title: "CIT training paused",
  body: "Training was suspended in 2020 & resumed <later>.",
  kind: "policy_change",
  kindLabel: "Policy change",
  scopeKind: "site",
  scopeTarget: "",
  scopeLabel: "Whole site",
  dateStart: "2020-03-23",
  dateEnd: null,
  dateLabel: "23 Mar 2020",
  sourceLabel: "SPD",
  sourceUrl: "https://example.org/src",
  seeded: false,
  publishedAt: "2026-11-01T10:00:00.000Z",
  retiredAt: null,
  href: "/notes#note-1",
  ...over,
});

/** A small XML well-formedness check: every element closed in order, attributes quoted, no stray "&" or "<". */
function elements(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: { name: string; attrs: Record<string, string>; start: number }[] = [];
  const out: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    expect(between).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot);)/);
    last = tag.lastIndex;
    const attrs = Object.fromEntries([...m[3]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    if (m[1]) {
      const open = stack.pop();
      expect(open?.name).toBe(m[2]);
      out.push({ name: open!.name, attrs: open!.attrs, text: body.slice(open!.start, m.index) });
    } else if (m[4]) out.push({ name: m[2]!, attrs, text: "" });
    else stack.push({ name: m[2]!, attrs, start: tag.lastIndex });
  }
  expect(stack).toEqual([]);
  expect(body.slice(last).trim()).toBe("");
  return out;
}

describe("notes Atom feed", () => {
  const notes = [
    note({}),
    note({
      id: 2,
      state: "retired",
      title: "Old correction",
      kind: "correction",
      kindLabel: "Correction",
      retiredAt: "2026-11-20T09:00:00.000Z",
      href: "/notes#note-2",
    }),
    note({
      id: 3,
      title: "Seeded context",
      seeded: true,
      publishedAt: null,
      dateStart: "2012-07-27",
      href: "/notes#note-3",
    }),
  ];
  const xml = notesAtomFeed(notes, { origin: "https://portal.example" });
  const els = elements(xml);
  const entries = els.filter((e) => e.name === "entry");

  it("is well-formed Atom with a self link, an id and the latest change as its updated time", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    // the feed's own elements come before the first entry
    expect(/<id>([^<]+)<\/id>/.exec(xml)![1]).toBe("https://portal.example/feeds/notes.atom");
    expect(els.find((e) => e.name === "link" && e.attrs.rel === "self")?.attrs.href).toBe(
      "https://portal.example/feeds/notes.atom",
    );
    // feed <updated> is the newest entry's: the retirement on 20 Nov
    expect(/<updated>([^<]+)<\/updated>/.exec(xml)![1]).toBe("2026-11-20T09:00:00.000Z");
  });

  it("has one entry per published or retired note, newest change first, linking to its place on /notes", () => {
    expect(entries).toHaveLength(3);
    const ids = entries.map((e) => /<id>([^<]+)<\/id>/.exec(e.text)![1]);
    expect(ids).toEqual([
      "https://portal.example/notes#note-2",
      "https://portal.example/notes#note-1",
      "https://portal.example/notes#note-3",
    ]);
    expect(entries[0]!.text).toContain("<title>Retired: Old correction</title>");
    expect(entries[0]!.text).toContain('<category term="retired"/>');
    expect(entries[0]!.text).toContain("Retired on 2026-11-20");
    expect(entries[1]!.text).toContain("<published>2026-11-01T10:00:00.000Z</published>");
    expect(entries[1]!.text).toContain(
      '<link rel="alternate" type="text/html" href="https://portal.example/notes#note-1"/>',
    );
    // a seeded note without a publication time is dated by its own date; it has no <published>
    expect(noteUpdated(notes[2]!)).toBe("2012-07-27T00:00:00.000Z");
    expect(entries[2]!.text).not.toContain("<published>");
  });

  it("escapes text and carries no staff data", () => {
    expect(xml).toContain("suspended in 2020 &amp; resumed &lt;later&gt;.");
    expect(notesAtomFeed([note({ title: "bad\u0001char" })], { origin: "" })).toContain("<title>badchar</title>");
    // PublicNote has no author or reviewer; the feed's only author is the portal team
    expect(els.filter((e) => e.name === "author")).toHaveLength(1);
    expect(xml).not.toMatch(/@|review/i);
  });

  it("an empty feed is still valid", () => {
    const empty = elements(notesAtomFeed([], { origin: "https://portal.example" }));
    expect(empty.filter((e) => e.name === "entry")).toEqual([]);
    expect(empty.find((e) => e.name === "updated")?.text).toBe("1970-01-01T00:00:00.000Z");
  });
});

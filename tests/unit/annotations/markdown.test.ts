import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoteBody } from "@/components/annotations/note-body";
import { NoteItem } from "@/components/annotations/note-item";
import { note } from "./fixtures";

/** Whatever staff type (even past the form's checks), the rendered HTML has no script, handler or unsafe URL. */
const html = (markdown: string) => renderToStaticMarkup(createElement(NoteBody, { markdown }));
const EXECUTABLE = /<script|<img|<iframe|<svg|<object|<embed|<style|\son\w+=|javascript:|vbscript:|data:text/i;

describe("note bodies are rendered from Markdown, never as HTML", () => {
  it("renders the Markdown it allows", () => {
    expect(
      html(
        "Training **suspended**, see [SPD](https://www.seattle.gov/police) and [method](/methodology).\n\n- one\n- two",
      ),
    ).toBe(
      '<div class="note-body"><p>Training <strong>suspended</strong>, see <a href="https://www.seattle.gov/police" rel="nofollow noopener noreferrer">SPD</a> and <a href="/methodology" rel="nofollow noopener noreferrer">method</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul></div>',
    );
  });

  const payloads = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](//evil.example/x)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "[x]: javascript:alert(1)\n\n[link][x]",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "`<script>` in code is text",
    "<style>body{display:none}</style>",
    "<javascript:alert(1)>",
  ];
  for (const p of payloads) {
    it(`neutralises ${JSON.stringify(p)}`, () => {
      const out = html(p);
      // Text may mention the words, but only escaped: nothing a browser would run.
      expect(out.replace(/&lt;[^&]*&gt;/g, "").replace(/>[^<]*</g, "><"), out).not.toMatch(EXECUTABLE);
      expect(out).not.toMatch(/<(script|img|iframe|svg|style|object)/i);
      expect(out).not.toMatch(/href="(?!https?:\/\/|\/[^/]|mailto:|#)/i);
    });
  }

  it("escapes entities as text and drops protocol-relative links", () => {
    expect(html("&lt;script&gt;")).toBe('<div class="note-body"><p>&lt;script&gt;</p></div>');
    expect(html("[click](//evil.example/x)")).toBe('<div class="note-body"><p><span>click</span></p></div>');
  });

  it("a whole note: titles and sources are text; an unsafe source link is not a link", () => {
    const out = renderToStaticMarkup(
      createElement(NoteItem, {
        note: note(1, {
          title: "<script>alert(1)</script>",
          seeded: true,
          sourceLabel: "<b>SPD</b>",
          sourceUrl: "javascript:alert(1)",
        }),
      }),
    );
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("Context note from the portal team, sourced: &lt;b&gt;SPD&lt;/b&gt;.");
    expect(out).not.toMatch(/<script|javascript:/i);
  });
});

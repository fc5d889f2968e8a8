import fs from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { keepPin, type PageHeadText, PageHeadView } from "@/components/page-frame";
import { PUBLIC_PAGES } from "@/lib/annotations/targets";
import { latestHrefOf, type PageFrame } from "@/lib/http/public-page";
import en from "@/lib/i18n/messages/en.json" with { type: "json" };
import { NAV_GROUPS } from "@/lib/site/nav";
import { note } from "../annotations/fixtures";

/** The public page frame (issue 18): every public page goes through it, and its head shows the pin and the notes. */
const pageFile = (p: string) => path.resolve("app", "(public)", ...p.split("/").filter(Boolean), "page.tsx");

describe("the public page frame", () => {
  it("every page of PUBLIC_PAGES loads through publicPage with its own path and renders the frame's head", () => {
    for (const { path: p } of PUBLIC_PAGES) {
      const src = fs.readFileSync(pageFile(p), "utf8");
      // Its own path, so notes scoped to this page (and the pin) reach it.
      expect(src, p).toMatch(new RegExp(`publicPage\\(\\s*"${p.replace(/[/.]/g, "\\$&")}",\\s*searchParams`));
      expect(src, p).toContain("<PageHead frame={page.frame} />");
      expect(src, p).toContain("if (!page.ok) return <ReleaseParamError page={page} />;");
      // No child component of the page reads the DAL beside the pin (the old per-page notes and status).
      expect(src, p).not.toMatch(/getPageNotes|PageDataStatus|PageFreshness/);
    }
  });

  it("the latest address keeps the page's other parameters and drops the pin", () => {
    expect(latestHrefOf("/crisis", { release: "2026.12.1", from: "2020-01", precinct: "West" })).toBe(
      "/crisis?from=2020-01&precinct=West",
    );
    expect(latestHrefOf("/", { release: "2026.12.1" })).toBe("/");
    expect(latestHrefOf("/metrics", { a: ["1", "2"], b: undefined })).toBe("/metrics?a=1&a=2");
  });

  // The English words, as PageHead reads them from the catalogue.
  const text: PageHeadText = {
    notes: { label: en.common.notesLabel, summary: "Notes (1)", allNotes: en.common.allNotes },
    freshnessLabel: en.common.freshnessLabel,
    notUpdated: en.common.notUpdated,
    navLabel: (key) => en.nav.links[key],
  };
  const head = (f: PageFrame) => createElement(PageHeadView, { frame: f, locale: "en", text });

  const frame = (over: Partial<PageFrame> = {}): PageFrame => ({
    path: "/methodology",
    latestHref: "/methodology",
    release: null,
    notes: [],
    freshness: [],
    synthetic: null,
    ...over,
  });

  it("a pinned page's head: the banner with the release, its date and the latest; every other page pinned; the notes", () => {
    const html = renderToStaticMarkup(
      head(
        frame({
          latestHref: "/methodology?x=1",
          release: {
            number: "2026.12.1",
            createdAt: "2026-12-03T10:00:00.000Z",
            methodologyVersion: "2026.12-1",
            methodology: [],
          },
          notes: [note(7, { title: "Methodology page note", scopeKind: "page", scopeTarget: "/methodology" })],
        }),
      ),
    );
    expect(html).toContain('data-testid="pinned-release"');
    expect(html).toMatch(/You are viewing release <a href="\/releases\/2026\.12\.1">2026\.12\.1<\/a> of Dec 3, 2026/);
    expect(html).toContain('<a href="/methodology?x=1" data-testid="latest-link">see the latest</a>');
    for (const l of NAV_GROUPS.flatMap((g) => g.links).filter((l) => l.href !== "/methodology"))
      expect(html).toContain(`href="${l.href}?release=2026.12.1"`);
    expect(html).not.toContain('href="/methodology?release=');
    // The layout's menu and footer cannot keep the pin: the banner says so in words.
    expect(html).toContain("The site menu and the footer lead to the latest release");
    expect(html).toContain('data-testid="page-notes"');
    expect(html).toContain("Methodology page note");
    expect(html).toContain('id="page-note-7"'); // the anchor chart blocks link to
  });

  it("an unpinned page's head: no banner; freshness and the synthetic note when the frame has them", () => {
    const html = renderToStaticMarkup(
      head(frame({ freshness: ["Use of Force data was last updated on Jan 1, 2026."], synthetic: { all: true } })),
    );
    expect(html).not.toContain("pinned-release");
    expect(html).not.toContain("page-notes"); // no notes: nothing drawn
    expect(html).toContain("Use of Force data was last updated on Jan 1, 2026.");
    expect(html).toContain('data-testid="page-data-status"');
  });

  it("links inside a pinned page keep the pin; unpinned ones are left alone", () => {
    const pinned = frame({ release: { number: "2026.12.2", createdAt: "", methodologyVersion: "", methodology: [] } });
    expect(keepPin(pinned, "/data")).toBe("/data?release=2026.12.2");
    expect(keepPin(pinned, "/alternative-response#coverage-model")).toBe(
      "/alternative-response?release=2026.12.2#coverage-model",
    );
    expect(keepPin(frame(), "/data")).toBe("/data");
  });
});

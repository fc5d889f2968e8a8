import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHART_TARGETS, PUBLIC_PAGES, scopeTargets } from "@/lib/annotations/targets";

function pagesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory())
      return /^\[/.test(e.name)
        ? []
        : pagesUnder(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? prefix : `${prefix}/${e.name}`);
    return e.name === "page.tsx" ? [prefix || "/"] : [];
  });
}

describe("annotation targets", () => {
  it("the page list is exactly the public pages (add a new page to PUBLIC_PAGES in lib/annotations/targets.ts)", () => {
    expect(PUBLIC_PAGES.map((p) => p.path).sort()).toEqual(pagesUnder(path.resolve("app", "(public)")).sort());
  });

  it("every chart has a page that exists and whose id prefix getChart routes to that page", () => {
    const pages = new Set<string>(PUBLIC_PAGES.map((p) => p.path));
    const prefixPage: Record<string, string> = {
      crisis: "/crisis",
      uof: "/use-of-force",
      kpi: "/metrics",
      alt: "/alternative-response",
      cit: "/cit",
      community: "/community",
    };
    for (const [id, t] of Object.entries(CHART_TARGETS)) {
      expect(pages.has(t.page), id).toBe(true);
      expect(prefixPage[id.split("-")[0]!], id).toBe(t.page);
      expect(t.datasets.length, id).toBeGreaterThan(0);
    }
    expect(Object.keys(CHART_TARGETS)).toHaveLength(40);
  });

  it("precincts: the known five plus places from the data, never Unknown or out of jurisdiction", () => {
    expect(scopeTargets(["West", "Unknown", "Out of jurisdiction", "Harbor"]).precincts).toEqual([
      "East",
      "Harbor",
      "North",
      "South",
      "Southwest",
      "West",
    ]);
  });
});

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IconArray, runRects } from "@/components/explainers/icon-array";

/** Cells each colour covers, from the drawn rectangles (10 units a cell). */
type Kind = "base" | "extra" | "none";
function cells(markup: string): Record<Kind, Set<number>> {
  const out: Record<Kind, Set<number>> = { base: new Set(), extra: new Set(), none: new Set() };
  for (const m of markup.matchAll(/<rect data-kind="(\w+)" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/g)) {
    const [x, y, w, h] = [m[2], m[3], m[4], m[5]].map((v) => Number(v) / 10) as [number, number, number, number];
    for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) out[m[1] as Kind].add(r * 40 + c);
  }
  return out;
}

describe("icon array: 1,000 squares, drawn as a few pattern-filled runs", () => {
  it.each([
    [0, 0],
    [37, 12],
    [40, 40],
    [123, 0],
    [999, 1],
    [1000, 0],
    [5, 2000],
  ])(
    "base %i, extra %i: each cell once, the first base dark, the next extra light, in reading order",
    (base, extra) => {
      const html = renderToStaticMarkup(createElement(IconArray, { base, extra }));
      const c = cells(html);
      const e = Math.min(extra, 1000 - base);
      expect([...c.base].sort((a, b) => a - b)).toEqual(Array.from({ length: base }, (_, i) => i));
      expect([...c.extra].sort((a, b) => a - b)).toEqual(Array.from({ length: e }, (_, i) => base + i));
      expect(c.none.size).toBe(1000 - base - e);
      expect(c.base.size + c.extra.size + c.none.size).toBe(1000);
      expect(html.length).toBeLessThan(2000);
      // Each run is filled with its colour's pattern: a square per cell.
      for (const [kind, fill] of [
        ["base", "#b2182b"],
        ["extra", "#f4a582"],
        ["none", "#d9dde2"],
      ] as const) {
        const id = `icon-${kind}-${base}-${e}`;
        expect(html).toContain(`<pattern id="${id}" width="10" height="10" patternUnits="userSpaceOnUse">`);
        expect(html).toContain(`<rect x="1" y="1" width="8" height="8" rx="1.5" fill="${fill}"></rect></pattern>`);
        if (c[kind].size > 0) expect(html).toContain(`data-kind="${kind}"`);
        for (const m of html.matchAll(new RegExp(`data-kind="${kind}"[^>]*fill="([^"]+)"`, "g")))
          expect(m[1]).toBe(`url(#${id})`);
      }
    },
  );

  it("splits a run into at most three rectangles", () => {
    expect(runRects(5, 5)).toEqual([]);
    expect(runRects(5, 10)).toEqual([{ x: 5, y: 0, w: 5, h: 1 }]);
    expect(runRects(35, 130)).toEqual([
      { x: 35, y: 0, w: 5, h: 1 },
      { x: 0, y: 1, w: 40, h: 2 },
      { x: 0, y: 3, w: 10, h: 1 },
    ]);
  });
});

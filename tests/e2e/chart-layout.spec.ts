import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

/**
 * Chart text at phone, tablet and desktop widths (issue 22): on every public page with charts, the visible layout of
 * each chart (the server-drawn SVG as laid out for its box, the forest plots, the coverage heat map, the map legend)
 * has no two text boxes overlapping, no label over a bar, area or line, and no text smaller than 12 CSS px. Measured
 * in the browser, as drawn. Axe and the screenshots run at the three widths a reviewer looks at.
 */
const PAGES = ["/crisis", "/use-of-force", "/community", "/cit", "/alternative-response", "/metrics"];
const WIDTHS = [360, 390, 768, 1024, 1280];
const REVIEWED = new Set([390, 768, 1280]);
/** The server's wide layout (lib/charts/svg-fit.ts): narrower chart boxes get a layout of their own width. */
const WIDE_LAYOUT = 760;
const REPORTS = ".data/test-reports";
/** Boxes may touch: anti-aliasing and the ascent of the font give a pixel or so of slack. */
const TOLERANCE = 1.5;
const MIN_FONT_PX = 12;

interface Problem {
  chart: string;
  kind: "overlap" | "small" | "over-mark";
  detail: string;
}

/** Runs in the page: every problem in the visible charts, and how many charts and text boxes were measured. */
function measure([tolerance, minFont]: [number, number]) {
  const problems: { chart: string; kind: "overlap" | "small" | "over-mark"; detail: string }[] = [];
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const hit = (a: DOMRect, b: DOMRect) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > tolerance &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tolerance;
  const inside = (r: DOMRect, x: number, y: number) =>
    x > r.left + tolerance && x < r.right - tolerance && y > r.top + tolerance && y < r.bottom - tolerance;
  const svgs = [...document.querySelectorAll<SVGSVGElement>("section.chart-block svg")].filter(
    (s) => visible(s) && ["static-chart", "forest-plot", "heat-map"].some((c) => s.classList.contains(c)),
  );
  let boxes = 0;
  for (const svg of svgs) {
    const chart = `${svg.closest("section")!.id} (${svg.getAttribute("class")})`;
    // A text with tspans is measured line by line: its own box would span every line.
    const texts = [...svg.querySelectorAll<SVGTextContentElement>("text, tspan")].filter(
      (t) =>
        (t.textContent ?? "").trim() !== "" &&
        (t.tagName === "tspan" || t.querySelector("tspan") === null) &&
        visible(t),
    );
    const rects = texts.map((t) => t.getBoundingClientRect());
    boxes += texts.length;
    const name = (i: number) => JSON.stringify(texts[i]!.textContent?.trim());
    for (let i = 0; i < texts.length; i++) {
      const px = parseFloat(getComputedStyle(texts[i]!).fontSize) * (svg.getScreenCTM()?.a ?? 1);
      if (px < minFont - 0.05) problems.push({ chart, kind: "small", detail: `${name(i)} at ${px.toFixed(1)} px` });
      for (let j = i + 1; j < texts.length; j++) {
        // A tspan inside another text's box is its own line, never a clash with its parent.
        if (texts[i]!.contains(texts[j]!) || texts[j]!.contains(texts[i]!)) continue;
        if (hit(rects[i]!, rects[j]!)) problems.push({ chart, kind: "overlap", detail: `${name(i)} / ${name(j)}` });
      }
    }
    // Marks: bars and the forest plot's squares and interval lines (their boxes); lines and areas (points on them).
    // A line's box has no height (its stroke is not in it): give it the stroke's 2 px.
    const marks = [...svg.querySelectorAll(".static-chart__bars rect, .forest-plot__mark")].map((m) => {
      const r = m.getBoundingClientRect();
      return m.tagName === "line" ? new DOMRect(r.x - 1, r.y - 1, r.width + 2, r.height + 2) : r;
    });
    const ctm = svg.getScreenCTM()!;
    const points: { x: number; y: number }[] = [];
    for (const path of svg.querySelectorAll<SVGPathElement>(".static-chart__line path")) {
      if (!path.getAttribute("d")) continue;
      const length = path.getTotalLength();
      for (let s = 0; s <= length; s += 2) {
        const p = path.getPointAtLength(s).matrixTransform(ctm);
        points.push({ x: p.x, y: p.y });
      }
    }
    const areas = [...svg.querySelectorAll<SVGPathElement>(".static-chart__area")];
    texts.forEach((t, i) => {
      const r = rects[i]!;
      if (marks.some((m) => hit(m, r)) || points.some((p) => inside(r, p.x, p.y)))
        problems.push({ chart, kind: "over-mark", detail: name(i) });
      else {
        const inv = ctm.inverse();
        const probes = [0.25, 0.5, 0.75].map((f) =>
          new DOMPoint(r.left + r.width * f, r.top + r.height / 2).matrixTransform(inv),
        );
        if (areas.some((a) => probes.some((p) => a.isPointInFill(p))))
          problems.push({ chart, kind: "over-mark", detail: `${name(i)} (on an area)` });
      }
    });
  }
  // The map legend is HTML: its entries must not run into each other either.
  const legend = [...document.querySelectorAll(".map-legend li")].filter(visible);
  for (let i = 0; i < legend.length; i++) {
    const px = parseFloat(getComputedStyle(legend[i]!).fontSize);
    if (px < minFont - 0.05) problems.push({ chart: "map legend", kind: "small", detail: `${px} px` });
    for (let j = i + 1; j < legend.length; j++)
      if (hit(legend[i]!.getBoundingClientRect(), legend[j]!.getBoundingClientRect()))
        problems.push({ chart: "map legend", kind: "overlap", detail: `${i} / ${j}` });
  }
  return { problems, charts: svgs.length, boxes, legend: legend.length };
}

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);

test.beforeAll(() => fs.mkdirSync(REPORTS, { recursive: true }));

for (const width of WIDTHS) {
  test(`at ${width} px, chart text never overlaps, never sits on a mark, and is at least 12 px`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    const seen = { charts: 0, boxes: 0, legend: 0, types: new Set<string>() };
    const problems: Problem[] = [];
    const violations: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.locator("section.chart-block").first()).toBeVisible();
      await expect(page.getByRole("tab", { name: "Chart" }).first()).toBeVisible(); // hydrated
      // Every chart box narrower than the wide layout has been laid out again for its own width.
      await page.waitForFunction(
        (wide) =>
          [...document.querySelectorAll(".chart-block__chart--static")].every(
            (box) =>
              box.getBoundingClientRect().width === 0 ||
              box.getBoundingClientRect().width >= wide ||
              box.querySelector("svg.static-chart--fit") !== null,
          ),
        WIDE_LAYOUT,
      );
      const r = await page.evaluate(measure, [TOLERANCE, MIN_FONT_PX] as [number, number]);
      problems.push(...r.problems.map((p) => ({ ...p, chart: `${path} ${p.chart}` })));
      seen.charts += r.charts;
      seen.boxes += r.boxes;
      seen.legend += r.legend;
      for (const t of await page
        .locator("svg.static-chart:visible")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-chart-type") ?? "")))
        seen.types.add(t);
      if ((await page.locator("svg.forest-plot:visible").count()) > 0) seen.types.add("forest");
      if ((await page.locator("svg.heat-map:visible").count()) > 0) seen.types.add("heat-map");
      if (!REVIEWED.has(width)) continue;
      // One image per chart as drawn at this width (a reviewer looks at them), and the whole page.
      for (const block of await page.locator("section.chart-block").all()) {
        const id = await block.getAttribute("id");
        const figure = block.locator(".chart-block__chart");
        if (await figure.isVisible()) await figure.screenshot({ path: `${REPORTS}/chart-layout/${width}/${id}.png` });
      }
      await page.screenshot({
        path: `${REPORTS}/chart-layout${path.replaceAll("/", "-")}-${width}.png`,
        fullPage: true,
      });
      violations.push(...(await axe(page)).map((v) => `${path}: ${v}`));
    }
    expect(problems).toEqual([]);
    expect(violations).toEqual([]);
    // Every kind of chart the pages draw was measured, so a chart that stopped rendering cannot pass by being absent.
    // (No page draws a stacked area today; its layout is unit-tested in tests/unit/charts/svg-layout.test.ts.)
    expect([...seen.types].sort()).toEqual(["bar", "category-bar", "forest", "heat-map", "line", "stacked-bar"]);
    expect(seen.charts).toBeGreaterThan(20);
    expect(seen.legend).toBeGreaterThan(0);
  });
}

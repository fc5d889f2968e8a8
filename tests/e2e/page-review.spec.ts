import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { PUBLIC_PAGES } from "@/lib/annotations/targets";

/**
 * Every public page at phone, tablet and desktop widths (issue 22): a full-page screenshot for a reviewer to look at
 * (.data/test-reports/page-review/<width>/), and what a browser can check by itself: the page never scrolls
 * sideways (wide tables scroll in their own box, with a cue), ends at its footer, and its header stays one row from a
 * tablet up.
 */
const WIDTHS = [390, 768, 1280];
const REPORTS = ".data/test-reports/page-review";

for (const width of WIDTHS) {
  test(`at ${width} px every public page fits the screen`, async ({ page }) => {
    test.setTimeout(180_000);
    fs.mkdirSync(`${REPORTS}/${width}`, { recursive: true });
    await page.setViewportSize({ width, height: 900 });
    for (const { path } of PUBLIC_PAGES) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      // Before hydration every chart panel shows (tables, sources...): wait for the tabs, then measure the page.
      if ((await page.locator("section.chart-block").count()) > 0)
        await expect(page.getByRole("tab", { name: "Chart" }).first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      const slug = path === "/" ? "home" : path.slice(1).replaceAll("/", "-");
      await page.screenshot({ path: `${REPORTS}/${width}/${slug}.png`, fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect.soft(overflow, `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      // The page ends with its footer: nothing (an element laid out off the page) leaves blank space under it.
      const blank = await page.evaluate(
        () =>
          document.documentElement.scrollHeight -
          (document.querySelector("footer")!.getBoundingClientRect().bottom + scrollY),
      );
      expect.soft(blank, `${path}: blank space under the footer at ${width} px`).toBeLessThanOrEqual(1);
      // From a tablet up the header is one row (title, menus); a phone gets the title and a Menu button under it.
      const header = await page.locator(".site-header__inner").boundingBox();
      expect.soft(header!.height, `${path}: header height at ${width} px`).toBeLessThan(width >= 768 ? 72 : 110);
    }
  });
}

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { discoverPublicPages } from "../../scripts/bench/pages";

/**
 * Lighthouse-style budget: the JavaScript a first visit downloads, measured in the browser (every script the page
 * loads up to its load event: what Next.js's build manifests call first-load JS). Charts are SVG drawn by the chart
 * block from its data (d3 and the layout are counted here); no chart library is loaded. Reported for every public page (written to .data/test-reports/first-load-js.json and
 * printed); asserted for the home page, the page most people land on, and for the largest page, against budgets
 * set with headroom over the measured sizes (see README "Performance"). Sizes are gzip-compressed (what goes over
 * the wire from `next start`, computed here with zlib's default level) and decoded.
 */
// Measured 2026-11-24: home and text pages 135.8 KiB (React + Next.js runtime); chart pages 149.2 KiB (the chart
// block's tabs and sortable table). 2026-12-03, charts drawn in the browser too (geometry sent once) with tooltips:
// chart pages 165.5 KiB; with the label wrapping, marker key and Share tab, 168.1 KiB. 2026-12-04, the layout's scales
// written out (lib/charts/scales.ts) instead of d3-scale/d3-shape: chart pages 159.1 KiB, /alternative-response 160.2
// (its heat map drawn in the browser too). Before the charts were drawn on the server, chart pages loaded 274 KiB
// (recharts).
export const BUDGET_KIB = { home: 155, anyPage: 170 };

interface PageJs {
  page: string;
  scripts: number;
  gzipKiB: number;
  decodedKiB: number;
}

test("first-load JavaScript of the public pages stays within budget", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const results: PageJs[] = [];
  for (const p of discoverPublicPages()) {
    const scripts: Promise<{ gzip: number; decoded: number }>[] = [];
    const onResponse = (r: import("@playwright/test").Response) => {
      if (r.request().resourceType() !== "script") return;
      scripts.push(r.body().then((body) => ({ gzip: zlib.gzipSync(body).length, decoded: body.length })));
    };
    page.on("response", onResponse);
    // A fresh visit: nothing cached from the previous page.
    await page.context().clearCookies();
    await page.goto(`${baseURL}${p}`, { waitUntil: "load" });
    page.off("response", onResponse);
    const sizes = await Promise.all(scripts);
    results.push({
      page: p,
      scripts: sizes.length,
      gzipKiB: Math.round(sizes.reduce((s, x) => s + x.gzip, 0) / 102.4) / 10,
      decodedKiB: Math.round(sizes.reduce((s, x) => s + x.decoded, 0) / 102.4) / 10,
    });
  }
  const out = path.resolve(".data", "test-reports", "first-load-js.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ budgetKiB: BUDGET_KIB, pages: results }, null, 2));
  console.info(
    [
      "first-load JS (KiB, gzip / decoded):",
      ...results.map((r) => `  ${r.page}: ${r.gzipKiB} / ${r.decodedKiB} (${r.scripts} scripts)`),
    ].join("\n"),
  );

  const home = results.find((r) => r.page === "/")!;
  expect(home.scripts, "the home page loads its scripts").toBeGreaterThan(0);
  expect(home.gzipKiB, `home page first-load JS (KiB gzip), budget ${BUDGET_KIB.home}`).toBeLessThanOrEqual(
    BUDGET_KIB.home,
  );
  for (const r of results)
    expect(r.gzipKiB, `${r.page} first-load JS (KiB gzip), budget ${BUDGET_KIB.anyPage}`).toBeLessThanOrEqual(
      BUDGET_KIB.anyPage,
    );
});

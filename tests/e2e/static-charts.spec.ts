import AxeBuilder from "@axe-core/playwright";
import { type Download, expect, type Page, test } from "@playwright/test";
import { readPngText } from "@/lib/charts/export-image";

/**
 * Charts are drawn on the server (components/chart-block/static-chart.tsx): they are in the HTML, show without
 * JavaScript, and the chart library (recharts) is fetched only when a reader points at a chart.
 */
const PAGES = { "/crisis": "crisis-contacts", "/use-of-force": "uof-incidents-by-level" } as const;
const text = async (d: Download) => Buffer.concat(await (await d.createReadStream()).toArray()).toString("utf8");
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);

for (const [path, id] of Object.entries(PAGES)) {
  test(`${path}: every chart without its own figure is SVG in the server HTML`, async ({ request }) => {
    const html = await (await request.get(path)).text();
    const sections = html.split('<section id="').slice(1);
    const blocks = sections.filter((s) => s.includes('class="chart-block__chart chart-block__chart--static"'));
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      const name = block.slice(0, block.indexOf('"'));
      expect(block, name).toMatch(/<svg class="static-chart static-chart--wide" viewBox="0 0 \d+ \d+"/);
      expect(block, name).toContain('class="static-chart static-chart--narrow"');
      // Something is drawn: bars, or line/area paths, and axis labels.
      expect(block, name).toMatch(
        /<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#[0-9a-f]{6}"|<path d="M[\d.]+,[\d.]+L/,
      );
      expect(block, name).toContain('class="static-chart__axes"');
    }
    expect(blocks.some((b) => b.startsWith(`${id}"`))).toBe(true);
    // The chart library is not referenced by the HTML: it is not part of the first load.
    expect(html).not.toContain("recharts-surface");
  });
}

test("without JavaScript the charts are visible, at desktop and phone widths", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  for (const [path, id] of Object.entries(PAGES)) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(path);
    const wide = page.locator(`section#${id} svg.static-chart--wide`);
    await expect(wide).toBeVisible();
    expect((await wide.boundingBox())!.height).toBeGreaterThan(200);
    await expect(page.locator(`section#${id} svg.static-chart--narrow`)).toBeHidden();
    expect(await wide.locator(".static-chart__bars rect, .static-chart__line path").count()).toBeGreaterThan(0);

    await page.setViewportSize({ width: 360, height: 740 });
    await expect(page.locator(`section#${id} svg.static-chart--narrow`)).toBeVisible();
    await expect(wide).toBeHidden();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test("the first load carries no chart library; pointing at a chart swaps in the interactive view with tooltips", async ({
  page,
}) => {
  const scripts: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") scripts.push(r.text().catch(() => ""));
  });
  await page.goto("/crisis", { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const firstLoad = await Promise.all(scripts);
  expect(firstLoad.length).toBeGreaterThan(0);
  // A class name only the library's own code contains (the page's code names "svg.recharts-surface" to export it).
  const isRecharts = (body: string) => body.includes("recharts-cartesian-grid");
  expect(
    firstLoad.filter(isRecharts).map((body) => body.slice(0, 120)),
    "scripts with recharts in the first load",
  ).toEqual([]);

  const block = page.locator("section#crisis-force-share");
  const chart = block.locator(".chart-block__chart");
  await expect(chart.locator("svg.static-chart--wide")).toBeVisible();
  const before = (await chart.boundingBox())!.height;
  await chart.hover();
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(chart.locator("svg.static-chart")).toHaveCount(0);
  await expect(chart).toHaveAttribute("data-interactive", "true");
  // The recharts view takes the static chart's height: the page does not jump.
  expect(Math.abs((await chart.boundingBox())!.height - before)).toBeLessThanOrEqual(40);
  const box = (await chart.locator(".recharts-wrapper").boundingBox())!;
  // Sweep across the plot: recharts shows its tooltip once the pointer moves over a data point.
  await expect(async () => {
    for (const f of [0.3, 0.45, 0.6, 0.75])
      await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.4, { steps: 4 });
    await expect(chart.locator(".recharts-tooltip-wrapper")).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText("%");
  const all = await Promise.all(scripts);
  expect(all.some(isRecharts), "recharts fetched on demand").toBe(true);
  expect(await axe(page)).toEqual([]);
  // The download now takes the interactive chart (not one of its legend icons, also svg.recharts-surface).
  await block.getByRole("tab", { name: "Download" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    block.getByRole("button", { name: "Chart as SVG" }).click(),
  ]);
  expect(await text(download)).toContain("recharts-cartesian-grid");
});

test("axe is clean on the server-drawn charts; the SVG download takes the static chart", async ({ page }) => {
  for (const path of Object.keys(PAGES)) {
    await page.goto(path);
    await expect(page.locator("svg.static-chart--wide").first()).toBeVisible();
    expect(await axe(page)).toEqual([]);
  }
  await page.goto("/crisis");
  const block = page.locator("section#crisis-contacts");
  await block.getByRole("tab", { name: "Download" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    block.getByRole("button", { name: "Chart as SVG" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("crisis-contacts.svg");
  const svg = await text(download);
  // The chart inside a frame: title, subtitle, source line with the dataset version, URL, and the synthetic stamp
  // (the crisis data are the generated sample here), all as SVG text.
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
  expect(svg).toMatch(
    /<svg x="[\d.]+" y="[\d.]+" width="\d+" height="\d+" [^>]*class="static-chart static-chart--wide"/,
  );
  expect(svg).toContain("static-chart__bars");
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&amp;/g, "&").replace(/&#39;|&apos;/g, "'"),
  );
  expect(texts[0]).toBe("SYNTHETIC SAMPLE — not Seattle's records");
  expect(texts).toContain("Crisis contacts over time");
  expect(texts.join(" ")).toMatch(/Source: generated synthetic sample \(version seattle-crisis@[\d-]+\.[0-9a-f]{8}/);
  expect(texts.join(" ")).toMatch(/ · http:\/\/[^ ]+\/crisis[^ ]*#crisis-contacts/);

  const [png] = await Promise.all([
    page.waitForEvent("download"),
    block.getByRole("button", { name: "Chart as PNG" }).click(),
  ]);
  expect(png.suggestedFilename()).toBe("crisis-contacts.png");
  const meta = readPngText(new Uint8Array(Buffer.concat(await (await png.createReadStream()).toArray())));
  expect(meta.Title).toBe("Crisis contacts over time");
  expect(meta.Warning).toBe("SYNTHETIC SAMPLE - not Seattle's records");
  expect(meta.Source).toMatch(/seattle-crisis@/);

  // Use of Force is real: its image has no stamp, and names Seattle's dataset and version.
  await page.goto("/use-of-force");
  const uof = page.locator("section#uof-incidents-by-level");
  await uof.getByRole("tab", { name: "Download" }).click();
  const [uofSvg] = await Promise.all([
    page.waitForEvent("download"),
    uof.getByRole("button", { name: "Chart as SVG" }).click(),
  ]);
  const real = await text(uofSvg);
  expect(real).not.toContain("SYNTHETIC");
  expect(real).toMatch(/\(version seattle-uof@/);
});

import AxeBuilder from "@axe-core/playwright";
import { type Download, expect, type Page, test } from "@playwright/test";
import { readPngText } from "@/lib/charts/export-image";

/**
 * Charts are drawn as SVG from their data (components/chart-block/static-chart.tsx): they are in the server HTML,
 * show without JavaScript, and their geometry is not repeated in the RSC payload. Values show on hover and keyboard
 * focus (chart-pointer.tsx) without a chart library.
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
    // Each chart's geometry is sent once: the RSC payload carries the chart's data, not its SVG elements.
    const payload = [...html.matchAll(/<script>self\.__next_f\.push\((.*?)\)<\/script>/gs)].map((m) => m[1]).join("");
    expect(payload.length).toBeGreaterThan(1000);
    expect(payload).not.toContain("static-chart--wide");
    expect(payload).not.toContain("static-chart__axes");
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

test("the first load carries no chart library; hover shows a period's value as the table gives it", async ({
  page,
}) => {
  const scripts: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") scripts.push(r.text().catch(() => ""));
  });
  await page.goto("/crisis", { waitUntil: "load" });
  const block = page.locator("section#crisis-contacts");
  const chart = block.locator(".chart-block__chart");
  const wide = chart.locator("svg.static-chart--wide");
  await expect(wide).toBeVisible();
  await expect(block.getByRole("tab", { name: "Chart" })).toBeVisible(); // hydrated
  const firstLoad = await Promise.all(scripts);
  expect(firstLoad.length).toBeGreaterThan(0);
  expect(
    firstLoad.filter((body) => body.includes("recharts-cartesian-grid")).length,
    "recharts in the first load",
  ).toBe(0);

  const periods = await block.locator('[data-panel="table"] tbody th').allTextContents();
  const counts = await block.locator('[data-panel="table"] tbody td[data-col="contacts"]').allTextContents();
  expect(periods.length).toBeGreaterThan(4);
  // The third bar is the third period: the readout names it and gives the table's value.
  await wide.locator(".static-chart__bars rect").nth(2).hover();
  const tip = chart.getByTestId("chart-tip");
  await expect(tip).toHaveAttribute("data-open", "true");
  await expect(tip.locator(".chart-tip__period")).toHaveText(periods[2]!);
  await expect(tip).toContainText(`: ${counts[2]}`);
  await page.mouse.move(0, 0);
  await expect(tip).not.toHaveAttribute("data-open");
});

test("keyboard: focus shows a period, ArrowRight the next, Escape hides; the interval is given; axe clean", async ({
  page,
}) => {
  await page.goto("/crisis");
  const block = page.locator("section#crisis-force-share");
  await expect(block.getByRole("tab", { name: "Chart" })).toBeVisible();
  const rows = block.locator('[data-panel="table"] tbody tr');
  const periods = await rows.locator("th").allTextContents();
  const frame = block.getByTestId("chart-pointer");
  const tip = block.getByTestId("chart-tip");
  await frame.focus();
  await expect(tip).toHaveAttribute("data-open", "true");
  const shown = (await tip.locator(".chart-tip__period").textContent())!;
  const i = periods.indexOf(shown);
  expect(i, `period ${shown} is a table row`).toBeGreaterThanOrEqual(0);
  await page.keyboard.press("ArrowRight");
  await expect(tip.locator(".chart-tip__period")).toHaveText(periods[i + 1]!);
  const cell = (key: string) =>
    rows
      .nth(i + 1)
      .locator(`td[data-col="${key}"]`)
      .textContent();
  const [share, low, high] = await Promise.all([cell("forceShare"), cell("forceShareLow"), cell("forceShareHigh")]);
  await expect(tip).toContainText(`${share} (95% interval ${low} to ${high})`);
  await page.keyboard.press("End");
  await expect(tip.locator(".chart-tip__period")).toHaveText(periods.at(-1)!);
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(tip).not.toHaveAttribute("data-open");
  await expect(tip).toHaveText("");
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

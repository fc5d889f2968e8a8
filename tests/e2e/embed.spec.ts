import http from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { CHARTS } from "@/lib/chart-registry";
import { readPngText } from "@/lib/charts/export-image";
import { discoverPublicPages } from "../../scripts/bench/pages";

/**
 * Cite and embed (issue 18): /embed/{chartId} (one chart block alone, no JavaScript, framable from any site),
 * /api/oembed for every chart permalink, the 1200 x 630 PNG preview, Open Graph / Twitter tags, the Share tab.
 */
const EMBED = "/embed/crisis-contacts";

test("oEmbed answers every chart of the registry, by permalink and by embed address", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  for (const c of CHARTS) {
    for (const url of [`${baseURL}${c.path}#${c.id}`, `${baseURL}/embed/${c.id}`]) {
      const res = await request.get(`/api/oembed?url=${encodeURIComponent(url)}&maxwidth=640`);
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      expect(res.headers()["content-type"]).toContain("application/json");
      const body = await res.json();
      expect(body).toMatchObject({ version: "1.0", type: "rich", width: 640, thumbnail_width: 1200 });
      expect(body.height).toBeGreaterThan(300);
      expect(body.html).toMatch(new RegExp(`^<iframe src="${baseURL}/embed/${c.id}(\\?[^"]*)?"`));
      expect(body.html).toContain(`width="640" height="${body.height}"`);
      expect(body.title.length).toBeGreaterThan(0);
    }
  }
});

test("oEmbed: filters ride along; unknown charts and URLs are 404 JSON, malformed requests 400, fuzzed never 500", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const filtered = await request.get(
    `/api/oembed?url=${encodeURIComponent(`${baseURL}/crisis?precinct=West#crisis-by-call-type`)}`,
  );
  expect((await filtered.json()).html).toMatch(
    new RegExp(`src="${baseURL}/embed/crisis-by-call-type\\?precinct=West(&amp;[^"]*)?"`),
  );
  const status = async (q: string) => {
    const res = await request.get(`/api/oembed?${q}`);
    const body = await res.json();
    expect(body.error?.code, q).toBeTruthy();
    return res.status();
  };
  const u = (s: string) => `url=${encodeURIComponent(s)}`;
  expect(await status(u(`${baseURL}/crisis#no-such-chart`))).toBe(404);
  expect(await status(u(`${baseURL}/use-of-force#crisis-contacts`))).toBe(404); // a chart, on another page
  expect(await status(u(`${baseURL}/embed/no-such-chart`))).toBe(404);
  expect(await status(u(`${baseURL}/crisis`))).toBe(404); // no chart named
  expect(await status(u("https://example.org/crisis#crisis-contacts"))).toBe(404);
  expect(await status(u(`${baseURL}/crisis?release=2026.01.1#crisis-contacts`))).toBe(404); // no releases yet
  expect(await status(u(`${baseURL}/crisis?release=v1#crisis-contacts`))).toBe(400);
  expect(await status(u(`${baseURL}/crisis?from=banana#crisis-contacts`))).toBe(400);
  expect(await status("")).toBe(400);
  expect(await status(u("not a url"))).toBe(400);
  expect(await status(u("javascript:alert(1)"))).toBe(400);
  expect(await status(`${u(`${baseURL}${EMBED}`)}&format=xml`)).toBe(400);
  expect(await status(`${u(`${baseURL}${EMBED}`)}&maxwidth=-3`)).toBe(400);

  // Fuzz: random strings, random URLs on this origin and elsewhere (seeded, so a failure reproduces).
  let seed = 18;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const junk = (n: number) =>
    Array.from({ length: n }, () =>
      String.fromCharCode(pick([32, 35, 37, 38, 47, 58, 63, 0x7f, 0xe9, 0x4e2d]) + Math.floor(rand() * 60)),
    ).join("");
  const seen: Record<number, number> = {};
  for (let i = 0; i < 300; i++) {
    const shape = i % 4;
    const raw =
      shape === 0
        ? junk(1 + Math.floor(rand() * 40))
        : shape === 1
          ? `${baseURL}${pick(["/crisis", "/embed/", "/cit", "/", "/staff"])}${pick(["", "?", "?from=", "?release=", "/x"])}${junk(Math.floor(rand() * 12))}#${junk(Math.floor(rand() * 12))}`
          : shape === 2
            ? `${pick(["http://", "https://", "ftp://", "//", "http:/"])}${junk(Math.floor(rand() * 20))}`
            : `${baseURL}/crisis?${junk(Math.floor(rand() * 20))}#${pick(CHARTS).id}`;
    const extra = pick(["", "&maxwidth=" + junk(3), "&format=" + junk(2), "&maxheight=99999999"]);
    const res = await request.get(`/api/oembed?url=${encodeURIComponent(raw)}${extra}`);
    seen[res.status()] = (seen[res.status()] ?? 0) + 1;
    expect([200, 400, 404], `${raw}${extra} -> ${res.status()}`).toContain(res.status());
    expect(res.headers()["content-type"]).toContain("application/json");
  }
  expect((seen[400] ?? 0) + (seen[404] ?? 0)).toBeGreaterThan(200);
});

test("the preview is a 1200 x 630 PNG, labelled, per chart view", async ({ request }) => {
  const res = await request.get(`${EMBED}/preview.png?precinct=West`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  const png = await res.body();
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  const text = readPngText(new Uint8Array(png));
  expect(text.Title).toBe("Crisis contacts over time");
  expect(text.Source).toMatch(/\/crisis\?precinct=West(&[^#]*)?#crisis-contacts$/);
  expect(text.Warning).toContain("SYNTHETIC"); // the crisis data of the e2e database are the synthetic sample
  // The same view again comes from the cache: the same bytes.
  expect(Buffer.compare(await (await request.get(`${EMBED}/preview.png?precinct=West`)).body(), png)).toBe(0);
  expect((await request.get("/embed/no-such-chart/preview.png")).status()).toBe(404);
  expect((await request.get(`${EMBED}/preview.png?from=banana`)).status()).toBe(400);
});

test("Open Graph and Twitter tags on every public page and on chart permalinks", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const meta = (html: string, key: string) =>
    new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
  for (const p of discoverPublicPages()) {
    const html = await (await request.get(p)).text();
    expect(meta(html, "og:title"), p).toBeTruthy();
    expect(meta(html, "og:image"), p).toMatch(new RegExp(`^${baseURL}/embed/[a-z0-9-]+/preview\\.png`));
    expect(meta(html, "og:image:width"), p).toBe("1200");
    expect(meta(html, "og:image:height"), p).toBe("630");
    expect(meta(html, "twitter:card"), p).toBe("summary_large_image");
    expect(meta(html, "twitter:image"), p).toBeTruthy();
  }
  const html = await (await request.get("/crisis?precinct=West")).text();
  const image = meta(html, "og:image")!.replace(/&amp;/g, "&");
  expect(image).toBe(`${baseURL}/embed/crisis-contacts/preview.png?precinct=West`);
  expect((await request.get(image)).headers()["content-type"]).toBe("image/png");
});

test("embeds may be framed by any site; every other route, the staff area included, refuses", async ({ request }) => {
  const embed = (await request.get(EMBED)).headers();
  expect(embed["content-security-policy"]).toContain("frame-ancestors *");
  expect(embed["x-frame-options"]).toBeUndefined();
  for (const path of ["/", "/crisis", "/staff/sign-in", "/staff", "/api/oembed", "/embedded"]) {
    const h = (await request.get(path, { maxRedirects: 0 })).headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], path).toBe("DENY");
  }
});

test("the embed renders without JavaScript, from 300 to 1200 px, with its label, source and link back; axe clean", async ({
  browser,
  baseURL,
  request,
  page,
}) => {
  const html = await (await request.get(EMBED)).text();
  expect(html).not.toContain("<script");
  expect(html).not.toContain("site-header");
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const noJs = await context.newPage();
  await noJs.goto(EMBED);
  await expect(noJs.getByRole("heading", { level: 1 })).toHaveText("Crisis contacts over time");
  await expect(noJs.getByTestId("synthetic-badge")).toContainText("SYNTHETIC SAMPLE");
  await expect(noJs.getByTestId("takeaway")).not.toBeEmpty();
  await expect(noJs.getByTestId("source")).toContainText("version seattle-crisis@");
  await expect(noJs.getByRole("link", { name: /Open on the/ })).toHaveAttribute(
    "href",
    new RegExp(`^${baseURL}/crisis(\\?[^#]*)?#crisis-contacts$`),
  );
  for (const [width, shown] of [
    [300, "narrow"],
    [360, "narrow"],
    [760, "wide"],
    [1200, "wide"],
  ] as const) {
    await noJs.setViewportSize({ width, height: 800 });
    const svg = noJs.locator(`svg.static-chart--${shown}`);
    await expect(svg, `${width} px`).toBeVisible();
    expect((await svg.boundingBox())!.width).toBeLessThanOrEqual(width);
    const overflow = await noJs.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
  }
  await context.close();
  // axe runs its script in the page, so with JavaScript on (the embed itself has none: the same document).
  for (const width of [360, 1200]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(EMBED);
    const violations = (await new AxeBuilder({ page }).analyze()).violations;
    expect(violations.map((v) => `${width} px ${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
  }
  expect((await request.get("/embed/no-such-chart")).status()).toBe(404);
  expect((await request.get(`${EMBED}?release=soon`)).status()).toBe(400);
});

test("the Share tab's iframe snippet works in a page on another origin; the staff area cannot be framed", async ({
  page,
  baseURL,
}) => {
  await page.goto("/crisis");
  const block = page.locator("section#crisis-contacts");
  await block.getByRole("tab", { name: "Share" }).click();
  const snippet = (await block.getByTestId("embed-snippet").textContent())!;
  expect(snippet).toMatch(new RegExp(`^<iframe src="${baseURL}${EMBED}(\\?[^"]*)?"`));
  await expect(block.getByTestId("cite-apa")).toContainText("Crisis contacts");
  await expect(block.getByTestId("cite-apa")).toContainText(`Retrieved`);
  await expect(block.getByTestId("cite-bibtex")).toContainText("@misc{");
  await expect(block.getByTestId("share-permalink")).toHaveAttribute(
    "href",
    new RegExp(`^${baseURL}/crisis(\\?[^#]*)?#crisis-contacts$`),
  );

  // Another origin: the same host on another port is a different origin for the browser.
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!DOCTYPE html><html lang="en"><head><title>Host page</title></head><body><h1>A newsroom page</h1>${snippet}` +
        `<iframe id="staff" title="staff" src="${baseURL}/staff/sign-in" width="600" height="400"></iframe></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "load" }); // load waits for both frames
    const embed = page.frameLocator('iframe[src*="/embed/"]');
    await expect(embed.getByRole("heading", { level: 1 })).toHaveText("Crisis contacts over time");
    await expect(embed.locator("svg.static-chart--wide")).toBeVisible();
    // The staff frame stays empty (the browser refused it), while the same page opened directly has its form.
    expect(await page.frameLocator("#staff").locator("form").count()).toBe(0);
    await page.goto("/staff/sign-in");
    expect(await page.locator("form").count()).toBeGreaterThan(0);
  } finally {
    server.close();
  }
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PUBLIC_PAGES } from "@/lib/annotations/targets";
import { readPngText } from "@/lib/charts/export-image";
import { openE2eDb } from "./db";

const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);

/** The releases the pipeline stored for the e2e data (a load per dataset, the seeded notes), newest first. */
function storedReleases() {
  const db = openE2eDb();
  const releases = db.prepare(`SELECT number, snapshot FROM "Release" ORDER BY id DESC`).all() as {
    number: string;
    snapshot: string;
  }[];
  const active = db.prepare(`SELECT dataset, sha256 FROM DatasetVersion WHERE status = 'active'`).all() as {
    dataset: string;
    sha256: string;
  }[];
  db.close();
  return { releases, active };
}

test("/releases lists every release; a release page shows its sources with SHA-256 and its changelog", async ({
  page,
}) => {
  const { releases, active } = storedReleases();
  expect(releases.length).toBeGreaterThanOrEqual(2); // the Use of Force load, then the crisis sample
  await page.goto("/releases");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Releases");
  await expect(page.getByRole("note", { name: "Synthetic data notice" })).toBeVisible();
  const list = page.getByTestId("release-list");
  await expect(list.locator("tbody tr")).toHaveCount(releases.length);
  await expect(list.locator("tbody tr").first()).toContainText(`${releases[0]!.number} (latest)`);
  expect(await axeViolations(page)).toEqual([]);

  await list.getByRole("link", { name: releases[0]!.number, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releases[0]!.number.replace(/\./g, "\\.")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Release ${releases[0]!.number}`);
  const sources = page.getByTestId("release-sources");
  for (const d of active) await expect(sources).toContainText(d.sha256);
  await expect(page.getByTestId("changelog-lines").locator("li").first()).not.toBeEmpty();
  expect(await axeViolations(page)).toEqual([]);

  // What can be pinned, said for this release: its versions are the current ones, so its row extracts are served.
  const pinning = page.getByTestId("release-pinning");
  await expect(pinning).toContainText("aggregate-");
  await expect(pinning).toContainText("Row-level extracts of seattle-uof");
  await expect(pinning).toContainText("served pinned to this release");
  await expect(pinning.getByRole("link", { name: "use-of-force", exact: true })).toHaveAttribute(
    "href",
    `/extracts?dataset=use-of-force&release=${releases[0]!.number}`,
  );
  await expect(page.getByText("an extract cannot be pinned")).toHaveCount(0);

  // The oldest release is the first load: its changelog lists the Use of Force version as new.
  const oldest = releases.at(-1)!;
  await page.goto(`/releases/${oldest.number}`);
  await expect(page.getByText("The first release: everything in it is new.")).toBeVisible();
  await expect(page.getByTestId("changelog-lines")).toContainText("seattle-uof: first version");
  await expect(page.getByTestId("release-pinning")).toContainText("This release has no seattle-crisis data");
  // A release's page goes through the page frame: the site-wide notes, the pin and a malformed pin's message.
  await expect(page.getByTestId("page-notes")).toBeVisible();
  await page.goto(`/releases/${oldest.number}?release=${oldest.number}`);
  await expect(page.getByTestId("pinned-release")).toContainText(oldest.number);
  await expect(page.getByTestId("latest-link")).toHaveAttribute("href", `/releases/${oldest.number}`);
  await page.goto(`/releases/${oldest.number}?release=garbage`);
  await expect(page.getByTestId("release-param-error")).toBeVisible();

  expect((await page.goto("/releases/1999.01.1"))!.status()).toBe(404);
  await page.goto("/releases/not-a-release");
  await expect(page.getByTestId("release-id-error")).toContainText("is not a release id");
});

test("a chart CSV pinned to a release answers that release; bad and unknown ids are refused", async ({ request }) => {
  const { releases } = storedReleases();
  const chart = "/api/v1/charts/uof-incidents-by-level";
  const latest = await request.get(chart);
  expect(latest.status()).toBe(200);
  expect(latest.headers()["x-release"]).toBe(releases[0]!.number);
  // The latest release pinned is the unpinned answer, byte for byte.
  const pinnedLatest = await request.get(`${chart}?release=${releases[0]!.number}`);
  expect(pinnedLatest.headers()["x-release"]).toBe(releases[0]!.number);
  expect(await pinnedLatest.text()).toBe(await latest.text());
  // The first release held the same Use of Force version, so its figures are the same; its dataset label too.
  const first = await request.get(`${chart}?release=${releases.at(-1)!.number}`);
  expect(first.status()).toBe(200);
  expect(first.headers()["x-release"]).toBe(releases.at(-1)!.number);
  expect(first.headers()["x-dataset-version"]).toBe(latest.headers()["x-dataset-version"]);
  // A crisis chart did not exist in the first release (no crisis data yet): not found, rather than today's figures.
  expect((await request.get(`/api/v1/charts/crisis-contacts?release=${releases.at(-1)!.number}`)).status()).toBe(404);

  const bad = await request.get(`${chart}?release=newest`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_release");
  const unknown = await request.get(`${chart}?release=1999.01.1`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("unknown_release");
});

test("chart blocks offer the latest view and their data pinned to the release they show", async ({ page }) => {
  const { releases } = storedReleases();
  await page.goto("/use-of-force");
  const block = page.locator('[data-chart="uof-incidents-by-level"]');
  await expect(block.getByRole("link", { name: "Permalink to this view (latest release)" })).toBeVisible();
  const pinned = block.getByTestId("pinned-permalink");
  await expect(pinned).toHaveText(`This chart's data pinned to release ${releases[0]!.number} (CSV)`);
  const href = (await pinned.getAttribute("href"))!;
  expect(href).toMatch(
    new RegExp(`^/api/v1/charts/uof-incidents-by-level\\?.*release=${releases[0]!.number.replace(/\./g, "\\.")}$`),
  );
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["x-release"]).toBe(releases[0]!.number);
});

test("the releases feed is valid Atom, one entry per release, linked from every page", async ({ page, request }) => {
  const { releases } = storedReleases();
  const res = await request.get("/feeds/releases.atom");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await res.text();
  await page.goto("/data");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const ns = "http://www.w3.org/2005/Atom";
    return {
      error: doc.getElementsByTagName("parsererror").length,
      root: doc.documentElement.namespaceURI + " " + doc.documentElement.localName,
      entries: [...doc.getElementsByTagNameNS(ns, "entry")].map((e) => ({
        id: e.getElementsByTagNameNS(ns, "id")[0]?.textContent,
        title: e.getElementsByTagNameNS(ns, "title")[0]?.textContent,
        updated: e.getElementsByTagNameNS(ns, "updated")[0]?.textContent,
        summary: e.getElementsByTagNameNS(ns, "summary")[0]?.textContent,
      })),
    };
  }, xml);
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe("http://www.w3.org/2005/Atom feed");
  expect(parsed.entries.map((e) => e.title)).toEqual(releases.map((r) => `Release ${r.number}`));
  for (const e of parsed.entries) {
    expect(e.id).toMatch(/^tag:/);
    expect(Number.isNaN(Date.parse(e.updated ?? ""))).toBe(false);
    expect(e.summary?.length).toBeGreaterThan(0);
  }
  for (const path of ["/", "/data", "/releases"]) {
    await page.goto(path);
    // Every page links both feeds (releases and notes); this one exactly once.
    await expect(
      page.locator('head link[rel="alternate"][type="application/atom+xml"][href$="/feeds/releases.atom"]'),
    ).toHaveCount(1);
  }
});

test("a page pinned to a release shows the banner, that release's figures and notes; links and filters keep the pin", async ({
  page,
}) => {
  const { releases } = storedReleases();
  // The e2e data load Use of Force, then the crisis sample, then seed the notes (each a release; later specs may
  // publish and retire notes, each another release).
  const latest = releases[0]!;
  const first = releases.at(-1)!;
  const figuresOf = (r: { snapshot: string }) =>
    (JSON.parse(r.snapshot) as { figures: { value: string; label: string }[] }).figures;
  const notesOf = (r: { snapshot: string }) =>
    (JSON.parse(r.snapshot) as { notes: { state: string }[] }).notes.filter((n) => n.state === "published").length;
  // The newest release before any note was published: the crisis sample loaded, no notes yet.
  const beforeNotes = releases.find((r) => notesOf(r) === 0 && figuresOf(r).length === figuresOf(latest).length)!;
  expect(beforeNotes).toBeDefined();
  expect(notesOf(latest)).toBeGreaterThan(0);

  // Home pinned to the first release: its banner, exactly its headline figures (no crisis data yet), no notes then.
  await page.goto(`/?release=${first.number}`);
  const banner = page.getByTestId("pinned-release");
  await expect(banner).toContainText(
    new RegExp(`You are viewing release ${first.number.replace(/\./g, "\\.")} of \\w{3} \\d{1,2}, \\d{4}`),
  );
  await expect(banner.getByRole("link", { name: "see the latest" })).toHaveAttribute("href", "/");
  const values = await page.locator(".key-figure__value").allTextContents();
  expect(values).toEqual(figuresOf(first).map((f) => f.value));
  expect(notesOf(first)).toBe(0);
  await expect(page.getByTestId("page-notes")).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  // The figures' links to their chart pages stay on the release.
  const figureLinks = await page.locator(".key-figure a").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  expect(figureLinks.length).toBeGreaterThan(0);
  for (const href of figureLinks) expect(href).toContain(`release=${first.number}`);
  // A release's own page leads into the site as published then.
  await page.goto(`/releases/${first.number}`);
  await expect(page.getByTestId("release-site-link")).toHaveAttribute("href", `/?release=${first.number}`);
  // The latest: more figures (the crisis sample), the seeded notes, no banner.
  await page.goto("/");
  await expect(page.getByTestId("pinned-release")).toHaveCount(0);
  expect(await page.locator(".key-figure__value").allTextContents()).toEqual(figuresOf(latest).map((f) => f.value));
  expect(figuresOf(latest).length).toBeGreaterThan(figuresOf(first).length);
  await expect(page.getByTestId("page-notes")).toBeVisible();
  // The release just before the notes were seeded has the same figures as the latest, but not its notes.
  await page.goto(`/metrics?release=${beforeNotes.number}`);
  await expect(page.getByTestId("pinned-release")).toContainText(beforeNotes.number);
  await expect(page.getByTestId("page-notes")).toHaveCount(0);
  await expect(page.locator("section#kpi-force-rate svg [data-marker]")).toHaveCount(0);
  // The crisis page in the first release: there was no crisis data yet.
  await page.goto(`/crisis?release=${first.number}`);
  await expect(page.getByText("No crisis data has been loaded yet.")).toBeVisible();

  // Links inside a pinned page keep the pin: chart permalinks, the filter form, the other pages.
  const pin = latest.number;
  await page.goto(`/use-of-force?release=${pin}`);
  const block = page.locator('[data-chart="uof-incidents-by-level"]');
  await expect(block.getByRole("link", { name: `Permalink to this view in release ${pin}` })).toHaveAttribute(
    "href",
    new RegExp(`^/use-of-force\\?.*release=${pin.replace(/\./g, "\\.")}#uof-incidents-by-level$`),
  );
  await expect(block.getByTestId("latest-permalink")).toHaveAttribute(
    "href",
    /^\/use-of-force[^#]*#uof-incidents-by-level$/,
  );
  expect(await block.getByTestId("latest-permalink").getAttribute("href")).not.toContain("release=");
  await block.getByRole("tab", { name: "Share" }).click();
  await expect(block.getByTestId("share-pinned")).toHaveAttribute("href", new RegExp(`/use-of-force\\?.*release=`));
  await expect(block.getByTestId("share-permalink")).not.toHaveAttribute("href", /release=/);
  await expect(block.getByTestId("cite-apa")).toContainText(`release=${pin}`);
  await expect(
    page.getByTestId("pinned-release").getByRole("link", { name: "Crisis contacts", exact: true }),
  ).toHaveAttribute("href", `/crisis?release=${pin}`);
  await page.getByRole("form", { name: "Filters" }).getByLabel("Time step").selectOption("year");
  await page.getByRole("form", { name: "Filters" }).getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`release=${pin.replace(/\./g, "\\.")}`));
  await expect(page).toHaveURL(/granularity=year/);
  await expect(page.getByTestId("pinned-release")).toBeVisible();

  // At 360 px the banner fits and the page does not scroll sideways; axe is clean.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/methodology?release=${first.number}`);
  await expect(page.getByTestId("pinned-release")).toBeVisible();
  await expect(page.getByTestId("methodology-version")).not.toBeEmpty();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await axeViolations(page)).toEqual([]);
});

test("?release= that is not a release id gives a clear message, not a server error; an unknown one is not found", async ({
  page,
}) => {
  for (const path of ["/", "/crisis", "/methodology"]) {
    const res = await page.goto(`${path}?release=garbage`);
    expect(res!.status(), path).toBeLessThan(500);
    await expect(page.getByTestId("release-param-error")).toContainText('A release id looks like "2026.12.1"');
    await expect(page.getByRole("link", { name: "See this page as it is now" })).toHaveAttribute("href", path);
  }
  expect(await axeViolations(page)).toEqual([]);
  expect((await page.goto("/crisis?release=1999.01.1"))!.status()).toBe(404);
});

test("every public page shows its notes and can be pinned to a release", async ({ page }) => {
  const { releases } = storedReleases();
  for (const { path } of PUBLIC_PAGES) {
    // The seeded site-wide notes reach every page through the page frame (page-scoped ones too: integration test).
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(200);
    await expect(page.getByTestId("page-notes"), path).toBeVisible();
    await page.goto(`${path}?release=${releases[0]!.number}`);
    await expect(page.getByTestId("pinned-release"), path).toContainText(releases[0]!.number);
    await expect(page.getByTestId("page-notes"), path).toBeVisible();
  }
});

test("a pinned page says at its top that the site menu leads to the latest; its release links are keyboard reachable", async ({
  page,
}) => {
  const pin = storedReleases().releases.at(-1)!.number;
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/data?release=${pin}`);
  const banner = page.getByTestId("pinned-release");
  await expect(banner).toBeInViewport();
  await expect(page.getByTestId("pinned-release-pages")).toContainText(
    `The site menu and the footer lead to the latest release (the footer names the current data versions). To stay in release ${pin}:`,
  );
  // Keyboard: past the skip link, the first stops in the content are the banner's links.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(banner.getByRole("link", { name: pin, exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(banner.getByTestId("latest-link")).toBeFocused();
  await page.keyboard.press("Tab");
  const home = banner.getByRole("link", { name: "Key findings", exact: true });
  await expect(home).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/\\?release=${pin.replace(/\./g, "\\.")}$`));
  await expect(page.getByTestId("pinned-release")).toContainText(pin);
});

test("a shared pinned link previews what it pins: og:url, title and the preview image name the release", async ({
  request,
  baseURL,
}) => {
  const { releases } = storedReleases();
  const first = releases.at(-1)!.number; // the Use of Force load: no crisis data yet
  const meta = (html: string, key: string) =>
    new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&");
  const cases = [
    { path: `/use-of-force?granularity=year&release=${first}`, chart: "uof-incidents-by-level" },
    { path: `/methodology?release=${first}`, chart: "uof-" },
    // The crisis page of a release without crisis data: a chart that release has, not a 404 image.
    { path: `/crisis?release=${first}`, chart: "uof-" },
    { path: `/?release=${first}`, chart: "uof-" },
    { path: `/releases/${first}?release=${first}`, chart: "uof-" },
  ];
  for (const c of cases) {
    const html = await (await request.get(c.path)).text();
    expect(meta(html, "og:url"), c.path).toBe(`${baseURL}${c.path}`);
    expect(meta(html, "og:title"), c.path).toContain(first);
    const image = meta(html, "og:image")!;
    expect(image, c.path).toMatch(
      new RegExp(
        `^${baseURL}/embed/${c.chart}[a-z0-9-]*/preview\\.png\\?(.*&)?release=${first.replace(/\./g, "\\.")}$`,
      ),
    );
    expect(meta(html, "twitter:image"), c.path).toBe(image);
    const png = await request.get(image);
    expect(png.status(), image).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    // The image itself names the release: the address drawn under the chart is the pinned permalink.
    expect(readPngText(new Uint8Array(await png.body())).Source, image).toContain(`release=${first}`);
  }
  const unpinned = await (await request.get("/methodology?release=garbage")).text();
  expect(meta(unpinned, "og:url")).toBe(`${baseURL}/methodology`);
  expect(meta(unpinned, "og:image")).not.toContain("release=");
});

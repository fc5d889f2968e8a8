import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PUBLIC_PAGES } from "@/lib/annotations/targets";
import { MESSAGES } from "@/lib/i18n/messages";
import { TRANSLATED_PAGES } from "@/lib/i18n/translated";

/**
 * The Spanish portal (issue 20). TRANSLATED is the list of public pages whose text is in the catalogues so far (it
 * must equal lib/i18n/translated.ts, which drives the untranslated notice); each is scanned under /es for any
 * English sentence of the English catalogue. Every other public page must still render under /es, in English, with
 * the Spanish notice saying so.
 */
const TRANSLATED = [
  "/",
  "/explainers",
  "/explainers/association-causation",
  "/explainers/counting",
  "/explainers/data-limits",
  "/explainers/odds-ratios",
];
const es = (path: string) => (path === "/" ? "/es" : `/es${path}`);

type Tree = { [k: string]: string | Tree };
const leaves = (t: Tree): [string, string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : leaves(v)));

/** The literal runs of a message (placeholders, plural branches and tags removed) that are at least three words. */
function sentencesOf(message: string): string[] {
  let depth = 0;
  let out = "";
  for (const ch of message) {
    if (ch === "{") depth++;
    if (depth === 0) out += ch;
    else out += depth === 1 && ch === "}" ? "\u0000" : "";
    if (ch === "}") depth--;
    if (depth === 0 && ch === "{") out += "\u0000";
  }
  return out
    .split(/\u0000|<\/?\w+>/)
    .map((s) =>
      s
        .trim()
        .replace(/^[.,;:()]+|[.,;:()]+$/g, "")
        .trim(),
    )
    .filter((s) => s.split(/\s+/).length >= 3);
}

const enLeaves = new Map(leaves(MESSAGES.en as unknown as Tree));
const esValues = new Set(leaves(MESSAGES.es as unknown as Tree).map(([, v]) => v));
/** English sentences that a Spanish page must not contain (those identical in Spanish, e.g. names, excepted). */
const ENGLISH = [...new Set([...enLeaves.values()].filter((v) => !esValues.has(v)).flatMap(sentencesOf))];

/** What a reader (or a screen reader) gets: visible text, the title, labels and alternative text. */
const readerText = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll("[aria-label],[title],[alt],meta[content]")].flatMap((el) =>
      ["aria-label", "title", "alt", "content"].map((a) => el.getAttribute(a) ?? ""),
    );
    return [document.title, document.body.innerText, document.body.textContent ?? "", ...attrs].join("\n");
  });

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);

test("the translated-pages list of this test is the portal's", () => {
  expect([...TRANSLATED].sort()).toEqual([...TRANSLATED_PAGES].sort());
  expect(ENGLISH.length).toBeGreaterThan(20);
});

const endsWith = (path: string) => new RegExp(`:\\d+${path === "/" ? "/?" : path.replace(/[/?]/g, "\\$&")}$`);

test("translated pages under /es: lang, hreflang, no English sentence from the catalogue, axe clean at 360 px", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  for (const path of TRANSLATED) {
    // The English page shows the catalogue's sentences: the scan below would see them. (No cookie: the last /es
    // visit remembered Spanish, which would send the English address there.)
    await page.context().clearCookies();
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const english = await readerText(page);
    expect(ENGLISH.filter((s) => english.includes(s)).length, `${path} in English`).toBeGreaterThan(5);

    const res = await page.goto(es(path));
    expect(res?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByTestId("untranslated-notice")).toHaveCount(0);
    for (const [lang, href] of [
      ["en", path],
      ["es", es(path)],
      ["x-default", path],
    ])
      await expect(page.locator(`link[rel="alternate"][hreflang="${lang}"]`)).toHaveAttribute("href", endsWith(href!));
    const text = await readerText(page);
    expect(
      ENGLISH.filter((s) => text.includes(s)),
      `English sentences on ${es(path)}`,
    ).toEqual([]);
    expect(await axe(page), es(path)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${es(path)} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
  }
});

test("every public page renders under /es; untranslated ones say so in Spanish and mark their English", async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (const { path } of PUBLIC_PAGES) {
    const res = await page.goto(es(path));
    expect(res?.status(), es(path)).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.locator('link[rel="alternate"][hreflang="es"]')).toHaveCount(1);
    await expect(page.getByRole("navigation", { name: "Principal" })).toBeVisible();
    const notice = page.getByTestId("untranslated-notice");
    if (TRANSLATED.includes(path)) await expect(notice).toHaveCount(0);
    else {
      await expect(notice).toContainText("todavía no está traducida");
      await expect(page.locator("main")).toHaveAttribute("lang", "en");
    }
    if (path === "/crisis") expect(await axe(page), es(path)).toEqual([]);
  }
});

test("the switcher keeps the page and its filters both ways; the choice is remembered", async ({ page }) => {
  const query = "?precinct=West&granularity=year";
  // The same filters (the response cache renders a page with its query sorted, so their order may change).
  const sorted = (search: string) =>
    [...new URLSearchParams(search)]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join("&");
  const at = (path: string) => (url: URL) => url.pathname === path && sorted(url.search) === sorted(query);
  await page.goto(`/crisis${query}`);
  await page.getByTestId("language-switch").click();
  await page.waitForURL(at("/es/crisis"));
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByTestId("language-switch")).toContainText("English");
  // chosen: an English address now opens in Spanish, filters kept
  await page.goto(`/crisis${query}`);
  await page.waitForURL(at("/es/crisis"));
  await page.getByTestId("language-switch").click();
  await page.waitForURL(at("/crisis"));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("language-switch")).toContainText("Español");
  await page.goto("/");
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("an English address stays English without a choice; Spanish navigation keeps Spanish", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/", { waitUntil: "load" });
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Respuesta a crisis y uso de la fuerza en Seattle");
  // a client-side link to an untranslated page: loaded with its own layout (the notice), still Spanish
  const nav = page.getByRole("navigation", { name: "Principal" });
  if (await nav.getByText("Menú", { exact: true }).isVisible()) await nav.getByText("Menú", { exact: true }).click();
  await nav.getByText("Datos", { exact: true }).click();
  await nav.getByRole("link", { name: "Datos y versiones" }).click();
  await expect(page).toHaveURL(/\/es\/data$/);
  await expect(page.getByTestId("untranslated-notice")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
});

test("not-found under /es is Spanish; the response cache keeps each language apart", async ({
  page,
  playwright,
  baseURL,
}) => {
  const missing = await page.goto("/es/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No se encontró la página");
  await expect(page.getByTestId("untranslated-notice")).toBeHidden();

  const reader = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 2; i++) await reader.get("/es");
  const spanish = await reader.get("/es");
  expect(spanish.headers()["x-portal-cache"]).toBe("hit");
  expect(await spanish.text()).toContain('<html lang="es"');
  // this reader chose Spanish (the cookie): the English address sends them to it
  const remembered = await reader.get("/", { maxRedirects: 0 });
  expect(remembered.status()).toBe(307);
  expect(new URL(remembered.headers()["location"]!, baseURL).pathname).toBe("/es");
  await reader.dispose();
  const other = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 2; i++) await other.get("/");
  const english = await other.get("/");
  expect(english.headers()["x-portal-cache"]).toBe("hit");
  expect(await english.text()).toContain('<html lang="en"');
  await other.dispose();
});

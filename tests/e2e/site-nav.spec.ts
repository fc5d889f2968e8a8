import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { NAV_GROUPS } from "@/lib/site/nav";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const ALL_LINKS = NAV_GROUPS.flatMap((g) => g.links);

const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);

/** Tab until `target` has focus (at most `max` presses); fails if it never does. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("1280 px: the header is one row (title, three groups, staff sign-in); each group opens with the keyboard", async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  for (const path of ["/", "/crisis", "/data"]) {
    await page.goto(path);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByText("Menu", { exact: true })).toBeHidden();
    // Every top-level item and the title sit on one line: their vertical centres agree within a few pixels.
    const centres = await page.evaluate(() =>
      [document.querySelector(".site-title"), ...document.querySelectorAll(".site-nav__menu > .nav-list > li")].map(
        (el) => {
          const r = el!.getBoundingClientRect();
          return r.top + r.height / 2;
        },
      ),
    );
    expect(centres.length).toBe(NAV_GROUPS.length + 2);
    expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(6);
    const inner = await page.locator(".site-header__inner").boundingBox();
    expect(inner!.height).toBeLessThan(64);
    await expect(nav.getByRole("link", { name: "Staff sign in" })).toBeVisible();
  }

  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const group of NAV_GROUPS) {
    const summary = nav.locator("summary", { hasText: group.label });
    await tabTo(page, summary);
    await expect(nav.getByRole("link", { name: group.links[0]!.label, exact: true })).toBeHidden();
    await page.keyboard.press("Enter");
    for (const link of group.links)
      await expect(nav.getByRole("link", { name: link.label, exact: true })).toBeVisible();
    // The groups are one accordion (<details name>): opening the next closes this one.
    await expect(nav.locator(".nav-group details[open]")).toHaveCount(1);
    if (group === NAV_GROUPS[0]) expect(await axeViolations(page)).toEqual([]);
  }
  await page.keyboard.press("Escape");
  await expect(nav.locator("details[open]")).toHaveCount(0);
  await expect(nav.locator("summary", { hasText: NAV_GROUPS.at(-1)!.label })).toBeFocused();

  // A chosen page loads and its menu is closed again (the layout survives client navigation).
  await nav.locator("summary", { hasText: "Data" }).click();
  await nav.getByRole("link", { name: "Data & versions" }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(nav.locator("details[open]")).toHaveCount(0);
});

test("390 px: one Menu button; the menu opens with the keyboard and every page's link is reachable by Tab", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/crisis");
  const nav = page.getByRole("navigation", { name: "Main" });
  const inner = await page.locator(".site-header__inner").boundingBox();
  expect(inner!.height).toBeLessThan(100); // title (two lines at most) beside the Menu button
  await expect(nav.getByRole("link", { name: "Crisis contacts" })).toBeHidden();

  const menu = nav.locator("summary", { hasText: "Menu" });
  await tabTo(page, menu, 5);
  await page.keyboard.press("Enter");
  await expect(nav.getByRole("link", { name: "Staff sign in" })).toBeVisible();
  // Each group opens with Space (the groups are one accordion: opening one closes the other); Tab then walks its
  // links in order. Together they reach every page.
  const focused: string[] = [];
  for (const group of NAV_GROUPS) {
    await tabTo(page, nav.locator("summary", { hasText: group.label }), 20);
    await page.keyboard.press("Space");
    for (const link of group.links) {
      await page.keyboard.press("Tab");
      const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
      expect(href, `${group.label}: ${link.label}`).toBe(link.href);
      focused.push(href!);
    }
  }
  expect(focused).toEqual(ALL_LINKS.map((l) => l.href));
  // The open panel is inside the viewport and adds no horizontal page scroll.
  const panel = await nav.locator(".site-nav__menu > .nav-list").boundingBox();
  expect(panel!.x).toBeGreaterThanOrEqual(0);
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(PHONE.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  expect(await axeViolations(page)).toEqual([]);

  // Escape closes the innermost open disclosure (the Data group), leaving the menu open with focus on its summary.
  await page.keyboard.press("Escape");
  await expect(nav.locator("summary", { hasText: "Data" })).toBeFocused();
  await expect(nav.getByRole("link", { name: "Download data" })).toBeHidden();
  await expect(nav.getByRole("link", { name: "Staff sign in" })).toBeVisible();
  await nav.locator("summary", { hasText: "Findings" }).click();
  await nav.getByRole("link", { name: "Use of force" }).click();
  await expect(page).toHaveURL(/\/use-of-force$/);
  await expect(nav.getByRole("link", { name: "Use of force" })).toBeHidden();
});

test("without JavaScript the menu still opens and its links work", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await ctx.newPage();
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.locator("summary", { hasText: "Menu" }).click();
  await nav.locator("summary", { hasText: "Methods" }).click();
  await nav.getByRole("link", { name: "Methodology" }).click();
  await expect(page).toHaveURL(/\/methodology$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Methodology");
  await ctx.close();
});

test("/favicon.ico answers 200 with an icon", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const body = await res.body();
  expect(body.readUInt16LE(2)).toBe(1); // ICO type: icon
  expect(body.length).toBeGreaterThan(22);
});

test("390 px: a wide table's region says it scrolls sideways and shows the cue; tables that fit show no hint", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/use-of-force");
  const state = (region: ReturnType<Page["locator"]>) =>
    region.evaluate((el) => ({
      overflows: el.scrollWidth > el.clientWidth,
      focusable: el.tabIndex === 0,
      shadow: getComputedStyle(el).backgroundImage.includes("radial-gradient"),
      hint: getComputedStyle(el.querySelector(".table-scroll__hint")!).display !== "none",
    }));
  // Open each chart's table until one is wider than the phone; tables that fit on the way show no hint.
  const blocks = page.locator(".chart-block");
  // The tabs appear once the blocks hydrate (without JavaScript every panel is shown).
  await expect(blocks.first().getByRole("tab", { name: "Table" })).toBeVisible();
  let region: ReturnType<Page["locator"]> | null = null;
  for (let i = 0; i < (await blocks.count()) && !region; i++) {
    const tab = blocks.nth(i).getByRole("tab", { name: "Table" });
    if ((await tab.count()) === 0) continue;
    await tab.click();
    const candidate = blocks.nth(i).getByRole("region", { name: /scrolls sideways/ });
    await expect(candidate).toBeVisible();
    const s = await state(candidate);
    if (s.overflows) region = candidate;
    else expect(s.hint).toBe(false);
  }
  expect(region, "a chart table wider than 390 px").not.toBeNull();
  expect(await state(region!)).toEqual({ overflows: true, focusable: true, shadow: true, hint: true });
  await expect(region!.getByText("Scroll sideways for more columns")).toBeVisible();
  // The region scrolls with the keyboard once focused.
  await region!.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region!.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);

  await page.setViewportSize(DESKTOP);
  const wide = await state(region!);
  if (!wide.overflows) expect(wide.hint).toBe(false);
});

test("month filters show the data's first and last month instead of blank fields", async ({ page }) => {
  for (const path of ["/crisis", "/use-of-force", "/metrics", "/alternative-response"]) {
    await page.goto(path);
    const from = page.locator('input[type="month"][name="from"]');
    const to = page.locator('input[type="month"][name="to"]');
    const [fromValue, toValue] = [await from.inputValue(), await to.inputValue()];
    expect(fromValue, path).toMatch(/^\d{4}-\d{2}$/);
    expect(toValue, path).toMatch(/^\d{4}-\d{2}$/);
    expect(fromValue < toValue, path).toBe(true);
    expect(await from.getAttribute("min"), path).toBe(fromValue);
    expect(await to.getAttribute("max"), path).toBe(toValue);
  }
  // A chosen bound wins over the default.
  await page.goto("/crisis?from=2019-03");
  await expect(page.locator('input[type="month"][name="from"]')).toHaveValue("2019-03");
  expect(await axeViolations(page)).toEqual([]);
});

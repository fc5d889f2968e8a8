import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openE2eDb } from "./db";

test("home page shows use-of-force incidents per year equal to SQL over the loaded data", async ({ page }) => {
  const db = openE2eDb();
  const version = db
    .prepare(`SELECT id FROM DatasetVersion WHERE dataset = 'seattle-uof' AND status = 'active'`)
    .get() as { id: number };
  const expected = db
    .prepare(
      `SELECT substr(firstAt, 1, 4) AS year, COUNT(*) AS incidents
         FROM (SELECT incidentNum, MIN(occurredAt) AS firstAt FROM UseOfForce WHERE versionId = ? GROUP BY incidentNum)
        GROUP BY year ORDER BY year`,
    )
    .all(version.id) as { year: string; incidents: number }[];
  db.close();
  expect(expected.length).toBeGreaterThan(10); // the real file spans 2014-2026

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Crisis response and use of force");
  const table = page.getByTestId("uof-year-table");
  for (const row of expected) {
    const cell = table.locator(`tr[data-year="${row.year}"] td[data-col="incidents"]`);
    await expect(cell).toHaveText(row.incidents.toLocaleString("en-US"));
  }
  // 2019 is a full year in the real file: spot-check the figure the public sees against the raw rows.
  const y2019 = expected.find((r) => r.year === "2019");
  expect(y2019?.incidents).toBeGreaterThan(1000);
});

test("every page carries the synthetic-data banner while the crisis data is the sample", async ({ page }) => {
  for (const path of ["/", "/data"]) {
    await page.goto(path);
    await expect(page.getByRole("note", { name: "Synthetic data notice" })).toContainText("Synthetic data");
  }
});

test("each synthetic figure carries its own stamp; pages say which of their figures are synthetic", async ({
  page,
}) => {
  await page.goto("/");
  // The home page mixes real Use of Force cards with synthetic crisis cards: only the crisis ones are stamped.
  const cards = page.locator("article.key-figure");
  const stamped = await cards.evaluateAll((els) =>
    els.map((e) => [
      e.querySelector("h3")?.textContent ?? "",
      Boolean(e.querySelector('[data-testid="synthetic-badge"]')),
    ]),
  );
  expect(stamped.filter(([label]) => /^Crisis contacts/.test(label as string)).every(([, s]) => s)).toBe(true);
  expect(stamped.filter(([label]) => /^Use-of-force|^Share of/.test(label as string)).some(([, s]) => s)).toBe(false);
  expect(stamped.filter(([, s]) => s).length).toBeGreaterThan(0);
  for (const path of ["/cit", "/alternative-response"]) {
    await page.goto(path);
    await expect(page.getByTestId("page-data-status")).toContainText(
      "Every figure on this page is computed from a generated sample",
    );
  }
  await page.goto("/metrics");
  await expect(page.getByTestId("page-data-status")).toContainText("except the share of force at Level 2 or above");
  await expect(page.locator("section#kpi-force-rate [data-testid=synthetic-badge]")).toBeVisible();
  await expect(page.locator("section#kpi-level2-share [data-testid=synthetic-badge]")).toHaveCount(0);
  // /data never calls the generated sample "retrieved"
  await page.goto("/data");
  await expect(page.locator("main")).toContainText("never retrieved from Seattle");
});

test("footer names the dataset versions and the last update", async ({ page }) => {
  await page.goto("/");
  const footer = page.locator("footer");
  await expect(footer).toContainText("Data last updated");
  await expect(footer).toContainText("seattle-uof@");
  await expect(footer).toContainText("seattle-crisis@");
});

test("data page shows exact row accounting for each version", async ({ page }) => {
  const db = openE2eDb();
  const v = db
    .prepare(
      `SELECT rowsRead, rowsLoaded, rowsQuarantined FROM DatasetVersion WHERE dataset='seattle-uof' AND status='active'`,
    )
    .get() as Record<string, number>;
  const loaded = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM UseOfForce u JOIN DatasetVersion d ON d.id = u.versionId WHERE d.status='active'`,
      )
      .get() as { n: number }
  ).n;
  db.close();
  expect(loaded).toBe(v.rowsLoaded);
  expect(v.rowsRead).toBe(v.rowsLoaded! + v.rowsQuarantined!);
  await page.goto("/data");
  await expect(page.getByTestId("rows-seattle-uof")).toHaveText(
    `read ${v.rowsRead!.toLocaleString("en-US")} = loaded ${v.rowsLoaded!.toLocaleString("en-US")} + quarantined ${v.rowsQuarantined!.toLocaleString("en-US")}`,
  );
});

for (const path of ["/", "/data", "/no-such-page"]) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

test("pages are usable at 360 px: no horizontal page scroll, navigation reachable by keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/data"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  // Narrow screens: the Main navigation is a Menu disclosure of groups (components/site-header.tsx).
  const nav = page.getByRole("navigation", { name: "Main" });
  const focusByTab = async (target: ReturnType<typeof nav.locator>) => {
    for (let i = 0; i < 20 && !(await target.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(target).toBeFocused();
  };
  await focusByTab(nav.locator("summary", { hasText: "Menu" }));
  await page.keyboard.press("Enter");
  await focusByTab(nav.locator("summary", { hasText: "Data" }));
  await page.keyboard.press("Enter");
  await focusByTab(nav.getByRole("link", { name: "Data & versions" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/data$/);
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openE2eDb } from "./db";

const TEMPLATE_FIRST = `SELECT templateId, reportedDate, precinct FROM (
  SELECT c.templateId, c.reportedDate, c.precinct, ROW_NUMBER() OVER (PARTITION BY c.templateId ORDER BY c.reportedDate, c.id) AS rn
    FROM CrisisContact c JOIN DatasetVersion v ON v.id = c.versionId WHERE v.status = 'active') WHERE rn = 1`;

function yearlyContacts(precinct?: string): Map<string, number> {
  const db = openE2eDb();
  const rows = db
    .prepare(
      `SELECT substr(reportedDate, 1, 4) AS y, COUNT(*) AS n FROM (${TEMPLATE_FIRST}) ${precinct ? "WHERE precinct = ?" : ""} GROUP BY y`,
    )
    .all(...(precinct ? [precinct] : [])) as { y: string; n: number }[];
  db.close();
  return new Map(rows.map((r) => [r.y, r.n]));
}

test("chart block: table view shows the same numbers as SQL; sources, download and permalink work", async ({
  page,
  request,
}) => {
  const expected = yearlyContacts("West");
  await page.goto("/crisis?precinct=West&granularity=year");
  const block = page.locator("section#crisis-contacts");
  await expect(block.getByRole("heading", { level: 2 })).toHaveText("Crisis contacts over time");
  await expect(block.getByTestId("takeaway")).toContainText("West precinct");

  await block.getByRole("tab", { name: "Table" }).click();
  const table = block.getByRole("tabpanel").getByRole("table");
  await expect(table).toBeVisible();
  for (const [year, n] of expected) {
    // the count is the first cell; then the period's coverage and the unstable flag (lib/charts/publish.ts)
    await expect(
      table
        .getByRole("row", { name: new RegExp(`^${year}\\b`) })
        .locator("td")
        .first(),
    ).toHaveText(n.toLocaleString("en-US"));
  }
  // sortable: each click on the header sorts by count, and aria-sort says which way
  const header = table.getByRole("columnheader", { name: /Crisis contacts/ });
  for (let click = 0; click < 2; click++) {
    await header.getByRole("button").click();
    await expect(header).not.toHaveAttribute("aria-sort", "none");
    const direction = await header.getAttribute("aria-sort");
    const extreme = direction === "descending" ? Math.max(...expected.values()) : Math.min(...expected.values());
    await expect(table.locator("tbody tr").first().locator("td").first()).toHaveText(extreme.toLocaleString("en-US"));
  }

  await block.getByRole("tab", { name: "Sources" }).click();
  await expect(block.getByRole("tabpanel")).toContainText("seattle-crisis@");
  await expect(block.getByRole("tabpanel")).toContainText("Counted by Template ID".replace("Counted", "counted"));

  await block.getByRole("tab", { name: "Download" }).click();
  const csvHref = await block.getByRole("link", { name: "Data as CSV" }).getAttribute("href");
  expect(csvHref).toContain("precinct=West");
  const csv = await request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["x-dataset-version"]).toContain("seattle-crisis@");
  expect(csv.headers()["content-disposition"]).toMatch(/filename="crisis-contacts_seattle-crisis@/);
  const lines = (await csv.text()).trim().split("\n");
  // The trailing Notes column carries the published context notes of these years (lib/charts/csv-table.ts).
  // Then the flags of lib/charts/publish.ts: period coverage, small-count stability and the data's status.
  expect(lines[0]).toBe("Period,Crisis contacts,Period coverage,Unstable (count below 10),Data status,Notes");
  expect(lines.slice(1).every((l) => l.includes(",synthetic,"))).toBe(true);
  expect(lines.find((l) => l.startsWith("2020,"))).toContain("Protests after the murder of George Floyd");
  expect(new Map(lines.slice(1).map((l) => [l.split(",")[0]!, Number(l.split(",")[1])]))).toEqual(expected);
  await expect(block.getByRole("button", { name: "Chart as SVG" })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    block.getByRole("button", { name: "Chart as SVG" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("crisis-contacts.svg");

  const permalink = await block.getByRole("link", { name: "Permalink to this view" }).getAttribute("href");
  expect(permalink).toBe("/crisis?precinct=West&granularity=year#crisis-contacts");
});

test("tabs work with the keyboard", async ({ page }) => {
  await page.goto("/crisis");
  const block = page.locator("section#crisis-force-share");
  await block.getByRole("tab", { name: "Chart" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(block.getByRole("tab", { name: "Table" })).toBeFocused();
  await expect(block.getByRole("tab", { name: "Table" })).toHaveAttribute("aria-selected", "true");
  await expect(block.getByRole("tabpanel").getByRole("table")).toBeVisible();
});

test("bad filters get a message, not an error page; the CSV API answers 400 and 404 with the error shape", async ({
  page,
  request,
}) => {
  const res = await page.goto("/crisis?from=2020-13&granularity=week");
  expect(res?.status()).toBe(200);
  // Scoped to main: Next.js adds its own (empty) role=alert route announcer once hydrated.
  await expect(page.locator("main").getByRole("alert")).toContainText("use YYYY-MM");
  const bad = await request.get("/api/v1/charts/crisis-contacts?to=2019-01&from=2020-01");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/must not be after/);
  const missing = await request.get("/api/v1/charts/no-such-chart");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
});

test("use of force: beat map is keyboard reachable with a table alternative", async ({ page }) => {
  await page.goto("/use-of-force?granularity=year");
  const map = page.locator("section#uof-beat-map");
  await expect(map.getByTestId("takeaway")).toContainText("Beat");
  const beat = map.locator("use.beat").first();
  await beat.focus();
  await expect(beat).toBeFocused();
  await expect(beat).toHaveAttribute("aria-label", /Beat [A-Z]\d.*incidents/);
  // The outline is drawn from the cached sprite (app/maps/beats.svg), not sent in the page: it is on screen.
  const href = (await beat.getAttribute("href"))!;
  const [url, id] = href.split("#");
  expect(url).toMatch(/^\/maps\/beats\.svg\?v=[0-9a-f]{12}$/);
  const sprite = await page.request.get(url!);
  expect(sprite.headers()["content-type"]).toContain("image/svg+xml");
  expect(sprite.headers()["cache-control"]).toContain("immutable");
  expect(await sprite.text()).toMatch(new RegExp(`<path id="${id}" d="M[\\d.]+,[\\d.]+L`));
  const box = (await beat.boundingBox())!;
  expect(box.width * box.height).toBeGreaterThan(4);
  await map.getByRole("tab", { name: "Table" }).click();
  await expect(map.getByRole("tabpanel").getByRole("table")).toContainText("K2");
});

test("use of force by level per year equals SQL over the real file", async ({ page }) => {
  const db = openE2eDb();
  const rows = db
    .prepare(
      `SELECT substr(firstAt,1,4) AS y, COUNT(*) AS n FROM (SELECT incidentNum, MIN(occurredAt) AS firstAt FROM UseOfForce u
         JOIN DatasetVersion v ON v.id = u.versionId WHERE v.status = 'active' GROUP BY incidentNum) GROUP BY y`,
    )
    .all() as { y: string; n: number }[];
  db.close();
  await page.goto("/use-of-force?granularity=year");
  const block = page.locator("section#uof-incidents-by-level");
  await block.getByRole("tab", { name: "Table" }).click();
  for (const r of rows) {
    await expect(block.getByRole("row", { name: new RegExp(`^${r.y}\\b`) }).locator('td[data-col="total"]')).toHaveText(
      r.n.toLocaleString("en-US"),
    );
  }
});

for (const path of ["/crisis", "/use-of-force", "/metrics"]) {
  test(`axe: no violations on ${path}, and usable at 360 px`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator(".chart-block").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { CommunityResults } from "@/lib/community/compute";
import { formatEstimate } from "@/lib/format";
import { openE2eDb } from "./db";

/** The stored community results, read directly from the e2e database (what the pipeline wrote). */
function stored(): CommunityResults {
  const db = openE2eDb();
  const row = db.prepare(`SELECT payload FROM Result WHERE key = 'community.benchmarks'`).get() as { payload: string };
  db.close();
  return JSON.parse(row.payload);
}
/** People who received force (distinct incident + subject pairs) recorded Black / White, by SQL over the loaded rows. */
function forceCount(race: string, from: string, to: string): number {
  const db = openE2eDb();
  const row = db
    .prepare(
      `
    WITH ranked AS (SELECT u.subjectRace, MIN(u.occurredAt) OVER (PARTITION BY u.incidentNum) AS incFirst,
        ROW_NUMBER() OVER (PARTITION BY u.incidentNum, u.subjectKey ORDER BY u.occurredAt, u.id) AS rn
      FROM UseOfForce u JOIN DatasetVersion v ON v.id = u.versionId WHERE v.status = 'active')
    SELECT COUNT(*) AS n FROM ranked WHERE rn = 1 AND subjectRace = ? AND substr(incFirst, 1, 10) BETWEEN ? AND ?`,
    )
    .get(race, from, to) as { n: number };
  db.close();
  return row.n;
}

test("population ratios: the table shows the stored figures, equal to SQL, with the benchmark on every row", async ({
  page,
  request,
}) => {
  const res = stored();
  const period = `${res.completeYears[0]}-${res.completeYears.at(-1)}`;
  const w = res.populationRates.find((p) => p.period === period)!;
  const black = w.rows.find((r) => r.group === "Black")!;
  const white = w.rows.find((r) => r.group === "White")!;
  expect(black.force).toBe(forceCount("Black or African American", w.from, w.to));
  expect(white.force).toBe(forceCount("White", w.from, w.to));
  const rr = black.force / black.denominator / (white.force / white.denominator);
  expect(black.vsWhite!.ratio).toBeCloseTo(rr, 9);

  await page.goto("/community");
  const block = page.locator("section#community-population-ratios");
  // Readers get two significant figures (7.93 -> "7.9"); the CSV below keeps the full value.
  await expect(block.getByTestId("takeaway")).toContainText(`received force at ${formatEstimate(rr)} times`);
  await block.getByRole("tab", { name: "Table" }).click();
  const row = block.getByRole("tabpanel").getByRole("row", { name: /^Black or African American\b/ });
  await expect(row.locator('td[data-col="force"]')).toHaveText(black.force.toLocaleString("en-US"));
  await expect(row.locator('td[data-col="vsWhite"]')).toHaveText(formatEstimate(rr));
  await expect(row.locator('td[data-col="vsWhiteLow"]')).toHaveText(formatEstimate(black.vsWhite!.low));
  await expect(row.locator('td[data-col="benchmark"]')).toContainText("Residents (ACS 2020");
  await block.getByRole("tab", { name: "Sources" }).click();
  await expect(block.getByRole("tabpanel")).toContainText("Benchmark: Residents");
  await block.getByRole("tab", { name: "Download" }).click();
  const csv = await request.get((await block.getByRole("link", { name: "Data as CSV" }).getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["x-dataset-version"]).toContain("seattle-uof@");
  const text = await csv.text();
  expect(text.split("\n")[0]).toContain("Ratio vs White");
  expect(text).toContain(`Black or African American,${black.force}`);
});

test("every key ratio states its benchmark next to it; Terry stop and crisis benchmarks are shown", async ({
  page,
}) => {
  const res = stored();
  await page.goto("/community");
  const items = page.getByTestId("key-ratio");
  expect(await items.count()).toBeGreaterThanOrEqual(4);
  for (const item of await items.all())
    await expect(item.getByTestId("benchmark")).toContainText(/Benchmark: (residents|Terry stops)/);
  const terry = res.terryRates[0]!;
  const b = terry.rows.find((r) => r.group === "Black")!;
  await expect(
    page.locator(
      `[data-testid="key-ratio"][data-benchmark="terry-stops"][data-period="${terry.period}"] [data-testid="ratio-value"]`,
    ),
  ).toHaveText(formatEstimate(b.vsWhite!.ratio));
  await expect(page.getByTestId("crisis-benchmark")).toContainText("cannot be computed");
  await expect(page.locator("section#community-benchmark-comparison")).toBeVisible();
  await expect(page.locator("#benchmarks")).toContainText("no tract-to-beat or tract-to-precinct crosswalk");
  await expect(page.locator("#benchmarks a[href='/explainers/data-limits']")).toBeVisible();
  await expect(page.locator("#harmonisation table")).toContainText("Multi-Racial");
});

test("the beat view leads with the largest recorded beat and says how many people have none", async ({ page }) => {
  const res = stored();
  const byBeat = new Map<string, number>();
  for (const c of res.subjects) byBeat.set(c.beat, (byBeat.get(c.beat) ?? 0) + c.subjects);
  const unknown = byBeat.get("Unknown") ?? 0;
  const all = [...byBeat.values()].reduce((a, b) => a + b, 0);
  const [top, n] = [...byBeat].filter(([b]) => b !== "Unknown").sort((a, b) => b[1] - a[1])[0]!;
  expect(unknown).toBeGreaterThan(n); // the real data: the unrecorded beat is the largest "place"
  await page.goto("/community");
  const takeaway = page.locator("section#community-by-beat").getByTestId("takeaway");
  await expect(takeaway).toContainText(
    `Beat ${top} had the most people who received force (${n.toLocaleString("en-US")})`,
  );
  await expect(takeaway).toContainText(
    `${unknown.toLocaleString("en-US")} of the ${all.toLocaleString("en-US")} (${Math.round((100 * unknown) / all)}%) have no recorded beat`,
  );
});

test("year and precinct filters live in the URL and reach the download", async ({ page }) => {
  await page.goto("/community?year=2019&precinct=East");
  await expect(page.locator("section#community-population-ratios h2")).toContainText("2019");
  await expect(page.locator("section#community-by-beat h2")).toContainText("East precinct");
  await page.locator("section#community-by-beat").getByRole("tab", { name: "Download" }).click();
  await expect(page.locator("section#community-by-beat").getByRole("link", { name: "Data as CSV" })).toHaveAttribute(
    "href",
    /year=2019&precinct=East/,
  );
  await page.goto("/community?year=20x9");
  await expect(page.locator(".form-errors[role=alert]")).toContainText("four-digit year");
});

test("axe: no violations on /community, and usable at 360 px", async ({ page }) => {
  await page.goto("/community");
  await expect(page.locator(".chart-block").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/community");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the beat view is a keyboard-reachable map of people who received force, with the table as its alternative", async ({
  page,
}) => {
  await page.goto("/community");
  const block = page.locator("section#community-by-beat");
  const beat = block.locator("use.beat").first();
  await beat.focus();
  await expect(beat).toBeFocused();
  await expect(beat).toHaveAttribute("aria-label", /Beat [A-Z]\d.*people who received force/);
  await block.getByRole("tab", { name: "Table" }).click();
  await expect(block.getByRole("tabpanel").getByRole("table")).toBeVisible();
});

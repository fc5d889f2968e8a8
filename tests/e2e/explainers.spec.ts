import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openE2eDb } from "./db";
import { formatEstimate } from "@/lib/format";

function stored<T>(key: string): T {
  const db = openE2eDb();
  const row = db.prepare(`SELECT payload FROM Result WHERE key = ?`).get(key) as { payload: string };
  db.close();
  return JSON.parse(row.payload) as T;
}
const fmt = (n: number) => n.toLocaleString("en-US");

test("the counting explainer shows the stored figures of the current versions", async ({ page }) => {
  const crisis = stored<{ totals: { rows: number; templates: number; contacts: number } }>("crisis.yearly");
  const uof = stored<{ totals: { rows: number; incidents: number } }>("uof.yearly");
  await page.goto("/explainers/counting");
  const c = page.getByTestId("crisis-counts");
  await expect(c).toContainText(`${fmt(crisis.totals.rows)} rows`);
  await expect(c).toContainText(`${fmt(crisis.totals.templates)} crisis contacts (Template IDs)`);
  await expect(c).toContainText(`${fmt(crisis.totals.contacts)} officer contacts (Template ID + Officer ID)`);
  await expect(page.getByTestId("uof-counts")).toContainText(`${fmt(uof.totals.rows)} rows`);
  await expect(page.getByTestId("uof-counts")).toContainText(
    `${fmt(uof.totals.incidents)} use-of-force incidents (Incident_Num)`,
  );
});

test("every count or rate of contacts in an explainer names its unit (crisis or officer contacts)", async ({
  page,
}) => {
  const crisis = stored<{
    totals: { templates: number; contacts: number; contactsWithForce: number; templatesWithForce: number };
  }>("crisis.yearly");
  const unnamed: string[] = [];
  for (const path of [
    "/explainers/counting",
    "/explainers/odds-ratios",
    "/explainers/data-limits",
    "/explainers/association-causation",
  ]) {
    await page.goto(path);
    const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    // A number, a share or "per 1,000" before "contacts": the word before "contacts" must be crisis or officer.
    for (const m of text.matchAll(/(?:\d[\d,.]*%?|per 1,000|1,000)(?: of)?(?: all)? ([A-Za-z-]+ )?contacts?\b/g))
      if (!/^(crisis|officer) $/i.test(m[1] ?? "")) unnamed.push(`${path}: "${m[0]}"`);
  }
  expect(unnamed).toEqual([]);
  // Both units where both matter: the force baseline in the CIT models' unit and in the trend pages' unit.
  await page.goto("/explainers/odds-ratios");
  const baseline = page.getByTestId("baseline-sentence");
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  await expect(baseline).toContainText(
    `${pct(crisis.totals.contactsWithForce / crisis.totals.contacts)} of officer contacts (Template ID + Officer ID)`,
  );
  await expect(baseline).toContainText(
    `crisis contacts (Template IDs), ${pct(crisis.totals.templatesWithForce / crisis.totals.templates)}`,
  );
});

test("the odds-ratio explainer computes from the current force rate, and its playground works", async ({ page }) => {
  const crisis = stored<{ totals: { contacts: number; contactsWithForce: number } }>("crisis.yearly");
  const p0 = crisis.totals.contactsWithForce / crisis.totals.contacts;
  await page.goto("/explainers/odds-ratios");
  await expect(page.getByTestId("baseline-sentence")).toContainText(`about ${Math.round(p0 * 1000)} in every 1,000`);
  await expect(page.getByTestId("baseline-sentence")).toContainText(p0.toFixed(4));
  const slider = page.getByRole("slider");
  await slider.fill("2");
  await expect(page.getByTestId("playground-sentence")).toContainText("100% higher odds");
  const expected = ((2 * p0) / (1 - p0) / (1 + (2 * p0) / (1 - p0))) * 1000;
  await expect(page.getByTestId("playground-sentence")).toContainText(expected.toFixed(1));
});

test("every chart block links to an explainer in one click", async ({ page }) => {
  for (const path of ["/crisis", "/use-of-force", "/metrics", "/alternative-response"]) {
    await page.goto(path);
    const blocks = page.locator(".chart-block");
    const n = await blocks.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const href = await blocks.nth(i).getByRole("link", { name: "How to read this" }).getAttribute("href");
      expect(href).toMatch(/^\/(explainers|methodology)/);
    }
  }
  await page.goto("/crisis");
  await page.locator("section#crisis-contacts").getByRole("link", { name: "How to read this" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("A row is not a contact");
});

test("the data dictionary is generated from the source mappings", async ({ page }) => {
  await page.goto("/data-dictionary");
  await expect(page.getByTestId("dictionary-seattle-crisis").locator("tbody tr")).toHaveCount(25);
  await expect(page.getByTestId("dictionary-seattle-uof").locator("tbody tr")).toHaveCount(11);
  await expect(page.getByTestId("dictionary-seattle-crisis")).toContainText("occured_date_time");
});

for (const path of [
  "/explainers",
  "/explainers/odds-ratios",
  "/explainers/association-causation",
  "/explainers/counting",
  "/explainers/data-limits",
  "/methodology",
  "/data-dictionary",
]) {
  test(`axe: no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
  });
}

test("association and data-limits explainers quote the stored results", async ({ page }) => {
  const cit = stored<{ force: { terms: { term: string; oddsRatio: number }[] } }>("crisis.cit");
  const or = cit.force.terms.find((t) => t.term === "cit_certified")!.oddsRatio;
  await page.goto("/explainers/association-causation");
  // The same two significant figures as the CIT page.
  await expect(page.getByTestId("cit-association")).toContainText(formatEstimate(or));
  const crisis = stored<{ totals: { contacts: number }; years: { contactsCitCertified: number }[] }>("crisis.yearly");
  const share = crisis.years.reduce((s, y) => s + y.contactsCitCertified, 0) / crisis.totals.contacts;
  await page.goto("/explainers/data-limits");
  await expect(page.getByTestId("limit-cit")).toContainText(`${(share * 100).toFixed(1)}%`);
  const uof = stored<{ subjects: { race: string; subjects: number }[] }>("uof.aggregates");
  const all = uof.subjects.reduce((s, x) => s + x.subjects, 0);
  const ns = uof.subjects.filter((x) => x.race === "Not Specified").reduce((s, x) => s + x.subjects, 0);
  await expect(page.getByTestId("limit-missing")).toContainText(`${((ns / all) * 100).toFixed(1)}%`);
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openE2eDb } from "./db";
import { formatEstimate } from "@/lib/format";

interface Term {
  term: string;
  label: string;
  oddsRatio: number;
  ciLow: number;
  ciHigh: number;
  ame: { perThousand: number } | null;
}
function citResult(): { n: number; force: { terms: Term[] }; modality: { note: string } } {
  const db = openE2eDb();
  const row = db.prepare(`SELECT payload FROM Result WHERE key = 'crisis.cit'`).get() as { payload: string };
  db.close();
  return JSON.parse(row.payload);
}

test("the CIT page shows the stored model: the CIT odds ratio, its interval and the difference per 1,000", async ({
  page,
  request,
}) => {
  const cit = citResult();
  const term = cit.force.terms.find((t) => t.term === "cit_certified")!;
  await page.goto("/cit");
  await expect(page.getByRole("note", { name: "What the data can separate" })).toContainText("Two groups, not three");
  await expect(page.getByTestId("cit-n")).toContainText(`${cit.n.toLocaleString("en-US")} officer contacts`);
  const block = page.locator("section#cit-force-model");
  // Ratios to two significant figures for readers (the CSV keeps the full values).
  await expect(block.getByTestId("takeaway")).toContainText(`odds ratio of ${formatEstimate(term.oddsRatio)}`);
  await expect(block.getByTestId("takeaway")).toContainText(
    `${formatEstimate(term.ciLow)} to ${formatEstimate(term.ciHigh)}`,
  );
  await expect(block.getByTestId("takeaway")).toContainText(`${formatEstimate(Math.abs(term.ame!.perThousand))}`);
  await block.getByRole("tab", { name: "Table" }).click();
  await expect(
    block.getByRole("tabpanel").getByRole("row", { name: new RegExp(`^${term.label.replace(/[()]/g, ".")}`) }),
  ).toContainText(formatEstimate(term.oddsRatio));
  // the situational factors lead the page, before the training coefficient
  const ids = await page.locator(".chart-block").evaluateAll((els) => els.map((e) => e.id));
  expect(ids.indexOf("cit-call-risk")).toBeLessThan(ids.indexOf("cit-force-model"));
  await expect(block.getByTestId("takeaway")).toContainText("is associated with");
  const csv = await request.get("/api/v1/charts/cit-force-model");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Difference per 1,000 officer contacts");
});

test("axe: no violations on the CIT page", async ({ page }) => {
  await page.goto("/cit");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
});

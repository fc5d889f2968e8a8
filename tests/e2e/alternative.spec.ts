import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const candidates = async (page: import("@playwright/test").Page) => {
  const text = (await page.getByTestId("candidate-summary").textContent()) ?? "";
  const m = /(\d+) call types qualify/.exec(text);
  return m ? Number(m[1]) : 0;
};

test("the rule lives in the URL and is rendered on the server (works without JavaScript)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/alternative-response");
  await expect(page.getByRole("note", { name: "Read this first" })).toContainText("not known when it is dispatched");
  const strict = await candidates(page);
  await page.getByLabel("Threshold (%)").fill("30");
  await page.getByLabel("Judged on").selectOption("estimate");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/threshold=30/);
  await expect(page).toHaveURL(/basis=estimate/);
  expect(await candidates(page)).toBeGreaterThan(strict);
  // the table (visible without JS) classifies each call type with the same rule
  const table = page.locator("section#alt-call-types table");
  await expect(table.locator("tbody tr").first()).toContainText(/Candidate|Not a candidate|Too few/);
  await context.close();
});

test("the default rule finds call types and draws its threshold; the strict preset explains why it finds none", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/alternative-response");
  expect(await candidates(page)).toBeGreaterThan(0);
  // The server-drawn chart has the threshold line with its label; the definitions say what it means.
  const block = page.locator("section#alt-call-types");
  const line = block.getByTestId("reference-line");
  await expect(line.locator("line")).toHaveCount(1);
  await expect(line.locator("text")).toHaveText("Rule threshold 10%");
  await expect(block).toContainText("The dashed line marks the rule's threshold, 10%");
  // The presets, each with what it finds; the strict one (the former default) says why it finds none.
  await expect(page.getByTestId("rule-presets")).toContainText(
    /Strict: arrest or force under 5%.*: 0 of \d+ call types qualify/,
  );
  await expect(page.getByTestId("strict-reason")).toContainText("the minimum is not what stops them: the threshold is");
  await page.getByTestId("rule-presets").getByRole("link", { name: "Strict" }).click();
  await expect(page).toHaveURL(/threshold=5&basis=upper&minContacts=50/);
  await expect(page.getByTestId("candidate-summary")).toContainText("no call type qualifies. Every one of the");
  await expect(page.getByTestId("candidate-summary")).toContainText("The closest is");
  await expect(page.locator("section#alt-call-types").getByTestId("reference-line")).toContainText("5%");
  // The eras chart says why it has no candidate bars instead of drawing empty ones.
  await expect(page.locator("section#alt-eras")).toContainText("No call type is a candidate under this rule");
  await context.close();
});

test("the CSV of call types carries the rule and the dataset version; bad rules get a message", async ({
  page,
  request,
}) => {
  await page.goto("/alternative-response?threshold=10&basis=estimate&minContacts=20");
  // Once hydrated, the link sits in the Download tab: open it as a reader would (a hidden link has no role).
  const block = page.locator("section#alt-call-types");
  await block.getByRole("tab", { name: "Download" }).click();
  const href = await block.getByRole("link", { name: "Data as CSV" }).getAttribute("href");
  expect(href).toContain("threshold=10");
  const res = await request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["x-dataset-version"]).toContain("seattle-crisis@");
  const [header, ...rows] = (await res.text()).trim().split("\n");
  expect(header).toContain("Initial call type,Rule,Crisis contacts");
  expect(header).toContain("Rule threshold");
  expect(rows[0]).toContain(",10%,");
  expect(rows.length).toBeGreaterThan(5);
  await page.goto("/alternative-response?threshold=99");
  await expect(page.locator("main").getByRole("alert")).toContainText("threshold must be at most 50");
  expect((await request.get("/api/v1/charts/alt-call-types?threshold=abc")).status()).toBe(400);
});

test("axe: no violations on the alternative-response page", async ({ page }) => {
  await page.goto("/alternative-response");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// A looser rule than the default (observed share under 10%), set in the URL as a reader would.
const BROAD = "/alternative-response?threshold=10&basis=estimate&minContacts=20";
const reached = async (page: Page) =>
  Number(((await page.getByTestId("cov-reached").textContent()) ?? "").split(" ")[0]!.replace(/,/g, ""));

for (const javaScriptEnabled of [false, true]) {
  test(`the simulator follows hours and teams from the URL (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${BROAD}#coverage-model`);
    const form = page.getByRole("form", { name: "Coverage simulator" });
    await expect(page.getByTestId("cov-hours")).toHaveText("Mon-Sun 11-23");
    const before = await reached(page);
    expect(before).toBeGreaterThan(0);

    await form.getByLabel("Teams on duty").fill("1");
    for (const day of ["Saturday", "Sunday"]) await form.getByLabel(day, { exact: true }).fill("");
    await form.getByLabel("Monday", { exact: true }).fill("8-20");
    await form.getByRole("checkbox", { name: "West", exact: true }).check();
    await form.getByRole("button", { name: "Simulate" }).click();
    await expect(page).toHaveURL(/teams=1/);
    await expect(page.getByTestId("cov-hours")).toHaveText("Mon 8-20,Tue-Fri 11-23");
    const after = await reached(page);
    expect(after).toBeLessThan(before);
    await expect(page.getByTestId("cov-missed")).toContainText(/outside area [1-9]/);
    // The rule set in the other form is kept, and the permalink carries the simulation.
    await expect(page.getByTestId("candidate-summary")).toContainText("call types qualify");
    const permalink = (await page.getByTestId("cov-permalink").getAttribute("href"))!;
    expect(permalink).toContain("teams=1");
    expect(decodeURIComponent(permalink.replace(/\+/g, " "))).toContain("hours=Mon 8-20,Tue-Fri 11-23");
    expect(permalink).toContain("precincts=West");
    expect(permalink).toContain("threshold=10");
    await page.goto(permalink);
    expect(await reached(page)).toBe(after);
    await context.close();
  });
}

test("bad parameters: field messages on the page, 400 from the CSV and extract APIs; CSVs carry rule, parameters and version", async ({
  page,
  request,
}) => {
  await page.goto(`${BROAD}&teams=0&hMon=9-25#coverage-model`);
  const form = page.getByRole("form", { name: "Coverage simulator" });
  await expect(form.getByRole("alert")).toContainText("teams must be at least 1");
  await expect(form.getByRole("alert")).toContainText("Mon hours");
  await expect(form.getByLabel("Teams on duty")).toHaveAttribute("aria-invalid", "true");

  const bad = await request.get("/api/v1/charts/alt-sim-outcomes?teams=abc");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("teams must be a number");
  expect((await request.get("/api/v1/extracts/aggregate-alt-sim-windows?format=json&hours=Mon%2025-3")).status()).toBe(
    400,
  );

  const csv = await request.get(
    `/api/v1/charts/alt-sim-rules?threshold=10&basis=estimate&minContacts=20&teams=3&hours=Mon-Fri%2011-23`,
  );
  expect(csv.status()).toBe(200);
  const [header, ...rows] = (await csv.text()).trim().split("\n");
  expect(header).toContain("Rule,Year,Simulator parameters,Dataset version");
  expect(rows).toHaveLength(3);
  expect(rows[1]).toContain("teams=3");
  expect(rows[1]).toContain("seattle-crisis@");
  const json = await (
    await request.get("/api/v1/extracts/aggregate-alt-heatmap?format=json&threshold=10&basis=estimate&minContacts=20")
  ).json();
  expect(json.rows).toHaveLength(24);
});

test("axe: the coverage model with results has no violations", async ({ page }) => {
  await page.goto(`${BROAD}&teams=0#coverage-model`);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
  await page.goto(`${BROAD}#coverage-model`);
  const ok = await new AxeBuilder({ page }).analyze();
  expect(ok.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
});

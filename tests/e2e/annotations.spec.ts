import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CHART_TARGETS } from "@/lib/annotations/targets";
import { openE2eDb } from "./db";
import { signInAs } from "./staff-helpers";

/**
 * Annotations end to end: an analyst drafts (bad input first), submits; the same analyst cannot publish; a supervisor
 * cannot either (no button, and a forged POST to the action is refused); an admin publishes; the marker is on the
 * public chart and the note in its CSV; retiring removes both but keeps the note on the corrections page; the history
 * shows every version.
 */
test.describe.configure({ mode: "serial" });

const TITLE = `Crisis template review ${Date.now()}`;
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);
const fieldError = (page: Page, field: string) => page.locator(`[data-field-error="${field}"]`);
const state = (page: Page) => page.getByTestId("annotation-state");
let noteId = 0;
let noteUrl = "";

async function csvOf(page: Page, chartId: string): Promise<string> {
  const res = await page.request.get(`/api/v1/charts/${chartId}`);
  expect(res.status()).toBe(200);
  return res.text();
}

/** A value the picker does not offer (as a forged POST would send), to check the server's own scope check. */
async function forgeScope(page: Page, value: string) {
  await page.getByLabel("Where it applies").evaluate((select, v) => {
    const option = document.createElement("option");
    option.value = v;
    option.textContent = v;
    select.appendChild(option);
    (select as HTMLSelectElement).value = v;
  }, value);
}

test("an analyst drafts (field messages for bad input), submits, and cannot publish their own note", async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "analyst");
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Annotations" }).click();
  await expect(page).toHaveURL(/\/staff\/annotations$/);
  await page.getByRole("link", { name: "New annotation" }).click();

  await page.getByLabel("Title").fill(TITLE);
  // The scope is a picker (no ids typed by hand); a forged value is still refused by the server at the field.
  await expect(page.locator('input[name="scopeTarget"]')).toHaveCount(0);
  await expect(page.getByLabel("Where it applies").locator('option[value="chart:crisis-contacts"]')).toHaveCount(1);
  await forgeScope(page, "chart:crisis-nonexistent");
  await page.getByLabel("Date, or start of the range").fill("2019-08-15");
  await page.getByLabel("End of the range (optional)").fill("2019-07-01");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(fieldError(page, "body")).toHaveText("Write the note: the body cannot be empty");
  await expect(fieldError(page, "dateEnd")).toHaveText("The end date must not be before the start date");
  await expect(fieldError(page, "scopeTarget")).toContainText('No chart "crisis-nonexistent"');
  await expect(page.getByLabel("Note (Markdown)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(TITLE); // what was typed is kept
  expect(await axe(page)).toEqual([]);

  await page.getByLabel("Note (Markdown)").fill("Check <script>alert(1)</script> this");
  await page.getByLabel("Where it applies").selectOption("chart:crisis-contacts");
  await page.getByLabel("End of the range (optional)").fill("");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(fieldError(page, "body")).toHaveText(/^HTML is not allowed; use Markdown/);
  await expect(fieldError(page, "dateEnd")).toHaveCount(0);
  await expect(fieldError(page, "scopeTarget")).toHaveCount(0);

  await page
    .getByLabel("Note (Markdown)")
    .fill("The crisis template was **revised** in August 2019; see [the methodology](/methodology).");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/staff\/annotations\/\d+\?saved=created$/);
  noteUrl = new URL(page.url()).pathname;
  noteId = Number(noteUrl.split("/").at(-1));
  await expect(state(page)).toHaveText("Draft");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/saved=submit/);
  await expect(state(page)).toHaveText("In review");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByText("someone else must publish it").first()).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // Not public while in review.
  expect(await csvOf(page, "crisis-contacts")).not.toContain(TITLE);
  await page.goto("/notes");
  await expect(page.locator("main")).not.toContainText(TITLE);
});

test("a supervisor cannot publish: no button, and a forged POST to the action is refused", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "supervisor");
  await page.goto(noteUrl);
  await expect(state(page)).toHaveText("In review");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByTestId("no-actions")).toContainText("Supervisors can write drafts");

  // The supervisor's own draft has a "Submit for review" form for the same server action: point it at the
  // analyst's note and ask it to publish.
  await page.goto("/staff/annotations/new");
  await page.getByLabel("Title").fill(`Supervisor draft ${TITLE}`);
  await page.getByLabel("Note (Markdown)").fill("West precinct staffing changed.");
  await page.getByLabel("Where it applies").selectOption("precinct:West");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/saved=created/);
  const form = page.locator("form[data-change='submit']");
  await form.evaluate((f, id) => {
    (f.querySelector("input[name=id]") as HTMLInputElement).value = String(id);
    (f.querySelector("input[name=version]") as HTMLInputElement).value = "2";
    (f.querySelector("input[name=change]") as HTMLInputElement).value = "publish";
  }, noteId);
  await form.getByRole("button", { name: "Submit for review" }).click();
  await expect(form.getByRole("alert")).toHaveText("Only an analyst or an admin can publish an annotation.");
  const db = openE2eDb();
  const row = db.prepare("SELECT state, version FROM Annotation WHERE id = ?").get(noteId) as {
    state: string;
    version: number;
  };
  const denied = db
    .prepare("SELECT COUNT(*) AS n FROM AuditLog WHERE action = 'access.denied' AND target = ?")
    .get(`annotation:${noteId}`) as { n: number };
  db.close();
  expect(row).toEqual({ state: "in_review", version: 2 });
  expect(denied.n).toBeGreaterThanOrEqual(1);
  // A supervisor's draft is never public.
  await page.goto("/notes");
  await expect(page.locator("main")).not.toContainText("Supervisor draft");
});

test("an admin publishes: the marker is on the public chart, the note under it and in its CSV; retiring removes them", async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin");
  await page.goto(noteUrl);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL(/saved=publish/);
  await expect(state(page)).toHaveText("Published");

  await page.goto("/crisis");
  const block = page.locator("section#crisis-contacts");
  await expect(block.locator(`svg [data-marker="${noteId}"]`)).toHaveCount(1);
  // Numbered on the axis, with the full title and its period in the key under the chart.
  await expect(block.locator(`svg [data-marker="${noteId}"]`)).toHaveText(`${TITLE} (2019-Q3)`);
  const notes = block.getByTestId("chart-notes");
  await notes.locator("summary").click();
  await expect(notes).toContainText(TITLE);
  await expect(notes.getByRole("link", { name: "the methodology" })).toHaveAttribute("href", "/methodology");
  await block.getByRole("tab", { name: "Sources" }).click();
  await expect(block.getByRole("tabpanel").locator(`[data-marker="${noteId}"]`)).toContainText(`2019-Q3: ${TITLE}`);
  await expect(block.getByRole("tabpanel").getByRole("link", { name: TITLE })).toHaveAttribute(
    "href",
    `/notes#note-${noteId}`,
  );
  // Only the chart it is scoped to.
  await expect(page.locator(`section#crisis-force-share svg [data-marker="${noteId}"]`)).toHaveCount(0);

  const csv = await csvOf(page, "crisis-contacts");
  const [header, ...rows] = csv.trim().split("\n");
  expect(header).toBe("Period,Crisis contacts,Period coverage,Unstable (count below 10),Data status,Notes");
  expect(rows.find((r) => r.startsWith("2019-Q3,"))).toContain(TITLE);
  expect(rows.find((r) => r.startsWith("2019-Q2,"))).not.toContain(TITLE);
  const manifest = await (await page.request.get("/api/v1/extracts/aggregate-crisis-contacts/manifest")).json();
  expect(manifest.annotations.map((n: { title: string }) => n.title)).toContain(TITLE);

  await page.goto(noteUrl);
  await page.getByLabel("Why is it retired? (optional, kept in the history)").fill("Replaced by the methodology note");
  await page.getByRole("button", { name: "Retire" }).click();
  await expect(page).toHaveURL(/saved=retire/);
  await expect(state(page)).toHaveText("Retired");

  await page.goto("/crisis");
  await expect(page.locator("section#crisis-contacts .chart-block__chart svg").first()).toBeVisible();
  await expect(page.locator(`[data-marker="${noteId}"]`)).toHaveCount(0);
  expect(await csvOf(page, "crisis-contacts")).not.toContain(TITLE);
  await page.goto("/notes");
  const retired = page.locator(`#note-${noteId}`);
  await expect(retired).toContainText(TITLE);
  await expect(retired).toContainText(/Retired \d{4}-\d{2}-\d{2}/);
  await expect(page.locator("section", { has: page.locator("#retired-notes") })).toContainText(TITLE);
});

test("the history shows every version with who and when", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "analyst");
  await page.goto(noteUrl);
  const rows = page.getByTestId("version-history").locator("tbody tr");
  await expect(rows).toHaveCount(4);
  const expected = [
    ["1", "create", "analyst@demo.invalid"],
    ["2", "submit", "analyst@demo.invalid"],
    ["3", "publish", "admin@demo.invalid"],
    ["4", "retire", "admin@demo.invalid"],
  ];
  for (const [i, [version, change, who]] of expected.entries()) {
    await expect(rows.nth(i)).toHaveAttribute("data-version", version!);
    await expect(rows.nth(i)).toHaveAttribute("data-change", change!);
    await expect(rows.nth(i)).toContainText(who!);
  }
  await expect(rows.nth(3)).toContainText("Note: Replaced by the methodology note");
  await expect(page.getByRole("button", { name: /Publish|Retire|Submit/ })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await page.goto("/staff/annotations?state=retired");
  await expect(page.getByTestId("annotation-table")).toContainText(TITLE);
  expect(await axe(page)).toEqual([]);
});

test("seeded context notes are published and sourced; the corrections page and methodology list them; axe", async ({
  page,
}) => {
  await page.goto("/notes");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Corrections and notes");
  const settlement = page.locator("article.note", {
    has: page.getByRole("heading", { name: /^Settlement Agreement/ }),
  });
  await expect(settlement).toContainText("27 Jul 2012");
  await expect(settlement).toContainText(
    "Context note from the portal team, sourced: Settlement Agreement and Stipulated",
  );
  expect(await axe(page)).toEqual([]);
  await page.goto("/methodology");
  await expect(page.getByTestId("context-notes")).toContainText("Protests after the murder of George Floyd");
  await page.goto("/metrics");
  await expect(page.locator("section#kpi-force-rate svg [data-marker]").first()).toBeVisible();
  await expect(page.getByTestId("page-notes")).toContainText("Notes from the portal team");
});

test("every chart block on the public pages is a known annotation target", async ({ page }) => {
  const seen: string[] = [];
  for (const path of ["/crisis", "/use-of-force", "/metrics", "/cit", "/community", "/alternative-response"]) {
    await page.goto(path);
    for (const id of await page
      .locator("section[data-chart]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-chart")!))) {
      seen.push(id);
      expect(CHART_TARGETS[id]?.page, `${id} on ${path}`).toBe(path);
    }
  }
  expect(seen.length).toBeGreaterThan(20);
});

test("the annotation form works without JavaScript: field messages, then a saved draft", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, "analyst");
  await page.goto("/staff/annotations/new");
  await page.getByLabel("Title").fill(`No-JS note ${TITLE}`);
  await page.getByLabel("Where it applies").selectOption("page:/crisis");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(fieldError(page, "body")).toHaveText("Write the note: the body cannot be empty");
  await expect(page.getByLabel("Where it applies")).toHaveValue("page:/crisis"); // kept after the error
  await page.getByLabel("Note (Markdown)").fill("Written without JavaScript.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/staff\/annotations\/\d+\?saved=created$/);
  await expect(state(page)).toHaveText("Draft");
  await context.close();
});

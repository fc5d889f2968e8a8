import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openE2eDb } from "./db";
import { allFlags, latestRun, type FlagRow } from "./eis-helpers";
import { DEMO, signInAs } from "./staff-helpers";

/**
 * The supervisor's loop (issue 23): open flags of every run in one queue, a review takes a flag off it, an
 * intervention is assigned and completed, its follow-up shows on the officer page and, without identities, on the
 * accuracy page; a supervisor's intervention change outside their units is refused and audited. Expectations come
 * from direct SQL over the e2e database.
 */
const isWest = (p: string | null) => p?.toLowerCase() === "west";
const flags = () => {
  const db = openE2eDb();
  try {
    return { flags: allFlags(db), latest: latestRun(db).asOf };
  } finally {
    db.close();
  }
};
const scan = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
const queueRows = (page: Page) => page.getByTestId("eis-queue").locator("tbody tr");
const queueIds = async (page: Page) =>
  (await page.getByTestId("eis-queue").count())
    ? await queueRows(page).evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-score-id"))))
    : [];

/** The oldest flag of a West officer outside the latest run (the test-configured run is the newest). */
function olderWestFlag(all: FlagRow[], latest: string): FlagRow {
  const f = all.find((x) => isWest(x.latestUnit) && x.asOf < latest);
  if (!f) throw new Error("the e2e data have no flag of a West officer before the latest run");
  return f;
}

test("the queue lists every open flag in scope across runs, oldest first, with age and freshness", async ({ page }) => {
  const { flags: all, latest } = flags();
  const older = olderWestFlag(all, latest);
  await signInAs(page, "supervisor");
  await page.goto("/staff/eis");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Early Intervention: open flags");
  const db = openE2eDb();
  const dataEnd = (
    db
      .prepare(
        `SELECT substr(periodEnd, 1, 10) AS d FROM DatasetVersion WHERE dataset = 'seattle-uof' AND status = 'active'`,
      )
      .get() as { d: string }
  ).d;
  db.close();
  const day = (iso: string) =>
    new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", {
      year: "numeric",
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    });
  await expect(page.getByTestId("eis-freshness")).toContainText(
    `Latest data: ${day(dataEnd)}; latest run: ${day(latest)}`,
  );
  // The data end in Feb 2026, long before today: the page warns.
  await expect(page.getByTestId("eis-freshness")).toHaveAttribute("data-stale", "true");
  await expect(page.getByTestId("eis-freshness")).toContainText("a weekly load is expected");
  const ids = await queueIds(page);
  const unreviewedWest = all.filter((f) => isWest(f.latestUnit) && f.reviewed === 0);
  for (const f of unreviewedWest) expect(ids, `flag ${f.id} of ${f.asOf}`).toContain(f.id);
  expect(
    ids.every((id) => all.some((f) => f.id === id && isWest(f.latestUnit))),
    "only West officers",
  ).toBe(true);
  if (older.reviewed === 0) {
    const first = queueRows(page).first();
    await expect(first).toHaveAttribute("data-score-id", String(all.find((f) => ids.includes(f.id))!.id));
    const row = page.locator(`[data-testid="eis-queue"] tr[data-score-id="${older.id}"]`);
    await expect(row.locator('td[data-col="asOf"]')).toHaveText(older.asOf);
    const age = Math.round(
      (Date.parse(new Date().toLocaleDateString("en-CA", { timeZone: "America/Los_Angeles" })) -
        Date.parse(older.asOf)) /
        86_400_000,
    );
    await expect(row.locator('td[data-col="age"]')).toHaveText(age.toLocaleString("en-US"));
    await expect(row.locator('td[data-col="reasons"]')).not.toContainText("1.0 times");
  }
  expect(await scan(page), "queue page").toEqual([]);
});

test("review, assign and complete: the flag leaves the queue; the follow-up shows on the officer page and in the aggregate", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { flags: all, latest } = flags();
  const older = olderWestFlag(all, latest);
  test.skip(older.reviewed > 0, "the older flag was reviewed by an earlier attempt");
  await signInAs(page, "supervisor");
  const officerPage = `/staff/eis/officers/${older.officerSourceId}?score=${older.id}`;
  await page.goto(officerPage);
  // The plain sentence first; the statistics behind a disclosure; the unit line agrees with the incidents.
  await expect(page.getByTestId("reason-plain").first()).toBeVisible();
  await expect(page.getByTestId("reason-stats").first()).toBeHidden();
  await expect(page.getByTestId("flag-reasons")).not.toContainText("1.0 times the peers'");
  await expect(page.getByTestId("eis-unit-why")).not.toContainText("where most of the officer's incidents");
  const form = page.getByTestId("review-form");
  await form
    .getByRole("group", { name: /^Do you agree with the flag/ })
    .getByLabel("Agree", { exact: true })
    .check();
  for (const fieldset of await form.locator('fieldset[data-field^="reason:"]').all())
    await fieldset.getByLabel("Agree", { exact: true }).check();
  await form
    .getByRole("group", { name: "Do you recommend an intervention?" })
    .getByLabel("Yes, recommend an intervention")
    .check();
  await form.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByTestId("review-result")).toContainText("Review saved");

  await page.goto("/staff/eis");
  await expect(page.locator(`[data-testid="eis-queue"] tr[data-score-id="${older.id}"]`)).toHaveAttribute(
    "data-status",
    "intervention_to_assign",
  );

  await page.goto(officerPage);
  const assign = page.getByTestId("assign-intervention");
  await assign.getByRole("button", { name: "Assign intervention" }).click();
  await expect(page.locator("#iv-type-error")).toHaveText("Choose the type of intervention.");
  await expect(page.locator("#iv-owner-error")).toHaveText("Say who carries out the intervention.");
  await expect(page.getByLabel("Type")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Type").selectOption("conversation");
  await page.getByLabel("Owner (who carries it out)").fill("Sgt. Example, West");
  const due = new Date(Date.parse(`${older.asOf}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Due date").fill(due);
  await page.getByTestId("assign-intervention").getByRole("button", { name: "Assign intervention" }).click();
  await expect(page.getByTestId("interventions").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("interventions").locator("li").first()).toHaveAttribute("data-status", "assigned");
  await expect(page.getByTestId("interventions")).toContainText("Seattle time");

  await page.goto("/staff/eis");
  await expect(page.locator(`[data-testid="eis-queue"] tr[data-score-id="${older.id}"]`)).toHaveAttribute(
    "data-status",
    "intervention_open",
  );

  await page.goto(officerPage);
  const completedOn = new Date(Date.parse(`${older.asOf}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  const complete = page.getByTestId("complete-intervention");
  await complete.getByLabel("Completed on").fill(completedOn);
  await complete.getByLabel("What was done (note)").fill("short");
  await complete.getByRole("button", { name: "Record as completed" }).click();
  await expect(page.getByTestId("complete-intervention").locator(".field-error")).toHaveText(
    "Say what was done (at least 10 characters).",
  );
  await page
    .getByTestId("complete-intervention")
    .getByLabel("What was done (note)")
    .fill("Talked through the incidents of May with the officer.");
  await page.getByTestId("complete-intervention").getByRole("button", { name: "Record as completed" }).click();
  await expect(page.getByTestId("interventions").locator("li").first()).toHaveAttribute("data-status", "completed");

  // The follow-up, checked against SQL: the officer's Use of Force reports (distinct Incident_Num; this officer's
  // rows never share a subject and a day, so reports and EIS incidents coincide) before and after the completion date.
  const db = openE2eDb();
  const version = db
    .prepare(
      `SELECT id, substr(periodEnd, 1, 10) AS end FROM DatasetVersion WHERE dataset = 'seattle-uof' AND status = 'active'`,
    )
    .get() as { id: number; end: string };
  const addMonths = (iso: string, m: number) => {
    const [y, mo, d] = iso.split("-").map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, mo - 1 + m, 1));
    const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
    return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
  };
  const count = (from: string, to: string, minLevel: number) =>
    (
      db
        .prepare(
          `SELECT COUNT(DISTINCT u.incidentNum) AS n FROM UseOfForce u JOIN Officer o ON o.id = u.officerId WHERE u.versionId = ? AND o.sourceId = ? AND substr(u.occurredAt, 1, 10) >= ? AND substr(u.occurredAt, 1, 10) < ? AND u.level >= ?`,
        )
        .get(version.id, older.officerSourceId, from, to, minLevel) as { n: number }
    ).n;
  const audit = db
    .prepare(
      `SELECT action FROM AuditLog WHERE actorEmail = ? AND target = ? AND action LIKE 'intervention.%' ORDER BY id`,
    )
    .all(DEMO.supervisor.email, `officer:seattle-uof:${older.officerSourceId}`) as { action: string }[];
  const stored = db
    .prepare(
      `SELECT status, type, owner, substr(completedOn, 1, 10) AS completedOn FROM EisIntervention WHERE scoreId = ?`,
    )
    .all(older.id);
  expect(audit.map((a) => a.action)).toEqual(["intervention.assign", "intervention.complete"]);
  expect(stored).toEqual([{ status: "completed", type: "conversation", owner: "Sgt. Example, West", completedOn }]);
  const dayAfterData = new Date(Date.parse(`${version.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const months of [3, 6, 12]) {
    const row = page.getByTestId("intervention-follow-up").locator(`tr[data-months="${months}"]`);
    if (addMonths(completedOn, months) > dayAfterData) {
      await expect(row).toContainText("Not yet");
      continue;
    }
    const b = count(addMonths(completedOn, -months), completedOn, 1);
    const bs = count(addMonths(completedOn, -months), completedOn, 2);
    const a = count(completedOn, addMonths(completedOn, months), 1);
    const as = count(completedOn, addMonths(completedOn, months), 2);
    await expect(row.locator('td[data-col="before"]')).toContainText(
      `${b} incident${b === 1 ? "" : "s"}, ${bs} at Level 2+`,
    );
    await expect(row.locator('td[data-col="after"]')).toContainText(
      `${a} incident${a === 1 ? "" : "s"}, ${as} at Level 2+`,
    );
  }
  db.close();
  expect(await scan(page), "officer page with interventions").toEqual([]);

  await page.goto("/staff/eis");
  expect(await queueIds(page)).not.toContain(older.id);

  // The accuracy page: counts, and rates withheld below 5 officers; no officer named or linked.
  await page.goto("/staff/eis/accuracy");
  const agg = page.getByTestId("intervention-aggregate");
  await expect(page.getByTestId("intervention-counts")).toContainText("officers with a completed intervention: 1");
  await expect(agg.locator('tr[data-months="3"]')).toHaveAttribute("data-n", "1");
  await expect(agg.locator('tr[data-months="3"] td[data-col="withheld"]')).toHaveText(
    "Withheld: fewer than 5 officers.",
  );
  await expect(agg).not.toContainText(older.officerSourceId);
  await expect(page.locator('a[href*="/staff/eis/officers/"]')).toHaveCount(0);
  expect(await scan(page), "accuracy page").toEqual([]);
});

test("intervention changes outside a supervisor's units are refused and audited", async ({ browser }) => {
  const { flags: all } = flags();
  const outside = all.find((f) => f.latestUnit !== null && !isWest(f.latestUnit));
  test.skip(!outside, "no flag outside West in the e2e data");
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signInAs(admin, "admin");
  // The admin reviews the outside flag and assigns an intervention through the JSON route.
  if (outside!.reviewed === 0) {
    await admin.goto(`/staff/eis/officers/${outside!.officerSourceId}?score=${outside!.id}`);
    const form = admin.getByTestId("review-form");
    await form
      .getByRole("group", { name: /^Do you agree with the flag/ })
      .getByLabel("Agree", { exact: true })
      .check();
    for (const fieldset of await form.locator('fieldset[data-field^="reason:"]').all())
      await fieldset.getByLabel("Agree", { exact: true }).check();
    await form
      .getByRole("group", { name: "Do you recommend an intervention?" })
      .getByLabel("Yes, recommend an intervention")
      .check();
    await form.getByRole("button", { name: "Save review" }).click();
    await expect(admin.getByTestId("review-result")).toContainText("Review saved");
  }
  const created = await admin.request.post("/staff/api/eis/interventions", {
    data: { action: "assign", scoreId: outside!.id, type: "training", owner: "Lt. Admin", dueDate: "2026-01-15" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { interventionId } = (await created.json()) as { interventionId: number };

  const supCtx = await browser.newContext();
  const sup = await supCtx.newPage();
  await signInAs(sup, "supervisor");
  for (const body of [
    { action: "assign", scoreId: outside!.id, type: "training", owner: "Sgt. West", dueDate: "2026-01-15" },
    {
      action: "complete",
      interventionId,
      completedOn: "2025-12-01",
      note: "Trying to close another precinct's intervention.",
    },
  ]) {
    const res = await sup.request.post("/staff/api/eis/interventions", { data: body });
    expect(res.status(), body.action).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  }
  // Malformed input is a 400, never a 500; without a session, 401.
  expect((await sup.request.post("/staff/api/eis/interventions", { data: { action: "drop" } })).status()).toBe(400);
  expect(
    (
      await sup.request.post("/staff/api/eis/interventions", {
        data: "not json",
        headers: { "content-type": "application/json" },
      })
    ).status(),
  ).toBe(400);
  const anon = await browser.newContext();
  expect(
    (
      await anon.request.post("/staff/api/eis/interventions", { data: { action: "assign", scoreId: outside!.id } })
    ).status(),
  ).toBe(401);

  const db = openE2eDb();
  const denied = db
    .prepare(
      `SELECT detail FROM AuditLog WHERE action = 'intervention.denied' AND actorEmail = ? AND target = ? ORDER BY id DESC LIMIT 2`,
    )
    .all(DEMO.supervisor.email, `officer:seattle-uof:${outside!.officerSourceId}`) as { detail: string }[];
  const still = db.prepare(`SELECT status, owner FROM EisIntervention WHERE id = ?`).get(interventionId);
  const mine = db
    .prepare(`SELECT COUNT(*) AS n FROM EisIntervention WHERE scoreId = ? AND assignedByEmail = ?`)
    .get(outside!.id, DEMO.supervisor.email) as { n: number };
  db.close();
  expect(denied.map((d) => JSON.parse(d.detail).outcome)).toEqual(["outside_units", "outside_units"]);
  expect(still).toEqual({ status: "assigned", owner: "Lt. Admin" });
  expect(mine.n).toBe(0);
  await Promise.all([adminCtx.close(), supCtx.close(), anon.close()]);
});

test("the public header: 'Staff sign in' for anonymous readers (cached), the staff area and sign-out when signed in", async ({
  browser,
  request,
}) => {
  const first = await request.get("/data");
  expect(await first.text()).toContain("Staff sign in");
  const again = await request.get("/data");
  expect(again.headers()["x-portal-cache"]).toBe("hit");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInAs(page, "supervisor");
  await page.goto("/data");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Staff area" })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Staff sign in" })).toHaveCount(0);
  await expect(page.getByTestId("id-spaces")).toHaveCount(0); // the staff bar is on staff pages only
  // The signed-in render never reaches anonymous readers.
  const after = await request.get("/data");
  const html = await after.text();
  expect(html).toContain("Staff sign in");
  expect(html).not.toContain("header-sign-out");
  await page.goto("/staff/eis");
  await expect(page.getByTestId("id-spaces")).toContainText("crisis-data officer IDs");
  // Staff pages: one sign-out control (the staff bar's, beside who is signed in).
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(1);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of ["/data", "/staff/eis"]) {
    await page.goto(url);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      url,
    ).toBeLessThanOrEqual(0);
  }
  await page.goto("/data");
  await header.locator("summary", { hasText: "Menu" }).click(); // phones: the session controls are in the Menu
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in/);
  await ctx.close();
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openE2eDb } from "./db";
import { latestRun, latestScores, soloIncident, type ScoreRow } from "./eis-helpers";
import { DEMO, signInAs } from "./staff-helpers";

/**
 * The Early Intervention pages against the e2e data (the real Use of Force file, weekly runs stored by the setup).
 * Seattle's data give few or no flags under the default thresholds, so the latest week is scored again first with a
 * test configuration (stored with the run, as an operator would do with `eis run --config`). Every figure checked
 * here is recomputed with direct SQL over the database, not with the portal's code.
 */
const TEST_CONFIG = {
  escalationMinPeerGroup: 2,
  pTop5Threshold: 0.5,
  scoreThreshold: 0,
  minQualifying: 1,
  seed: "eis-e2e",
};

test.beforeAll(() => {
  const db = openE2eDb();
  const run = latestRun(db);
  db.close();
  if (JSON.parse(run.config).seed === TEST_CONFIG.seed) return; // already scored (a retry)
  const file = path.resolve(".data", `eis-e2e-config-${process.env.E2E_PORT ?? "3100"}.json`);
  fs.writeFileSync(file, JSON.stringify(TEST_CONFIG));
  const r = spawnSync(
    "node",
    ["--import", "tsx", "scripts/cli.ts", "eis", "run", "--as-of", run.asOf, "--config", file],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db",
        NODE_ENV: "development",
      },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/eis: run \d+ as of .* flagged/);
});

const scan = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
const isWest = (s: ScoreRow) => s.precinct?.toLowerCase() === "west";
const byId = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
const scores = () => {
  const db = openE2eDb();
  try {
    return latestScores(db);
  } finally {
    db.close();
  }
};
const flagsTable = (page: Page) => page.getByTestId("eis-flags-table");
/** The officer IDs of every page of the list, from the page shown on, following "Next page". */
async function allPages(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    seen.push(...(await tableIds(page)));
    const next = page.getByTestId("eis-pages").getByRole("link", { name: "Next page" });
    if (!(await next.count())) break;
    await page.goto((await next.getAttribute("href"))!);
  }
  return seen.sort(byId);
}
const tableIds = async (page: Page) =>
  (await flagsTable(page).count())
    ? (await flagsTable(page).locator("tbody th").allTextContents()).map((t) => t.trim()).sort(byId)
    : [];

test("supervisors see only their precinct's flags; the table matches the database", async ({ page }) => {
  const all = scores();
  const westFlagged = all.filter((s) => s.flagged && isWest(s));
  expect(westFlagged.length, "flagged West officers in the test-configured run").toBeGreaterThan(0);
  expect(all.filter((s) => s.flagged && !isWest(s)).length).toBeGreaterThan(0);

  await signInAs(page, "supervisor");
  await expect(
    page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Early Intervention" }),
  ).toBeVisible();
  await page.goto("/staff/eis");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Early Intervention: open flags");
  expect(await tableIds(page)).toEqual(westFlagged.map((s) => s.officerSourceId).sort(byId));
  await expect(page.getByTestId("eis-scope-counts")).toHaveText(
    `In your scope: ${all.filter(isWest).length} officers scored, ${westFlagged.length} flagged.`,
  );
  // Each row: the officer's precinct and one plain sentence per reason (the statistics are on the officer page).
  for (const s of westFlagged.slice(0, 5)) {
    const row = flagsTable(page)
      .locator("tbody tr")
      .filter({ has: page.locator("th", { hasText: new RegExp(`^${s.officerSourceId}$`) }) });
    await expect(row.locator('td[data-col="precinct"]')).toHaveText(s.precinct!);
    const cell = (await row.locator('td[data-col="reasons"]').textContent()) ?? "";
    expect(cell.match(/\.( |$)/g)?.length, `one sentence per reason: ${cell}`).toBe(
      (JSON.parse(s.reasons) as unknown[]).length,
    );
    expect(cell).not.toMatch(/threshold|q = |p < /);
  }
  // Every scored officer: paged (50 a page), rows with no score hidden by default and counted.
  const scoreless = (s: ScoreRow & { subjectScore?: number | null }) =>
    s.incidentScore === null && s.subjectScore === null && !s.hasEscalation && !s.flagged;
  const westAll = all.filter(isWest);
  const shownAll = westAll.filter((s) => !scoreless(s));
  const collect = async (url: string) => {
    await page.goto(url);
    return allPages(page);
  };
  expect(await collect("/staff/eis?show=all")).toEqual(shownAll.map((s) => s.officerSourceId).sort(byId));
  if (westAll.length > shownAll.length)
    await expect(page.getByTestId("eis-na-hidden")).toContainText(`${westAll.length - shownAll.length} officer`);
  expect(await collect("/staff/eis?show=all&na=show")).toEqual(westAll.map((s) => s.officerSourceId).sort(byId));
  // Sorted on the server: by incident score, highest first, across pages.
  await page.goto("/staff/eis?show=all&sort=incident");
  const firstPage = await flagsTable(page).locator('tbody td[data-col="incident"]').allTextContents();
  const top = westAll
    .map((s) => s.incidentScore)
    .filter((v): v is number => v !== null)
    .sort((a, b) => b - a)[0]!;
  expect(Number(firstPage[0])).toBeCloseTo(top, 2);

  const api = await page.request.get("/staff/api/eis/flags");
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.rows.map((r: { officerId: string }) => r.officerId).sort(byId)).toEqual(
    westFlagged.map((s) => s.officerSourceId).sort(byId),
  );
  expect((await page.request.get("/staff/api/eis/flags?review=maybe")).status()).toBe(400);
});

test("admins see every flag; the filters work without JavaScript (GET form)", async ({ browser }) => {
  const all = scores();
  const context = await browser.newContext();
  await signInAs(await context.newPage(), "admin");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const page = await noScript.newPage();
  await page.goto("/staff/eis");
  expect(await tableIds(page)).toEqual(
    all
      .filter((s) => s.flagged)
      .map((s) => s.officerSourceId)
      .sort(byId),
  );
  const north = all.filter((s) => s.precinct === "North");
  await page.getByLabel("Precinct (unit)").selectOption("North");
  await page.getByLabel("Show").selectOption("all");
  await page.getByLabel("Officers with no score").selectOption("show");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/precinct=North/);
  expect(await allPages(page)).toEqual(north.map((s) => s.officerSourceId).sort(byId));
  await page.getByLabel("Show").selectOption("flagged");
  await page.getByLabel("Reason").selectOption("subject_score");
  await page.getByRole("button", { name: "Apply" }).click();
  const expected = north.filter(
    (s) => s.flagged && (JSON.parse(s.reasons) as { code: string }[]).some((r) => r.code === "subject_score"),
  );
  expect(await tableIds(page)).toEqual(expected.map((s) => s.officerSourceId).sort(byId));
  await page.goto("/staff/eis?review=maybe");
  await expect(page.locator("main p.alert[role='alert']")).toContainText("review: must be one of");
  await context.close();
  await noScript.close();
});

test("drill-down: officer page, then an incident with every officer present and their level", async ({ page }) => {
  const target = scores()
    .filter((s) => s.flagged && isWest(s))
    .sort((a, b) => byId(a.officerSourceId, b.officerSourceId))[0]!;
  await signInAs(page, "supervisor");
  await page.goto("/staff/eis");
  await flagsTable(page).getByRole("link", { name: target.officerSourceId, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Officer ${target.officerSourceId}: Early Intervention scores`,
  );
  await expect(page.getByTestId("eis-unit")).toHaveText("West");
  const targetReasons = JSON.parse(target.reasons) as { code: string; text: string }[];
  await expect(page.getByTestId("flag-reasons").locator("li")).toHaveCount(targetReasons.length);
  // The plain sentence first; the statistics, as stored, behind a disclosure.
  await expect(page.getByTestId("reason-stats")).toHaveText(targetReasons.map((r) => r.text));
  await expect(page.getByTestId("reason-stats").first()).toBeHidden();
  await expect(page.getByTestId("engagement")).toContainText("Not available in this data");
  await expect(page.getByTestId("strip-escalation")).toBeVisible();
  await page
    .getByTestId("eis-incidents")
    .getByRole("link", { name: /^Past year/ })
    .click();
  const firstIncident = page.getByTestId("eis-incidents").locator("tbody tr").first().getByRole("link");
  await expect(firstIncident).toBeVisible();
  await firstIncident.click();
  await expect(page).toHaveURL(/\/staff\/eis\/incidents\//);
  const key = decodeURIComponent(page.url().split("/incidents/")[1]!);
  const db = openE2eDb();
  const expected = db
    .prepare(
      `SELECT o.sourceId AS officer, MAX(u.level) AS level FROM UseOfForce u JOIN Officer o ON o.id = u.officerId JOIN DatasetVersion v ON v.id = u.versionId
        WHERE v.dataset = 'seattle-uof' AND v.status = 'active' AND u.incidentNum IN (${key
          .split("+")
          .map(() => "?")
          .join(",")}) GROUP BY o.sourceId`,
    )
    .all(...key.split("+")) as { officer: string; level: number }[];
  db.close();
  const shown = await page
    .getByTestId("incident-officers")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-officer"), Number(r.getAttribute("data-level"))]));
  expect(shown.sort()).toEqual(expected.map((e) => [e.officer, e.level]).sort());
  expect(shown.map((s) => s[0])).toContain(target.officerSourceId);
});

test("a supervisor's dismissal needs a reason; the review is stored, audited and shown", async ({ page }) => {
  const db = openE2eDb();
  const reviewed = new Set(
    (db.prepare(`SELECT DISTINCT scoreId AS id FROM EisReview`).all() as { id: number }[]).map((r) => r.id),
  );
  db.close();
  const target = scores()
    .filter((s) => s.flagged && isWest(s) && !reviewed.has(s.id))
    .sort((a, b) => byId(b.officerSourceId, a.officerSourceId))[0]!;
  const reasons = JSON.parse(target.reasons) as { code: string; text: string }[];
  await signInAs(page, "supervisor");
  await page.goto(`/staff/eis/officers/${target.officerSourceId}`);
  const form = page.getByTestId("review-form");
  const flagGroup = form.getByRole("group", { name: /^Do you agree with the flag/ });
  await flagGroup.getByLabel("Disagree", { exact: true }).check();
  // Asked once per reason: a flag with one reason has no separate reason question.
  await expect(form.locator('fieldset[data-field^="reason:"]')).toHaveCount(reasons.length === 1 ? 0 : reasons.length);
  if (reasons.length > 1)
    for (const r of reasons)
      await form.locator(`fieldset[data-field="reason:${r.code}"]`).getByLabel("Agree", { exact: true }).check();
  await form.getByRole("group", { name: "Do you recommend an intervention?" }).getByLabel("No intervention").check();
  await form.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByTestId("review-result")).toHaveText("The review was not saved: check the marked fields.");
  await expect(page.locator("#dismissalReason-error")).toHaveText(
    "A dismissal needs a reason: say why the flag is not warranted (at least 10 characters).",
  );
  await expect(page.getByLabel("Reason for dismissal (required when you disagree with the flag)")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  expect(await scan(page), "the form with its errors").toEqual([]);

  // The submitted choices are kept; add the reason and save.
  await expect(
    form.getByRole("group", { name: /^Do you agree with the flag/ }).getByLabel("Disagree", { exact: true }),
  ).toBeChecked();
  const reason = `Reviewed the incidents on ${new Date().toISOString().slice(0, 10)}: a single event recorded twice.`;
  await page.getByLabel("Reason for dismissal (required when you disagree with the flag)").fill(reason);
  await form.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByTestId("review-result")).toContainText("Review saved");
  await expect(page.getByTestId("reviews").locator("li").first()).toContainText("disagreed with the flag (dismissed)");
  await expect(page.getByTestId("reviews").locator("li").first()).toContainText(reason);

  const check = openE2eDb();
  const stored = check
    .prepare(
      `SELECT flagDecision, dismissalReason, interventionRecommended, reviewerEmail, reasonDecisions FROM EisReview WHERE scoreId = ? ORDER BY id DESC`,
    )
    .all(target.id) as {
    flagDecision: string;
    dismissalReason: string;
    interventionRecommended: number;
    reviewerEmail: string;
    reasonDecisions: string;
  }[];
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    flagDecision: "disagree",
    dismissalReason: reason,
    interventionRecommended: 0,
    reviewerEmail: DEMO.supervisor.email,
  });
  expect(JSON.parse(stored[0]!.reasonDecisions)).toEqual(
    reasons.map((r) => ({ code: r.code, decision: reasons.length === 1 ? "disagree" : "agree" })),
  );
  const audit = check
    .prepare(`SELECT detail FROM AuditLog WHERE action = 'flag.review' AND actorEmail = ? AND target = ?`)
    .all(DEMO.supervisor.email, `officer:seattle-uof:${target.officerSourceId}`) as { detail: string }[];
  check.close();
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0]!.detail)).toMatchObject({ scoreId: target.id, flagDecision: "disagree" });

  await page.goto("/staff/eis?review=dismissed");
  expect(await tableIds(page)).toContain(target.officerSourceId);
});

/** Calendar months added in UTC, clamped to the month's end (written here independently of lib/staff/eis-accuracy). */
function plusMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, last)))
    .toISOString()
    .slice(0, 10);
}

test("the accuracy page's figures equal an independent computation over the database", async ({ page }) => {
  const db = openE2eDb();
  const runs = db
    .prepare(`SELECT id, substr(asOf, 1, 10) AS asOf FROM EisRun WHERE status = 'complete' ORDER BY asOf DESC, id DESC`)
    .all() as { id: number; asOf: string }[];
  const latestPerDay = runs.filter((r, i) => runs.findIndex((x) => x.asOf === r.asOf) === i);
  const version = db
    .prepare(
      `SELECT id, substr(periodEnd, 1, 10) AS lastDay FROM DatasetVersion WHERE dataset = 'seattle-uof' AND status = 'active'`,
    )
    .get() as { id: number; lastDay: string };
  const dayAfterData = new Date(Date.parse(`${version.lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const outcomes = db
    .prepare(
      `SELECT officerId, substr(occurredAt, 1, 10) AS day FROM UseOfForce WHERE versionId = ? AND level >= 2 AND officerId IS NOT NULL`,
    )
    .all(version.id) as { officerId: number; day: string }[];
  const scored = (runId: number) =>
    db.prepare(`SELECT id, officerId, flagged FROM EisOfficerScore WHERE runId = ?`).all(runId) as {
      id: number;
      officerId: number;
      flagged: number;
    }[];
  const expectedRows = (months: number) =>
    latestPerDay
      .filter((r) => plusMonths(r.asOf, months) <= dayAfterData)
      .map((r) => {
        const end = plusMonths(r.asOf, months);
        const hit = new Set(outcomes.filter((o) => o.day >= r.asOf && o.day < end).map((o) => o.officerId));
        const s = scored(r.id);
        const f = s.filter((x) => x.flagged);
        const n = s.filter((x) => !x.flagged);
        return {
          asOf: r.asOf,
          flagged: f.length,
          flaggedWith: f.filter((x) => hit.has(x.officerId)).length,
          notFlagged: n.length,
          notFlaggedWith: n.filter((x) => hit.has(x.officerId)).length,
        };
      });
  const six = expectedRows(6);
  const twelve = expectedRows(12);
  const latestFlags = scored(latestPerDay[0]!.id).filter((x) => x.flagged);
  const reviewsOfLatest = db
    .prepare(
      `SELECT scoreId, flagDecision FROM EisReview WHERE scoreId IN (${latestFlags.map(() => "?").join(",") || "NULL"}) ORDER BY at DESC, id DESC`,
    )
    .all(...latestFlags.map((f) => f.id)) as { scoreId: number; flagDecision: string }[];
  db.close();
  expect(six.length, "runs with a complete 6-month follow-up").toBeGreaterThan(0);
  expect(twelve.length, "runs with a complete 12-month follow-up").toBeGreaterThan(0);

  await signInAs(page, "analyst");
  await page.goto("/staff/eis/accuracy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How well the Early Intervention System works");
  for (const [months, expected] of [
    [6, six],
    [12, twelve],
  ] as const) {
    const rows = page.getByTestId(`follow-up-${months}`).locator("tbody tr");
    await expect(rows).toHaveCount(expected.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (k: string) =>
          Number((tr.querySelector(`td[data-col="${k}"]`)?.textContent ?? "").replace(/,/g, ""));
        return {
          asOf: tr.querySelector("th")!.textContent!.trim(),
          flagged: cell("flagged"),
          flaggedWith: cell("flaggedWith"),
          notFlagged: cell("notFlagged"),
          notFlaggedWith: cell("notFlaggedWith"),
        };
      }),
    );
    expect(shown).toEqual(expected);
    const base = expected[0]!;
    const rate = ((base.flaggedWith + base.notFlaggedWith) / (base.flagged + base.notFlagged)) * 100;
    await expect(rows.first().locator('td[data-col="baseRate"]')).toHaveText(`${rate.toFixed(1)}%`);
  }
  // Reviews of the latest run: the latest review of each flag decides.
  const decided = new Map<number, string>();
  for (const r of reviewsOfLatest) if (!decided.has(r.scoreId)) decided.set(r.scoreId, r.flagDecision);
  const latestRow = page.getByTestId("review-tally").locator("tbody tr").first();
  await expect(latestRow.locator("th")).toHaveText(latestPerDay[0]!.asOf);
  await expect(latestRow.locator('td[data-col="flags"]')).toHaveText(String(latestFlags.length));
  await expect(latestRow.locator('td[data-col="reviewed"]')).toHaveText(String(decided.size));
  await expect(latestRow.locator('td[data-col="dismissed"]')).toHaveText(
    String([...decided.values()].filter((d) => d === "disagree").length),
  );
  // Aggregates only: no officer is linked or named.
  await expect(page.locator('a[href*="/staff/eis/officers/"]')).toHaveCount(0);
});

test("axe finds no violations on the EIS pages, and the flags table is reachable by keyboard", async ({ browser }) => {
  const target = scores().filter((s) => s.flagged && isWest(s))[0]!;
  const db = openE2eDb();
  const incident = soloIncident(db, target.officerSourceId);
  db.close();
  test.setTimeout(120_000); // a dozen pages, each scanned
  let page!: Page;
  for (const role of ["admin", "supervisor"] as const) {
    page = await (await browser.newContext()).newPage();
    await signInAs(page, role);
    for (const url of [
      "/staff/eis",
      "/staff/eis?show=all",
      `/staff/eis/officers/${target.officerSourceId}`,
      `/staff/eis/officers/${target.officerSourceId}?period=month`,
      "/staff/eis/accuracy",
      ...(incident ? [`/staff/eis/incidents/${incident}`] : []),
    ]) {
      await page.goto(url);
      expect(await scan(page), `${role} ${url}`).toEqual([]);
    }
  }
  await page.goto("/staff/eis");
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(
      () =>
        (document.activeElement as HTMLAnchorElement | null)
          ?.getAttribute("href")
          ?.startsWith("/staff/eis/officers/") ?? false,
    );
  }
  expect(reached, "an officer link is reachable with Tab").toBe(true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/staff\/eis\/officers\//);
});

test("staff pages at 360 px: the EIS pages do not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAs(page, "admin");
  const target = scores().filter((s) => s.flagged)[0]!;
  for (const url of ["/staff/eis", `/staff/eis/officers/${target.officerSourceId}`, "/staff/eis/accuracy"]) {
    await page.goto(url);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});

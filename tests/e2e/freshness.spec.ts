import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { formatDate } from "@/lib/format";

// Issue 18: a source past its expected cadence is named, in plain words, on the pages that use it, with the date it
// was judged by. The e2e data load Use of Force from a local file: no publisher date, so its newest record dates it
// (the load records it as the version's period end); then the test dates the active version as a pull would.
const dbFile = path.resolve((process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db").replace(/^file:/, ""));
const setUpstream = (iso: string | null) => {
  const db = new Database(dbFile);
  try {
    db.prepare(
      `UPDATE "DatasetVersion" SET "upstreamUpdatedAt" = ? WHERE "dataset" = 'seattle-uof' AND "status" = 'active'`,
    ).run(iso);
  } finally {
    db.close();
  }
};
const newestUofRecord = (): string => {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db
      .prepare(`SELECT "periodEnd" FROM "DatasetVersion" WHERE "dataset" = 'seattle-uof' AND "status" = 'active'`)
      .get() as { periodEnd: number | string };
    return new Date(row.periodEnd).toISOString();
  } finally {
    db.close();
  }
};

test.beforeAll(() => setUpstream(null));
test.afterAll(() => setUpstream(null));

test("a local file is judged by its newest record: /data names the date and says stale or fresh, pages speak up when stale", async ({
  page,
}) => {
  const newest = newestUofRecord();
  const stale = Date.now() - new Date(newest).getTime() > 45 * 86_400_000 + 86_400_000;
  const sentence = `The newest Use of Force record in the loaded data is dated ${formatDate(newest)}`;
  await page.goto("/data?freshness=file");
  await expect(page.getByTestId("updated-seattle-uof")).toContainText(formatDate(newest));
  await expect(page.getByTestId("updated-seattle-uof")).toContainText(
    "the newest record in the loaded data; the input carries no publication date",
  );
  const uof = page.getByTestId("freshness-seattle-uof");
  await expect(uof).toContainText(sentence);
  await expect(uof).toContainText(stale ? "not updated recently" : "current");
  await expect(uof).toContainText("Expected cadence: monthly (stale after 45 days without a change)");
  await expect(page.getByTestId("freshness-seattle-crisis")).toContainText("Not judged: a generated sample");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.goto("/use-of-force?freshness=file");
  await expect(page.getByTestId("data-freshness")).toHaveCount(stale ? 1 : 0);
  if (stale) await expect(page.getByTestId("data-freshness")).toContainText(sentence);
});

test("a stale source says so on every page using it; the synthetic crisis sample is not called stale", async ({
  page,
}) => {
  setUpstream("2025-01-15T18:30:00.000+00:00");
  // A query of its own per visit, so no cached render from before the change answers.
  for (const p of ["/use-of-force", "/metrics", "/"]) {
    await page.goto(`${p}?freshness=stale`);
    const note = page.getByTestId("data-freshness");
    await expect(note).toHaveCount(1);
    await expect(note).toContainText("Use of Force data was last updated on Jan 15, 2025");
    await expect(note).toContainText("the city normally publishes monthly");
    await expect(note).toContainText("can be a stopped feed, not fewer incidents");
  }
  // The publisher's date now decides, and /data says it is that one.
  await page.goto("/data?freshness=stale");
  await expect(page.getByTestId("updated-seattle-uof")).toContainText(
    "Jan 15, 2025 (the publisher's last update, from the open-data API's metadata)",
  );
  await expect(page.getByTestId("freshness-seattle-uof")).toContainText("not updated recently");
  // Crisis-only pages use the synthetic sample: synthetic, not stale.
  for (const p of ["/crisis", "/alternative-response", "/cit"]) {
    await page.goto(`${p}?freshness=stale`);
    await expect(page.getByTestId("data-freshness")).toHaveCount(0);
  }
});

import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

// Issue 18: a source past its expected cadence is named, in plain words, on the pages that use it. The e2e data
// load Use of Force from a local file (no upstream date), so the test dates the active version as a pull would.
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

test.afterAll(() => setUpstream(null));

test("a stale source says so on every page using it; the synthetic crisis sample is not called stale", async ({
  page,
}) => {
  // No upstream date (a local file): nothing is said.
  await page.goto("/use-of-force?freshness=none");
  await expect(page.getByTestId("data-freshness")).toHaveCount(0);
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
  // Crisis-only pages use the synthetic sample: synthetic, not stale.
  for (const p of ["/crisis", "/alternative-response", "/cit"]) {
    await page.goto(`${p}?freshness=stale`);
    await expect(page.getByTestId("data-freshness")).toHaveCount(0);
  }
});

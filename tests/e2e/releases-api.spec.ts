import { expect, test } from "@playwright/test";
import { openE2eDb } from "./db";

/**
 * The public API pinned to a release (issue 18), through the production server and its response cache: pinned and
 * latest answers are told apart (X-Release, `release` in the body) and never served for each other, a repeated
 * pinned request is the same bytes, row extracts are served pinned only while the release's version is the active
 * one, and a malformed id is a 400 in the JSON error shape on every endpoint.
 */
const CACHE = "x-portal-cache";
const AGG = "/api/v1/extracts/aggregate-uof-incidents-by-level";
const get = (baseURL: string, p: string) =>
  fetch(`${baseURL}${p}`, { headers: { "accept-encoding": "identity", "x-forwarded-for": "198.18.240.1" } });

/** Newest first; with the active version id each release served for a dataset. */
function releases() {
  const db = openE2eDb();
  const rows = db.prepare(`SELECT number, snapshot FROM "Release" ORDER BY id DESC`).all() as {
    number: string;
    snapshot: string;
  }[];
  const active = db.prepare(`SELECT id, dataset FROM DatasetVersion WHERE status = 'active'`).all() as {
    id: number;
    dataset: string;
  }[];
  db.close();
  return rows.map((r) => {
    const datasets = (JSON.parse(r.snapshot) as { datasets: { id: number; dataset: string }[] }).datasets;
    return {
      number: r.number,
      has: (dataset: string) => datasets.some((d) => d.dataset === dataset),
      activeFor: (dataset: string) => datasets.some((d) => d.dataset === dataset && active.some((a) => a.id === d.id)),
    };
  });
}

test("aggregates pinned and latest stay apart through the response cache; a pinned answer repeats byte for byte", async ({
  baseURL,
}) => {
  const all = releases();
  const oldest = all.at(-1)!;
  const latest = all[0]!;
  expect(all.length).toBeGreaterThanOrEqual(2);
  const pinned = `${AGG}?format=json&release=${oldest.number}`;
  const a = await get(baseURL!, pinned);
  expect(a.status).toBe(200);
  expect(a.headers.get("x-release")).toBe(oldest.number);
  const body = await a.text();
  const json = JSON.parse(body);
  expect(json.release).toEqual({ id: oldest.number, pinned: true, url: `${baseURL}/releases/${oldest.number}` });
  expect(json.links.csv).toContain(`release=${oldest.number}`);
  const latestAnswer = await get(baseURL!, `${AGG}?format=json`);
  expect(latestAnswer.headers.get("x-release")).toBe(latest.number);
  expect(JSON.parse(await latestAnswer.text()).release).toMatchObject({ id: latest.number, pinned: false });
  const again = await get(baseURL!, pinned);
  expect(again.headers.get(CACHE)).toBe("hit");
  expect(again.headers.get("x-release")).toBe(oldest.number);
  expect(await again.text()).toBe(body);

  const manifest = await (await get(baseURL!, `${AGG}/manifest?release=${oldest.number}`)).json();
  expect(manifest.release.id).toBe(oldest.number);
  const doc = await get(baseURL!, `/api/v1/openapi.json?release=${oldest.number}`);
  expect(doc.headers.get("x-release")).toBe(oldest.number);
  const dictionary = await get(
    baseURL!,
    `/api/v1/dictionary/aggregate-uof-incidents-by-level?release=${oldest.number}`,
  );
  expect(dictionary.headers.get("x-release")).toBe(oldest.number);
});

test("row extracts are served pinned only while the release's version is the active one", async ({ baseURL }) => {
  for (const r of releases()) {
    for (const [dataset, source] of [
      ["use-of-force", "seattle-uof"],
      ["crisis-contacts", "seattle-crisis"],
    ] as const) {
      const res = await get(baseURL!, `/api/v1/extracts/${dataset}?limit=2&release=${r.number}`);
      if (r.activeFor(source)) {
        expect(res.status, `${dataset} ${r.number}`).toBe(200);
        expect(res.headers.get("x-release")).toBe(r.number);
      } else {
        expect(res.status, `${dataset} ${r.number}`).toBe(400);
        const error = (await res.json()).error;
        expect(error.code).toBe("release_rows_unavailable");
        expect(error.message).toContain(r.has(source) ? "superseded" : "has no");
      }
    }
  }
});

test("a malformed release id is a 400 JSON error on every endpoint, an unknown one a 404", async ({ baseURL }) => {
  for (const p of [
    "/api/v1/charts/uof-incidents-by-level",
    AGG,
    `${AGG}/manifest`,
    `${AGG}/zip`,
    "/api/v1/extracts/use-of-force",
    "/api/v1/dictionary/use-of-force",
    "/api/v1/openapi.json",
  ]) {
    for (const bad of ["latest", "2026.13.1", "2026.12.0", "%3Cscript%3E", "2026.12.1%20"]) {
      const res = await get(baseURL!, `${p}?release=${bad}`);
      expect(res.status, `${p} ${bad}`).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect((await res.json()).error.code).toBe("invalid_release");
    }
    const unknown = await get(baseURL!, `${p}?release=1999.01.1`);
    expect(unknown.status, p).toBe(404);
    expect((await unknown.json()).error.code).toBe("unknown_release");
  }
});

test("the extract page pinned to a release keeps the pin in every download link", async ({ page }) => {
  const oldest = releases().at(-1)!;
  await page.goto(`/extracts?dataset=aggregate-uof-incidents-by-level&release=${oldest.number}`);
  const csv = page.getByRole("link", { name: "Download CSV" });
  await expect(csv).toHaveAttribute("href", new RegExp(`release=${oldest.number.replace(/\./g, "\\.")}`));
  await expect(page.getByTestId("permalink")).toHaveAttribute("href", new RegExp(`release=${oldest.number}`));
});

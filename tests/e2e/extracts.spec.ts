import crypto from "node:crypto";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { openE2eDb } from "./db";

/** Direct SQL over the e2e database: the independent check of what the extract page and API return. */
function sql<T>(query: string, ...params: unknown[]): T[] {
  const db = openE2eDb();
  const rows = db.prepare(query).all(...params) as T[];
  db.close();
  return rows;
}
const count = (query: string, ...params: unknown[]) => sql<{ n: number }>(query, ...params)[0]!.n;
const asText = (rows: Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : String(v)])));
const ACTIVE = (alias: string) =>
  `${alias}.versionId = (SELECT id FROM DatasetVersion WHERE dataset = ? AND status = 'active')`;
/** The data_status every extract row ends with, read from the row's dataset version. */
const DATA_STATUS = (alias: string) =>
  `(SELECT CASE synthetic WHEN 1 THEN 'synthetic' ELSE 'real' END FROM DatasetVersion WHERE id = ${alias}.versionId)`;

test("a filtered use-of-force extract built in the page downloads exactly the rows SQL returns", async ({ page }) => {
  const expected = asText(
    sql(
      `SELECT u.sourceId AS id, u.incidentNum AS incident_num, u.level, substr(u.occurredAt, 1, 19) AS occurred_date_time, u.precinct,
         u.sector, u.beat, o.sourceId AS officer_id, u.subjectRace AS subject_race, u.subjectGender AS subject_gender,
         ${DATA_STATUS("u")} AS data_status
       FROM UseOfForce u LEFT JOIN Officer o ON o.id = u.officerId
       WHERE ${ACTIVE("u")} AND u.precinct = 'West' AND u.level = 2 AND u.occurredAt >= '2018-01-01' AND u.occurredAt < '2020-01-01' ORDER BY u.id`,
      "seattle-uof",
    ),
  );
  expect(expected.length).toBeGreaterThan(20);

  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.locator("summary", { hasText: "Data" }).click(); // the Data group's drop-down
  await nav.getByRole("link", { name: "Download data" }).click();
  await page.getByRole("form", { name: "Dataset" }).getByLabel("Dataset").selectOption("use-of-force");
  await page.getByRole("button", { name: "Choose dataset" }).click();
  const form = page.getByRole("form", { name: "Filters and columns" });
  await form.getByLabel("From (date)").fill("2018-01-01");
  await form.getByLabel("To (date)").fill("2019-12-31");
  await form.getByRole("combobox", { name: "Precinct" }).selectOption("West");
  await form.getByRole("combobox", { name: "Force level" }).selectOption("2");
  for (const column of ["incident_type", "subject_id"])
    await form.getByRole("checkbox", { name: new RegExp(`^${column}\\b`) }).uncheck();
  await form.getByRole("button", { name: "Count rows" }).click();

  await expect(page.getByTestId("row-count")).toContainText(`${expected.length.toLocaleString("en-US")} rows match`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^use-of-force_seattle-uof@\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(parse(csv, { columns: true })).toEqual(expected);

  // The permalink is the page URL and reproduces the same selection.
  const permalink = (await page.getByTestId("permalink").getAttribute("href"))!;
  expect(permalink).toBe(
    "/extracts?dataset=use-of-force&columns=id%2Cincident_num%2Clevel%2Coccurred_date_time%2Cprecinct%2Csector%2Cbeat%2Cofficer_id%2Csubject_race%2Csubject_gender&from=2018-01-01&to=2019-12-31&precinct=West&level=2",
  );
  await page.goto(permalink);
  await expect(page.getByTestId("row-count")).toContainText(`${expected.length.toLocaleString("en-US")} rows match`);
  await expect(
    page.getByRole("form", { name: "Filters and columns" }).getByRole("checkbox", { name: /^subject_id\b/ }),
  ).not.toBeChecked();
});

test("crisis contacts: the shown count, JSON pages and manifest agree with SQL", async ({ page, request }) => {
  const n = count(
    `SELECT COUNT(*) AS n FROM CrisisContact c WHERE ${ACTIVE("c")} AND c.citCertified = 1 AND c.dispositionGroup = 'referral' AND c.precinct = 'North'`,
    "seattle-crisis",
  );
  await page.goto("/extracts?dataset=crisis-contacts");
  const form = page.getByRole("form", { name: "Filters and columns" });
  await form.getByRole("combobox", { name: "CIT status" }).selectOption("certified");
  await form.getByRole("combobox", { name: "Disposition group" }).selectOption("referral");
  await form.getByRole("combobox", { name: "Precinct" }).selectOption("North");
  await form.getByRole("button", { name: "Count rows" }).click();
  await expect(page.getByTestId("row-count")).toContainText(`${n.toLocaleString("en-US")} rows match`);

  const query = "precinct=North&cit=certified&dispositionGroup=referral";
  const ids = new Set<string>();
  let next: string | null = `/api/v1/extracts/crisis-contacts?${query}&format=json&limit=700&columns=contact_key`;
  while (next) {
    const res: Awaited<ReturnType<typeof request.get>> = await request.get(next);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      totalRows: number;
      rows: { contact_key: string }[];
      links: { next: string | null };
    };
    expect(body.totalRows).toBe(n);
    for (const r of body.rows) ids.add(r.contact_key);
    next = body.links.next;
  }
  expect(ids.size).toBe(n);

  const manifest = await (await request.get(`/api/v1/extracts/crisis-contacts/manifest?${query}`)).json();
  const [version] = sql<{ label: string; sha256: string; sourceUrl: string }>(
    `SELECT label, sha256, sourceUrl FROM DatasetVersion WHERE dataset = 'seattle-crisis' AND status = 'active'`,
  );
  expect(manifest).toMatchObject({
    dataset: "crisis-contacts",
    version: version!.label,
    sha256: version!.sha256,
    sourceUrl: version!.sourceUrl,
    rowCount: n,
    filters: { precinct: ["North"], cit: "certified", dispositionGroup: ["referral"] },
  });
  expect(manifest.methodologyVersion).toMatch(/\S/);
  expect(Date.parse(manifest.generatedAt)).not.toBeNaN();
  expect(Date.parse(manifest.retrievedAt)).not.toBeNaN();
});

test("crisis rows as CSV: call types with commas, officer IDs as published, CIT as published", async ({ request }) => {
  const callType = "SUSPICIOUS PERSON, VEHICLE OR INCIDENT";
  const expected = asText(
    sql(
      `SELECT r.templateId AS template_id, substr(r.reportedDate, 1, 19) AS reported_date_time, r.initialCallType AS initial_call_type,
         o.sourceId AS officer_id, CASE r.citCertified WHEN 1 THEN 'Y' ELSE 'N' END AS cit_certified, CASE r.useOfForce WHEN 1 THEN 'Y' ELSE 'N' END AS use_of_force,
         ${DATA_STATUS("r")} AS data_status
       FROM CrisisRow r LEFT JOIN Officer o ON o.id = r.officerId
       WHERE ${ACTIVE("r")} AND r.initialCallType = ? AND r.reportedDate >= '2016-01-01' AND r.reportedDate < '2017-01-01' ORDER BY r.id`,
      "seattle-crisis",
      callType,
    ),
  );
  const res = await request.get(
    `/api/v1/extracts/crisis-rows?columns=template_id,reported_date_time,initial_call_type,officer_id,cit_certified,use_of_force&initialCallType=${encodeURIComponent(callType)}&from=2016-01-01&to=2016-12-31`,
  );
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["x-dataset-version"]).toMatch(/^seattle-crisis@/);
  const text = await res.text();
  expect(text).toContain(`"${callType}"`);
  expect(parse(text, { columns: true })).toEqual(expected);
});

test("the full use-of-force CSV streams through the server with every row", async ({ request }) => {
  const res = await request.get("/api/v1/extracts/use-of-force");
  expect(res.status()).toBe(200);
  const [version] = sql<{ label: string; rowsLoaded: number }>(
    `SELECT label, rowsLoaded FROM DatasetVersion WHERE dataset = 'seattle-uof' AND status = 'active'`,
  );
  expect(res.headers()["x-dataset-version"]).toBe(version!.label);
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="use-of-force_${version!.label}.csv"`);
  expect(res.headers()["link"]).toMatch(/\/api\/v1\/extracts\/use-of-force\/manifest>; rel="describedby"/);
  const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(count(`SELECT COUNT(*) AS n FROM UseOfForce u WHERE ${ACTIVE("u")}`, "seattle-uof"));
  expect(records).toHaveLength(version!.rowsLoaded);
  expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
});

test("the ZIP holds the CSV, its dictionary and a manifest that hashes the CSV", async ({ request }) => {
  const res = await request.get("/api/v1/extracts/use-of-force/zip?precinct=East&level=3&level=4");
  expect(res.status()).toBe(200);
  const version = res.headers()["x-dataset-version"]!;
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="use-of-force_${version}.zip"`);
  const files = unzipSync(new Uint8Array(await res.body()));
  const csvName = `use-of-force_${version}.csv`;
  expect(Object.keys(files)).toEqual([csvName, "data-dictionary.csv", "data-dictionary.json", "manifest.json"]);
  const manifest = JSON.parse(strFromU8(files["manifest.json"]!));
  const csv = files[csvName]!;
  const n = count(
    `SELECT COUNT(*) AS n FROM UseOfForce u WHERE ${ACTIVE("u")} AND precinct = 'East' AND level IN (3, 4)`,
    "seattle-uof",
  );
  expect(manifest).toMatchObject({
    version,
    rowCount: n,
    file: { name: csvName, sha256: crypto.createHash("sha256").update(csv).digest("hex"), bytes: csv.length },
  });
  const header = strFromU8(csv).split("\n")[0]!.split(",");
  const dictionary = parse(strFromU8(files["data-dictionary.csv"]!), { columns: true }) as {
    column: string;
    description: string;
  }[];
  expect(dictionary.map((d) => d.column)).toEqual(header);
  expect(dictionary.every((d) => d.description.length > 10)).toBe(true);
});

test("every row extract's CSV content carries its data status: synthetic crisis sample, real use of force", async ({
  request,
}) => {
  const expected: Record<string, { source: string; status: string }> = {
    "crisis-rows": { source: "seattle-crisis", status: "synthetic" },
    "crisis-contacts": { source: "seattle-crisis", status: "synthetic" },
    "use-of-force": { source: "seattle-uof", status: "real" },
  };
  for (const [dataset, { source, status }] of Object.entries(expected)) {
    // The e2e database holds the synthetic crisis sample and the real Use of Force file.
    const [version] = sql<{ synthetic: number }>(
      `SELECT synthetic FROM DatasetVersion WHERE dataset = ? AND status = 'active'`,
      source,
    );
    expect(version!.synthetic === 1 ? "synthetic" : "real", dataset).toBe(status);
    const columnChoices = ["", "&columns=precinct"];
    for (const columns of columnChoices) {
      const res = await request.get(`/api/v1/extracts/${dataset}?limit=300${columns}`);
      expect(res.status(), dataset).toBe(200);
      expect(res.headers()["x-data-status"], dataset).toBe(status);
      const text = await res.text();
      const [header, ...rows] = parse(text) as string[][];
      expect(header!.at(-1), `${dataset}${columns}`).toBe("data_status");
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.at(-1))), `${dataset}${columns}`).toEqual(new Set([status]));
    }
    const zip = unzipSync(
      new Uint8Array(await (await request.get(`/api/v1/extracts/${dataset}/zip?to=2016-01-31`)).body()),
    );
    const csvName = Object.keys(zip).find((n) => n.startsWith(dataset) && n.endsWith(".csv"))!;
    const zipped = parse(strFromU8(zip[csvName]!), { columns: true }) as Record<string, string>[];
    const streamed = await (await request.get(`/api/v1/extracts/${dataset}?to=2016-01-31`)).text();
    expect(strFromU8(zip[csvName]!), dataset).toBe(streamed); // identical bytes, streamed or zipped
    expect(zipped.length, dataset).toBeGreaterThan(0);
    expect(new Set(zipped.map((r) => r.data_status)), dataset).toEqual(new Set([status]));
    const json = await (await request.get(`/api/v1/extracts/${dataset}?limit=5&format=json`)).json();
    expect(json.columns.at(-1)).toBe("data_status");
    expect(json.rows.map((r: { data_status: string }) => r.data_status)).toEqual(Array(5).fill(status));
    const manifest = JSON.parse(strFromU8(zip["manifest.json"]!));
    expect(manifest).toMatchObject({
      dataStatus: status,
      stamp: status === "real" ? null : expect.stringMatching(/SYNTHETIC SAMPLE/),
    });
    expect(manifest.columns.at(-1)).toBe("data_status");
  }
});

test("bad input gets a 400 that says what to fix; unknown datasets a 404", async ({ request }) => {
  const cases: [string, RegExp][] = [
    ["use-of-force?columns=id,foo", /unknown column 'foo'; available: id, incident_num/],
    ["use-of-force?from=2020-01-01&to=2019-01-01", /to must not be before from/],
    ["use-of-force?limit=1000000&format=json", /limit must be at most 10000/],
    ["crisis-rows?from=01/02/2019", /from: '01\/02\/2019' use YYYY-MM-DD/],
    ["crisis-rows?level=2", /filter 'level' does not apply to crisis-rows/],
    ["crisis-contacts?cursor=nope&format=json", /cursor must be the nextCursor value/],
    ["use-of-force/manifest?dispositionGroup=arrest", /does not apply to use-of-force/],
    ["aggregate-crisis-contacts?from=2020-13", /use YYYY-MM/],
    ["aggregate-crisis-contacts?columns=nope", /unknown column 'nope'/],
  ];
  for (const [path, message] of cases) {
    const res = await request.get(`/api/v1/extracts/${path}`);
    expect(res.status(), path).toBe(400);
    expect((await res.json()).error.message, path).toMatch(message);
  }
  const missing = await request.get("/api/v1/extracts/officers");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
  expect((await request.get("/api/v1/dictionary/users")).status()).toBe(404);
});

test("a client that sends too many requests gets 429 with Retry-After", async ({ request }) => {
  // Its own client address, so that the other tests keep their budget.
  const headers = { "x-forwarded-for": "203.0.113.77" };
  let limited = null;
  for (let i = 0; i < 200 && !limited; i++) {
    const res = await request.get("/api/v1/extracts/use-of-force?columns=nope", { headers });
    if (res.status() === 429) limited = res;
    else expect(res.status()).toBe(400);
  }
  expect(limited).not.toBeNull();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await limited!.json()).error).toMatchObject({
    code: "rate_limited",
    message: expect.stringMatching(/Try again in \d+ s/),
  });
  const other = await request.get("/api/v1/extracts/use-of-force?columns=nope", {
    headers: { "x-forwarded-for": "203.0.113.78" },
  });
  expect(other.status()).toBe(400);
});

test("aggregates: every chart is offered at a stable URL, with the chart's own numbers and suppression", async ({
  page,
  request,
}) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/extracts/use-of-force",
      "/api/v1/extracts/crisis-rows/zip",
      "/api/v1/extracts/aggregate-{chartId}",
      "/api/v1/dictionary/{dataset}",
    ]),
  );
  const chartIds: string[] = doc.paths["/api/v1/extracts/aggregate-{chartId}"].get.parameters.find(
    (p: { name: string }) => p.name === "chartId",
  ).schema.enum;
  expect(chartIds).toEqual(expect.arrayContaining(["crisis-contacts", "uof-beat-map", "kpi-force-rate"]));

  await page.goto("/extracts");
  const offered = await page
    .getByRole("form", { name: "Dataset" })
    .locator("optgroup:nth-of-type(2) option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(chartIds.map((id) => `aggregate-${id}`));

  const query = "precinct=West&granularity=year";
  const ours = parse(
    await (await request.get(`/api/v1/extracts/aggregate-crisis-contacts?${query}`)).text(),
  ) as string[][];
  const chart = parse(await (await request.get(`/api/v1/charts/crisis-contacts?${query}`)).text()) as string[][];
  // The chart CSV may end with a Notes column (published annotations); the numbers are the same.
  const numbers = (rows: string[][]) => rows.slice(1).map((r) => r.slice(0, ours[0]!.length));
  expect(ours.slice(1)).toEqual(numbers(chart));
  const beatMap = parse(await (await request.get("/api/v1/extracts/aggregate-uof-beat-map")).text()) as string[][];
  const chartBeatMap = parse(await (await request.get("/api/v1/charts/uof-beat-map")).text()) as string[][];
  expect(beatMap.slice(1)).toEqual(chartBeatMap.slice(1).map((r) => r.slice(0, beatMap[0]!.length)));

  await page.goto(`/extracts?dataset=aggregate-crisis-contacts&${query}`);
  await expect(page.getByTestId("row-count")).toContainText(`${ours.length - 1} rows match`);
});

test("a pinned extract page keeps its release through both forms, the reset link and every download link", async ({
  page,
}) => {
  const pin = sql<{ number: string }>(`SELECT number FROM "Release" ORDER BY id DESC LIMIT 1`)[0]!.number;
  const pinned = new RegExp(`[?&]release=${pin.replace(/\./g, "\\.")}(&|#|$)`);
  await page.goto(`/extracts?dataset=use-of-force&release=${pin}`);
  await expect(page.getByTestId("pinned-release")).toContainText(pin);

  // A GET form replaces the whole query: the release travels in a hidden field.
  const form = page.getByRole("form", { name: "Filters and columns" });
  await form.getByRole("combobox", { name: "Force level" }).selectOption("2");
  await form.getByRole("button", { name: "Count rows" }).click();
  await expect(page).toHaveURL(/level=2/);
  await expect(page).toHaveURL(pinned);
  await expect(page.getByTestId("pinned-release")).toContainText(pin);
  // The latest release holds the active Use of Force version, so its rows are served pinned.
  const n = count(`SELECT COUNT(*) AS n FROM UseOfForce u WHERE ${ACTIVE("u")} AND level = 2`, "seattle-uof");
  await expect(page.getByTestId("row-count")).toContainText(`${n.toLocaleString("en-US")} rows match`);
  for (const name of ["Download CSV", "Download ZIP", "Manifest", "CSV", "JSON", "API description"]) {
    const href = await page.getByRole("link", { name, exact: true }).first().getAttribute("href");
    expect(href, name).toMatch(pinned);
  }
  await expect(page.getByTestId("permalink")).toHaveAttribute("href", pinned);
  await expect(page.getByTestId("extract-reset")).toHaveAttribute("href", pinned);

  // Choosing another dataset stays in the release too.
  await page.getByRole("form", { name: "Dataset" }).getByLabel("Dataset").selectOption("aggregate-crisis-contacts");
  await page.getByRole("button", { name: "Choose dataset" }).click();
  await expect(page).toHaveURL(/dataset=aggregate-crisis-contacts/);
  await expect(page).toHaveURL(pinned);
  await expect(page.getByTestId("row-count")).toBeVisible();
  await expect(page.getByRole("link", { name: "its page" })).toHaveAttribute("href", pinned);
  await page.getByTestId("extract-reset").click();
  await expect(page).toHaveURL(pinned);
  await expect(page.getByTestId("pinned-release")).toContainText(pin);

  // Unpinned, the forms carry no release.
  await page.goto("/extracts?dataset=use-of-force");
  await expect(page.locator('input[name="release"]')).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the form still counts rows", async ({ page }) => {
    await page.goto("/extracts?dataset=use-of-force");
    const form = page.getByRole("form", { name: "Filters and columns" });
    await form.getByRole("combobox", { name: "Force level" }).selectOption("4");
    await form.getByRole("button", { name: "Count rows" }).click();
    const n = count(`SELECT COUNT(*) AS n FROM UseOfForce u WHERE ${ACTIVE("u")} AND level = 4`, "seattle-uof");
    await expect(page.getByTestId("row-count")).toContainText(`${n.toLocaleString("en-US")} rows match`);
  });
});

for (const path of ["/extracts", "/extracts?dataset=crisis-rows", "/extracts?dataset=aggregate-crisis-force-share"]) {
  test(`axe: no violations on ${path}, and usable at 360 px`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByTestId("row-count")).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
  });
}

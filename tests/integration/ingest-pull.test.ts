import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { CRISIS_FIELDS } from "@/lib/ingest/sources/crisis-fields";
import { generateCrisisSample } from "@/lib/ingest/synthetic/crisis-sample";
import { startFakeSocrata, type FakeSocrata } from "../helpers/fake-socrata";
import { tempSqliteDb } from "../helpers/temp-db";

const UOF_FIELDS = [
  "id",
  "incident_num",
  "incident_type",
  "occured_date_time",
  "precinct",
  "sector",
  "beat",
  "officer_id",
  "subject_id",
  "subject_race",
  "subject_gender",
];
const uofRows = Array.from({ length: 1234 }, (_, i) => ({
  id: `2019UOF-${String(i).padStart(5, "0")}`,
  incident_num: String(5000 + Math.floor(i / 2)),
  incident_type: i % 10 === 0 ? "Level 2 - Use of Force" : "Level 1 - Use of Force",
  occured_date_time: `2019-${String(1 + (i % 12)).padStart(2, "0")}-15T10:00:00.000`,
  precinct: ["North", "East", "South", "West", "Southwest", "-"][i % 6]!,
  sector: i % 6 === 5 ? "" : "KING",
  beat: i % 6 === 5 ? "-" : "K2",
  officer_id: String(100 + (i % 40)),
  subject_id: String(i),
  subject_race: "Not Specified",
  subject_gender: "Male",
}));

describe("ingest --pull from the open-data API (local fake, no network)", () => {
  let fake: FakeSocrata;
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  const crisisRows = [...generateCrisisSample({ seed: "pull-test", targetRows: 3000 })];

  beforeAll(async () => {
    t = await tempSqliteDb();
    fake = await startFakeSocrata({
      datasets: {
        "ppi5-g2bj": { fields: UOF_FIELDS, rows: uofRows },
        "i2q9-thny": { fields: CRISIS_FIELDS.map((f) => f.field), rows: crisisRows },
      },
    });
    process.env.SOCRATA_BASE_URL = fake.baseUrl;
    process.env.PULL_DIR = path.join(t.dir, "pulls");
  });
  afterAll(async () => {
    await fake.close();
    await t.cleanup();
  });

  it("pulls Use of Force page by page and loads every row", async () => {
    const report = await runIngest(t.db, { source: "seattle-uof", pull: true });
    expect(report).toMatchObject({ status: "loaded", rowsRead: 1234, rowsLoaded: 1234, rowsQuarantined: 0 });
    const version = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: report.versionId } });
    expect(version.origin).toBe("pull");
    expect(version.sourceUrl).toContain(fake.baseUrl);
    expect(fake.requests.some((r) => r.includes("ppi5-g2bj.csv"))).toBe(true);
    expect(await t.db.useOfForce.count({ where: { versionId: report.versionId, precinct: "Unknown" } })).toBe(
      Math.ceil((1234 - 5) / 6),
    );
  });

  it("pulls the Crisis Data (API field names) and builds contacts", async () => {
    const report = await runIngest(t.db, { source: "seattle-crisis", pull: true });
    expect(report.status).toBe("loaded");
    expect(report.rowsRead).toBe(crisisRows.length);
    expect(report.rowsLoaded + report.rowsQuarantined).toBe(crisisRows.length);
    const templates = new Set(crisisRows.map((r) => r.template_id)).size;
    const contacts = await t.db.crisisContact.findMany({
      where: { versionId: report.versionId },
      select: { templateId: true },
    });
    expect(contacts.length).toBe(report.derived.contacts);
    expect(new Set(contacts.map((c) => c.templateId)).size).toBeLessThanOrEqual(templates);
    expect(contacts.length).toBeGreaterThan(templates * 0.95);
  });

  it("the CLI reports status and rejects bad flags with a usage message (exit 2)", () => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const env = { ...process.env, DATABASE_URL: t.url };
    const status = spawnSync(tsx, ["scripts/cli.ts", "status", "--json"], { env, encoding: "utf8" });
    expect(status.status).toBe(0);
    const parsed = JSON.parse(status.stdout) as { versions: { dataset: string; status: string; origin: string }[] };
    expect(
      parsed.versions
        .filter((v) => v.status === "active")
        .map((v) => [v.dataset, v.origin])
        .sort(),
    ).toEqual([
      ["seattle-crisis", "pull"],
      ["seattle-uof", "pull"],
    ]);
    const bad = spawnSync(tsx, ["scripts/cli.ts", "ingest", "--source", "chicago"], { env, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--source");
    const both = spawnSync(tsx, ["scripts/cli.ts", "ingest", "--source", "seattle-uof", "--pull", "--sample"], {
      env,
      encoding: "utf8",
    });
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --file PATH, --pull or --sample/);
  });
});

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetDto } from "@/lib/dal/datasets";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { startFakeSocrata, type FakeSocrata } from "../helpers/fake-socrata";
import { tempSqliteDb } from "../helpers/temp-db";

// Issue 18: a pull records the API's "rows updated at"; long past the source's cadence, the page DTO says so.
const FIELDS = ["id", "incident_num", "incident_type", "occured_date_time", "precinct", "sector", "beat"].concat([
  "officer_id",
  "subject_id",
  "subject_race",
  "subject_gender",
]);
const rows = Array.from({ length: 200 }, (_, i) => ({
  id: `2024UOF-${String(i).padStart(5, "0")}`,
  incident_num: String(9000 + i),
  incident_type: "Level 1 - Use of Force",
  occured_date_time: `2024-${String(1 + (i % 12)).padStart(2, "0")}-10T10:00:00.000`,
  precinct: "North",
  sector: "LINCOLN",
  beat: "L1",
  officer_id: String(100 + (i % 20)),
  subject_id: String(i),
  subject_race: "Not Specified",
  subject_gender: "Male",
}));
const UPDATED = Date.UTC(2025, 0, 15, 18, 30) / 1000; // 15 Jan 2025, in Unix seconds as Socrata gives it

describe("freshness of a pulled source (local fake API)", () => {
  let fake: FakeSocrata;
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
    fake = await startFakeSocrata({
      datasets: { "ppi5-g2bj": { fields: FIELDS, rows, rowsUpdatedAt: UPDATED } },
    });
    process.env.SOCRATA_BASE_URL = fake.baseUrl;
    process.env.PULL_DIR = path.join(t.dir, "pulls");
  });
  afterAll(async () => {
    await fake.close();
    await t.cleanup();
  });

  it("stores the metadata's date with the version and says in the DTO that the feed looks stopped", async () => {
    const report = await runIngest(t.db, { source: "seattle-uof", pull: true });
    expect(report.status).toBe("loaded");
    const v = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: report.versionId } });
    expect(v.upstreamUpdatedAt?.toISOString()).toBe("2025-01-15T18:30:00.000Z");

    const later = datasetDto(v, new Date("2026-12-03T12:00:00Z"));
    expect(later.upstreamUpdatedAt).toBe("2025-01-15T18:30:00.000Z");
    expect(later.freshness).toMatchObject({ state: "stale", ageDays: 686, cadenceDays: 45 });
    expect(later.freshness.state === "stale" && later.freshness.sentence).toContain(
      "Use of Force data was last updated on Jan 15, 2025, 686 days ago; the city normally publishes monthly.",
    );
    // the same version read soon after the update is current; an override of the cadence moves the line
    expect(datasetDto(v, new Date("2025-02-01T00:00:00Z")).freshness.state).toBe("current");
    expect(datasetDto(v, new Date("2026-12-03T12:00:00Z"), { "seattle-uof": 1000 }).freshness.state).toBe("current");
  });

  it("a local file has no publisher date: it is judged by its newest record, recorded at load, and says so", async () => {
    const v = await t.db.datasetVersion.findFirstOrThrow({ where: { dataset: "seattle-uof", status: "active" } });
    // The newest of the 200 rows: 10 Dec 2024 (the load kept it as the version's period end).
    expect(v.periodEnd?.toISOString()).toBe("2024-12-10T10:00:00.000Z");
    const file = { ...v, upstreamUpdatedAt: null, origin: "file" };
    const later = datasetDto(file, new Date("2026-12-03T12:00:00Z"));
    expect(later.freshness).toMatchObject({ state: "stale", basis: "newest-record", ageDays: 723, cadenceDays: 45 });
    expect(later.freshness.state === "stale" && later.freshness.sentence).toContain(
      "The newest Use of Force record in the loaded data is dated Dec 10, 2024, 723 days ago; the city normally publishes monthly.",
    );
    expect(datasetDto(file, new Date("2025-01-05T00:00:00Z")).freshness).toMatchObject({
      state: "current",
      basis: "newest-record",
    });
    expect(datasetDto({ ...file, periodEnd: null }, new Date()).freshness).toEqual({ state: "unknown" });
  });
});

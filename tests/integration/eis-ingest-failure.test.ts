import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { activeVersion } from "@/lib/ingest/versions";
import { eisFixtureRows, UOF_HEADER } from "../helpers/eis-fixtures";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/** A failing EIS run never fails or rolls back the Use of Force load that triggered it: it is stored as failed. */
vi.mock("@/lib/eis/compute-run", () => ({
  computeEisRun: () => {
    throw new Error("escalation model did not converge (test)");
  },
}));

describe("an EIS failure after an ingest", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(() => t.cleanup());

  it("keeps the load, records a failed run and warns", async () => {
    const warnings: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void warnings.push(a.join(" ")));
    try {
      const report = await runIngest(t.db, {
        source: "seattle-uof",
        file: writeCsv(t.dir, "uof.csv", UOF_HEADER, eisFixtureRows()),
      });
      expect(report).toMatchObject({ status: "loaded", rowsLoaded: eisFixtureRows().length });
      const version = await activeVersion(t.db, "seattle-uof");
      expect(version?.id).toBe(report.versionId);
      expect(await t.db.useOfForce.count({ where: { versionId: report.versionId } })).toBe(eisFixtureRows().length);
      const runs = await t.db.eisRun.findMany();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        status: "failed",
        trigger: "ingest",
        asOf: new Date("2025-03-03T00:00:00Z"),
        datasetVersionId: report.versionId,
        officersScored: 0,
      });
      expect(JSON.parse(runs[0]!.summary)).toEqual({ error: "escalation model did not converge (test)" });
      expect(await t.db.eisOfficerScore.count()).toBe(0);
      expect(warnings.join("\n")).toMatch(
        /warning: the Early Intervention run after this load did not complete: .*did not converge.* The load itself succeeded; retry with `npm run cli -- eis run --as-of 2025-03-03`/,
      );
    } finally {
      warn.mockRestore();
    }
  });
});

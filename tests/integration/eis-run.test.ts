import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { eisCommand, eisRunContract, readConfigFile } from "@/lib/cli/commands/eis";
import type { Db } from "@/lib/db/client";
import { DEFAULT_EIS_CONFIG, EIS_METHOD_VERSION } from "@/lib/eis/config";
import { eisRecordsFromUseOfForce } from "@/lib/eis/incidents";
import { computeEisRun } from "@/lib/eis/compute-run";
import { EisRunRefused, officerResultOf } from "@/lib/eis/store";
import { fillUnits, loadEisSource, runEis, WITNESSES_RECORDED } from "@/lib/eis/run-eis";
import { activeVersion } from "@/lib/ingest/versions";
import { EIS_OFFICERS, eisFixtureRows, UOF_HEADER } from "../helpers/eis-fixtures";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * The EIS pipeline step against a database: the ingest trigger, `eis run` storing exactly what the scoring library
 * computes, atomic replacement of a re-run, refusals, and the --json contract. The scores themselves are the
 * library's (tests/unit/eis); here they are recomputed independently of the store and compared field by field.
 */
const day = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * computeEisRun on the rows read straight from the table (not through lib/eis/run-eis.ts), then the unit fallback
 * (fillUnits, unit-tested in tests/unit/eis/run-eis.test.ts): what a run must store.
 */
async function computedDirectly(db: Db, asOf: Date) {
  const { library, records } = await libraryResult(db, asOf);
  const expected = fillUnits(library, records);
  // The fallback only fills missing units: every other field is the library's.
  expected.officers.forEach((o, i) => {
    const own = library.officers[i]!;
    expect({ ...o, precinct: own.precinct }).toEqual(own);
    if (own.precinct !== null) expect(o.precinct).toBe(own.precinct);
  });
  return expected;
}

async function libraryResult(db: Db, asOf: Date) {
  const version = (await activeVersion(db, "seattle-uof"))!;
  const rows = await db.useOfForce.findMany({ where: { versionId: version.id }, include: { officer: true } });
  const records = eisRecordsFromUseOfForce(
    rows.map((r) => ({
      sourceId: r.sourceId,
      incidentNum: r.incidentNum,
      level: r.level,
      occurredAt: r.occurredAt,
      precinct: r.precinct,
      officerSourceId: r.officer?.sourceId ?? null,
      subjectKey: r.subjectKey,
    })),
  ).filter((r) => r.occurredAt < asOf);
  return { library: computeEisRun(records, asOf, DEFAULT_EIS_CONFIG, { witnessesRecorded: false }), records };
}

async function storedOfficers(db: Db, runId: number) {
  const rows = await db.eisOfficerScore.findMany({ where: { runId } });
  return rows.map(officerResultOf).sort((a, b) => a.officerId.localeCompare(b.officerId, "en", { numeric: true }));
}

describe("EIS runs on a small Use of Force file", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  beforeAll(async () => {
    t = await tempSqliteDb();
    db = t.db;
    process.env.DATABASE_URL = t.url; // the CLI command's shared client
    const file = writeCsv(t.dir, "uof.csv", UOF_HEADER, eisFixtureRows());
    const report = await runIngest(db, { source: "seattle-uof", file });
    expect(report.status).toBe("loaded");
  });
  afterAll(() => t.cleanup());

  it("the ingest scored the latest week: as of the Monday after the last incident (Thu 2025-02-27)", async () => {
    const runs = await db.eisRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      asOf: day("2025-03-03"),
      trigger: "ingest",
      status: "complete",
      methodologyVersion: EIS_METHOD_VERSION,
      officersScored: 7,
    });
    expect(runs[0]!.datasetVersionId).toBe((await activeVersion(db, "seattle-uof"))!.id);
  });

  it("stores every officer's scores exactly as computeEisRun gives them", async () => {
    const asOf = day("2025-03-03");
    const { stored, result } = await runEis(db, { asOf, trigger: "cli" });
    const direct = await computedDirectly(db, asOf);
    expect(result.officers).toEqual(direct.officers);
    expect(await storedOfficers(db, stored.runId)).toEqual(
      [...direct.officers].sort((a, b) => a.officerId.localeCompare(b.officerId, "en", { numeric: true })),
    );
    const run = await db.eisRun.findUniqueOrThrow({ where: { id: stored.runId } });
    expect(run).toMatchObject({
      trigger: "cli",
      status: "complete",
      officersScored: direct.officers.length,
      officersFlagged: direct.officers.filter((o) => o.flagged).length,
    });
    expect(JSON.parse(run.config)).toEqual(direct.config);
    expect(JSON.parse(run.summary).diagnostics.unitsFromEscalationWindow).toBe(0); // every fixture row has a precinct
    expect(JSON.parse(run.summary).windows).toEqual(direct.windows);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    // Officer.id links each score to the officer of the Use of Force ID space.
    const w1 = await db.eisOfficerScore.findFirstOrThrow({
      where: { runId: stored.runId, officerSourceId: EIS_OFFICERS.W1 },
    });
    expect((await db.officer.findUniqueOrThrow({ where: { id: w1.officerId } })).idSpace).toBe("seattle-uof");
    expect(WITNESSES_RECORDED["seattle-uof"]).toBe(false);
    expect(w1.engagementAvailable).toBe(false);
    expect(w1.engagementScore).toBeNull();
  });

  it("a re-run of the same as-of date replaces the run in one step; a reviewed run is refused", async () => {
    const asOf = day("2025-03-03");
    const before = await db.eisRun.findMany({ where: { asOf } });
    expect(before).toHaveLength(1); // the cli run replaced the ingest run
    const { stored } = await runEis(db, { asOf, trigger: "cli" });
    expect(stored.replacedRunIds).toEqual([before[0]!.id]);
    expect((await db.eisRun.findMany({ where: { asOf } })).map((r) => r.id)).toEqual([stored.runId]);
    expect(await db.eisOfficerScore.count({ where: { runId: before[0]!.id } })).toBe(0);

    const score = await db.eisOfficerScore.findFirstOrThrow({ where: { runId: stored.runId } });
    await db.eisReview.create({
      data: {
        scoreId: score.id,
        reviewerId: 1,
        reviewerEmail: "sgt@spd.test",
        flagDecision: "agree",
        interventionRecommended: false,
      },
    });
    const refused = await runEis(db, { asOf, trigger: "cli" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EisRunRefused);
    expect((refused as Error).message).toMatch(/already has 1 review; reviews are never removed/);
    expect((await db.eisRun.findMany({ where: { asOf } })).map((r) => r.id)).toEqual([stored.runId]);
  });

  it("`eis run --as-of --json` prints the contract and stores the run; bad input is refused with a message", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const write = vi
      .spyOn(process.stdout, "write")
      .mockImplementation(((chunk: string, cb?: () => void) => (out.push(String(chunk)), cb?.(), true)) as never);
    const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
    try {
      expect(await eisCommand(["run", "--as-of", "2025-02-24", "--json"])).toBe(0);
      const printed = JSON.parse(out.join(""));
      expect(printed).toEqual(eisRunContract(await computedDirectly(db, day("2025-02-24"))));
      expect(Object.keys(printed.officers[0]).sort()).toEqual([
        "engagementScore",
        "escalation",
        "flagged",
        "incidentN",
        "incidentScore",
        "officerId",
        "reasons",
        "subjectN",
        "subjectScore",
      ]);
      expect(err.join("\n")).toMatch(/eis: run \d+ as of 2025-02-24 .*: 6 officers scored/); // W3's incident (02-27) is after it
      expect(await db.eisRun.count({ where: { asOf: day("2025-02-24"), trigger: "cli", status: "complete" } })).toBe(1);

      err.length = 0;
      expect(await eisCommand(["run", "--as-of", "2025-03-10"])).toBe(1);
      expect(err.join("\n")).toContain("latest week to score is as of 2025-03-03");
    } finally {
      write.mockRestore();
      error.mockRestore();
    }
    await expect(eisCommand(["run", "--as-of", "2025-02-30"])).rejects.toThrow("--as-of: is not a calendar date");
    await expect(eisCommand(["run", "--as-of", "next monday"])).rejects.toThrow("must be a date written YYYY-MM-DD");
    await expect(eisCommand(["run"])).rejects.toThrow("--as-of");
    await expect(eisCommand(["rerun"])).rejects.toThrow('unknown eis subcommand "rerun"');
  });

  it("--config takes a JSON object of overrides and names a bad field", () => {
    const good = path.join(t.dir, "good.json");
    fs.writeFileSync(good, JSON.stringify({ scoreThreshold: 0.5 }));
    expect(readConfigFile(good)).toMatchObject({ scoreThreshold: 0.5, minQualifying: 3 });
    const bad = path.join(t.dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ scoreThreshhold: 0.5 }));
    expect(() => readConfigFile(bad)).toThrow(/--config .*bad\.json: .*scoreThreshhold/);
    fs.writeFileSync(bad, "[1]");
    expect(() => readConfigFile(bad)).toThrow("must be a JSON object");
    expect(() => readConfigFile(path.join(t.dir, "missing.json"))).toThrow("no such file");
  });

  it("loads the records with their officers' database IDs", async () => {
    const source = await loadEisSource(db);
    expect(source.records).toHaveLength(eisFixtureRows().length);
    expect([...source.officerDbIds.keys()].sort()).toEqual(Object.values(EIS_OFFICERS).sort());
  });
});

describe("EIS run on the real Use of Force file", () => {
  const file = path.resolve("..", "shared", "data", "seattle-use-of-force.csv");
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(() => t.cleanup());

  it.skipIf(!fs.existsSync(file))(
    "the ingest trigger stores a run equal to computeEisRun's output",
    async () => {
      await runIngest(t.db, { source: "seattle-uof", file });
      const version = (await activeVersion(t.db, "seattle-uof"))!;
      const run = await t.db.eisRun.findFirstOrThrow({ where: { datasetVersionId: version.id } });
      expect(run.status).toBe("complete");
      const direct = await computedDirectly(t.db, run.asOf);
      expect(run.officersScored).toBe(direct.officers.length);
      expect(run.officersFlagged).toBe(direct.officers.filter((o) => o.flagged).length);
      expect(await storedOfficers(t.db, run.id)).toEqual(
        [...direct.officers].sort((a, b) => a.officerId.localeCompare(b.officerId, "en", { numeric: true })),
      );
      // Seattle's 2025-2026 rows carry no precinct: most units of the latest week come from the escalation window.
      const { library } = await libraryResult(t.db, run.asOf);
      const filled = JSON.parse(run.summary).diagnostics.unitsFromEscalationWindow as number;
      expect(filled).toBe(
        direct.officers.filter((o) => o.precinct !== null).length -
          library.officers.filter((o) => o.precinct !== null).length,
      );
      expect(filled).toBeGreaterThan(0);
    },
    120_000,
  );
});

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb } from "../helpers/temp-db";

const HEADER =
  '"ID","Incident_Num","Incident_Type","Occured_date_time","Precinct","Sector","Beat","Officer_ID","Subject_ID","Subject_Race","Subject_Gender"';
function uofFile(dir: string, name: string, rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `"X${i}","${Math.floor(i / 2)}","Level 1 - Use of Force","0${1 + (i % 9)}/15/20${15 + (i % 10)} 10:00:00 AM","North","JOHN","J1","${i % 500}","${i}","White","Male"`,
    );
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("an ingest killed half way", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(async () => t.cleanup());

  it("leaves the previous version served and intact; the next run completes", async () => {
    const first = await ingestFile(t.db, {
      source: "seattle-uof",
      filePath: uofFile(t.dir, "small.csv", 500),
      origin: "file",
    });
    const resultBefore = await t.db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } });
    const big = uofFile(t.dir, "big.csv", 150_000);

    // `node --import tsx` runs the CLI in this one process (the tsx binary would fork a second one).
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/cli.ts", "ingest", "--source", "seattle-uof", "--file", big],
      {
        env: { ...process.env, DATABASE_URL: t.url },
        stdio: "ignore",
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    let killedAtRows = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const loading = await t.db.datasetVersion.findFirst({ where: { status: "loading" } });
      if (loading && loading.rowsRead > 0) {
        child.kill("SIGKILL");
        killedAtRows = loading.rowsRead;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await exited).toBe("SIGKILL");
    expect(killedAtRows).toBeGreaterThan(0);
    expect(killedAtRows).toBeLessThan(150_000);

    // The old version is still the one served, with all its rows and its results.
    const active = await t.db.datasetVersion.findMany({ where: { status: "active" } });
    expect(active.map((v) => v.id)).toEqual([first.versionId]);
    expect(await t.db.useOfForce.count({ where: { versionId: first.versionId } })).toBe(500);
    expect(await t.db.result.findUniqueOrThrow({ where: { key: "uof.yearly" } })).toEqual(resultBefore);

    // The next run notices the dead loader, cleans up its partial rows and completes.
    const second = await ingestFile(t.db, { source: "seattle-uof", filePath: big, origin: "file" });
    expect(second).toMatchObject({ status: "loaded", rowsRead: 150_000, rowsLoaded: 150_000, rowsQuarantined: 0 });
    const statuses = await t.db.datasetVersion.findMany({ orderBy: { id: "asc" }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["superseded", "failed", "active"]);
    expect(await t.db.useOfForce.count({ where: { versionId: second.versionId } })).toBe(150_000);
    expect(await t.db.useOfForce.count({ where: { version: { status: "failed" } } })).toBe(0);
  }, 120_000);
});

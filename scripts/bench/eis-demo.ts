/**
 * The demo's EIS step timed on its own. The bench database keeps its runs, so after the first bench its data setup
 * no longer scores anything; this times the step afresh: a new SQLite database in the bench folder, the Use of Force
 * file ingested (the ingest scores the latest week, as every ingest does), then the rest of the demo schedule
 * (runEisSeries with EIS_DEMO_SCHEDULE: 34 runs computed and stored, sharing fits of identical escalation windows).
 * Wall and CPU time (this process) of runEisSeries only; the ingest is not counted.
 */
import fs from "node:fs";
import path from "node:path";
import type { BenchContext } from "./types";

export type DemoEisResult = { seconds: number; cpuSeconds: number; runs: number } | { unavailable: string };

export async function demoEisBench(ctx: Pick<BenchContext, "dataDir" | "outDir" | "log">): Promise<DemoEisResult> {
  const { UOF_FILE, EIS_DEMO_SCHEDULE } = await import("@/lib/pipeline/prepare");
  const file = path.resolve(ctx.dataDir ?? "../shared/data", UOF_FILE);
  if (!fs.existsSync(file)) return { unavailable: `no ${UOF_FILE} in the data folder` };
  const { migrateDeploy } = await import("@/lib/db/migrate");
  const { createDb } = await import("@/lib/db/client");
  const { runIngest } = await import("@/lib/pipeline/ingest-source");
  const { runEisSeries } = await import("@/lib/eis/run-eis");
  const dbFile = path.join(ctx.outDir, "eis-demo.db");
  fs.rmSync(dbFile, { force: true });
  const url = `file:${dbFile}`;
  await migrateDeploy(url);
  const db = createDb(url);
  try {
    await runIngest(db, { source: "seattle-uof", file }, { note: () => undefined, warn: ctx.log });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const stored = await runEisSeries(db, EIS_DEMO_SCHEDULE, () => undefined);
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpuSeconds = (c.user + c.system) / 1e6;
    ctx.log(`demo EIS step: ${stored.length} runs stored in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)`);
    return { seconds, cpuSeconds, runs: stored.length };
  } finally {
    await db.$disconnect();
    fs.rmSync(dbFile, { force: true });
  }
}

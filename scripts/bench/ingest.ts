/**
 * Ingest time per source, as an operator loads data: the CLI on a fresh, migrated SQLite database, one source at
 * a time (the real Use of Force file, then the synthetic crisis sample), then `compute` (the published results).
 * Wall time, rows per second and the peak memory of the CLI process.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cliCommand, timedCommand } from "./commands";
import type { BenchContext, BenchRow } from "./types";

export interface IngestStep {
  step: string;
  command: string;
  seconds: number;
  peakMiB: number;
  rowsRead: number | null;
  rowsLoaded: number | null;
  rowsQuarantined: number | null;
}

const UOF_FILE = "seattle-use-of-force.csv";

export async function runIngestBench(ctx: BenchContext): Promise<IngestStep[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-ingest-"));
  const env = { ...ctx.env, DATABASE_URL: `file:${path.join(dir, "ingest.db")}` };
  try {
    const migrated = cliCommand(["db", "migrate"], env);
    if (migrated.status !== 0) throw new Error(`db migrate failed: ${migrated.stderr}`);
    const steps: { step: string; args: string[] }[] = [];
    const uof = ctx.dataDir ? path.join(ctx.dataDir, UOF_FILE) : null;
    if (uof && fs.existsSync(uof))
      steps.push({
        step: `Use of Force (${UOF_FILE})`,
        args: ["ingest", "--source", "seattle-uof", "--file", uof, "--json"],
      });
    else ctx.log(`ingest: no ${UOF_FILE} in the data folder; Use of Force skipped`);
    steps.push({
      step: "Crisis Data (synthetic sample, default size)",
      args: ["ingest", "--source", "seattle-crisis", "--sample", "--json"],
    });
    steps.push({ step: "compute (every published result)", args: ["compute"] });

    const results: IngestStep[] = [];
    for (const s of steps) {
      const r = timedCommand(s.args, env);
      if (r.status !== 0) throw new Error(`${s.args.join(" ")} failed: ${r.stderr.slice(-500)}`);
      let report: { rowsRead?: number; rowsLoaded?: number; rowsQuarantined?: number } = {};
      try {
        if (s.args.includes("--json")) report = JSON.parse(r.stdout) as typeof report;
      } catch {
        // compute prints text; a report that does not parse leaves the row counts empty
      }
      results.push({
        step: s.step,
        command: `npm run cli -- ${s.args.map((a) => (a === uof ? `"${path.basename(a)}"` : a)).join(" ")}`,
        seconds: r.seconds,
        peakMiB: r.peakMiB,
        rowsRead: report.rowsRead ?? null,
        rowsLoaded: report.rowsLoaded ?? null,
        rowsQuarantined: report.rowsQuarantined ?? null,
      });
      ctx.log(`ingest: ${s.step}: ${r.seconds.toFixed(1)} s`);
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function ingestRows(steps: IngestStep[]): BenchRow[] {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  return steps.map((s) => ({
    section: "ingest",
    case: s.step,
    tool: "CLI on a fresh database",
    throughput: s.rowsRead ? `${n(s.rowsRead / s.seconds)} rows/s` : undefined,
    seconds: s.seconds,
    peakMiB: s.peakMiB,
    note:
      s.rowsRead !== null
        ? `${n(s.rowsRead)} read, ${n(s.rowsLoaded ?? 0)} loaded, ${n(s.rowsQuarantined ?? 0)} quarantined`
        : "",
  }));
}

import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { env, localDataDir } from "@/lib/env";
import { runIngest } from "@/lib/cli/ingest-command";
import type { IngestReport } from "@/lib/ingest/load";
import { isReachable } from "@/lib/ingest/pull/socrata";
import { seedContextAnnotations } from "@/lib/annotations/seed";
import { recomputeResults } from "./recompute";

/**
 * What `npm run demo` (and the e2e setup) loads: local files first, then Seattle's API when it answers, and for the
 * crisis data the synthetic sample as the last resort. Works with no network.
 */
export interface PrepareOptions {
  dataDir?: string | null;
  allowPull?: boolean;
  sampleRows?: number;
  log?: (line: string) => void;
}

export const UOF_FILE = "seattle-use-of-force.csv";
/** Local crisis files are recognised by name: any CSV in the data folder whose name contains "crisis". */
export function findCrisisFile(dir: string | null): string | null {
  if (!dir || !fs.existsSync(dir)) return null;
  const match = fs.readdirSync(dir).filter((f) => /crisis/i.test(f) && f.toLowerCase().endsWith(".csv")).sort()[0];
  return match ? path.join(dir, match) : null;
}

export async function prepareData(db: Db, opts: PrepareOptions = {}): Promise<IngestReport[]> {
  const log = opts.log ?? console.log;
  const dataDir = opts.dataDir === undefined ? localDataDir() : opts.dataDir;
  const applied = await migrateDeploy(env().DATABASE_URL);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
  const online = opts.allowPull === false ? false : await isReachable(env().SOCRATA_BASE_URL);
  const reports: IngestReport[] = [];

  const uofFile = dataDir ? path.join(dataDir, UOF_FILE) : null;
  if (uofFile && fs.existsSync(uofFile)) {
    log(`use of force: reading ${uofFile}`);
    reports.push(await runIngest(db, { source: "seattle-uof", file: uofFile }));
  } else if (online) {
    log(`use of force: pulling from ${env().SOCRATA_BASE_URL}`);
    reports.push(await runIngest(db, { source: "seattle-uof", pull: true }));
  } else {
    log(`use of force: no ${UOF_FILE} in the data folder and the open-data API is not reachable; skipped.`);
  }

  const crisisFile = findCrisisFile(dataDir);
  if (crisisFile) {
    log(`crisis data: reading ${crisisFile}`);
    reports.push(await runIngest(db, { source: "seattle-crisis", file: crisisFile }));
  } else if (online) {
    log(`crisis data: pulling from ${env().SOCRATA_BASE_URL}`);
    reports.push(await runIngest(db, { source: "seattle-crisis", pull: true }));
  } else {
    log("crisis data: no local file and the open-data API is not reachable; loading the synthetic sample (labelled as such on every page).");
    reports.push(await runIngest(db, { source: "seattle-crisis", sample: true, rows: opts.sampleRows }));
  }
  const keys = await recomputeResults(db);
  log(`results computed: ${keys.join(", ")}`);
  const seeded = await seedContextAnnotations(db);
  log(seeded ? `context notes published: ${seeded} (sourced, marked as seeded)` : "context notes: already present");
  return reports;
}

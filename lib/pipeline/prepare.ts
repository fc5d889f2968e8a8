import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { env, localDataDir } from "@/lib/env";
import type { IngestReport } from "@/lib/ingest/load";
import type { SourceKey } from "@/lib/ingest/sources";
import { isReachable } from "@/lib/ingest/pull/socrata";
import { activeVersion } from "@/lib/ingest/versions";
import { runEisSeries } from "@/lib/eis/run-eis";
import { seedContextAnnotations } from "@/lib/annotations/seed";
import { latestRelease, recordRelease } from "./releases";
import { runIngest, type IngestObserver, type IngestRequest } from "./ingest-source";
import { recomputeResults } from "./recompute";

/**
 * What `npm run demo` (and the e2e setup) loads: local files first, then Seattle's API when it answers, and for the
 * crisis data the synthetic sample as the last resort. Works with no network.
 */
export interface PrepareOptions {
  dataDir?: string | null;
  allowPull?: boolean;
  sampleRows?: number;
  /** Early Intervention runs to store (lib/eis/run-eis.ts demoAsOfs); weekly 0 and monthly 0: none. */
  eisSchedule?: { weekly: number; monthly: number };
  log?: (line: string) => void;
  /** How each load reports progress (the scripts pass the terminal's, lib/cli/ingest-command.ts); none by default. */
  ingestObserver?: (source: SourceKey) => IngestObserver;
}

/**
 * Half a year of weekly runs (trends on the flags page), then every fourth week for nine more steps back, so that
 * the accuracy page has runs with 6 and 12 months of follow-up inside the data. About 0.4 s per run on the real file
 * (34 runs stored in 13.3 s on 2026-12-03; runs with the same escalation window share its fit).
 */
export const EIS_DEMO_SCHEDULE = { weekly: 26, monthly: 9 };

export const UOF_FILE = "seattle-use-of-force.csv";
/** Local crisis files are recognised by name: any CSV in the data folder whose name contains "crisis". */
export function findCrisisFile(dir: string | null): string | null {
  if (!dir || !fs.existsSync(dir)) return null;
  const match = fs
    .readdirSync(dir)
    .filter((f) => /crisis/i.test(f) && f.toLowerCase().endsWith(".csv"))
    .sort()[0];
  return match ? path.join(dir, match) : null;
}

export async function prepareData(db: Db, opts: PrepareOptions = {}): Promise<IngestReport[]> {
  const log = opts.log ?? console.log;
  const dataDir = opts.dataDir === undefined ? localDataDir() : opts.dataDir;
  const applied = await migrateDeploy(env().DATABASE_URL);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
  const online = opts.allowPull === false ? false : await isReachable(env().SOCRATA_BASE_URL);
  const reports: IngestReport[] = [];
  const ingest = (request: IngestRequest) => runIngest(db, request, opts.ingestObserver?.(request.source));

  const uofFile = dataDir ? path.join(dataDir, UOF_FILE) : null;
  if (uofFile && fs.existsSync(uofFile)) {
    log(`use of force: reading ${uofFile}`);
    reports.push(await ingest({ source: "seattle-uof", file: uofFile }));
  } else if (online) {
    log(`use of force: pulling from ${env().SOCRATA_BASE_URL}`);
    reports.push(await ingest({ source: "seattle-uof", pull: true }));
  } else {
    log(`use of force: no ${UOF_FILE} in the data folder and the open-data API is not reachable; skipped.`);
  }

  const crisisFile = findCrisisFile(dataDir);
  if (crisisFile) {
    log(`crisis data: reading ${crisisFile}`);
    reports.push(await ingest({ source: "seattle-crisis", file: crisisFile }));
  } else if (online) {
    log(`crisis data: pulling from ${env().SOCRATA_BASE_URL}`);
    reports.push(await ingest({ source: "seattle-crisis", pull: true }));
  } else {
    log(
      "crisis data: no local file and the open-data API is not reachable; loading the synthetic sample (labelled as such on every page).",
    );
    reports.push(await ingest({ source: "seattle-crisis", sample: true, rows: opts.sampleRows }));
  }
  const keys = await recomputeResults(db);
  log(`results computed: ${keys.join(", ")}`);
  const seeded = await seedContextAnnotations(db);
  log(seeded ? `context notes published: ${seeded} (sourced, marked as seeded)` : "context notes: already present");
  if (seeded) await recordRelease(db, "note");
  const latest = await latestRelease(db);
  if (latest) log(`release: ${latest.number} (the public pages serve it; /releases lists every release)`);
  const schedule = opts.eisSchedule ?? EIS_DEMO_SCHEDULE;
  if (schedule.weekly + schedule.monthly > 0 && (await activeVersion(db, "seattle-uof"))) {
    // The staff pages' history. A failure leaves the public portal usable, so it is a warning here.
    await runEisSeries(db, schedule, log).catch((e: unknown) =>
      log(`warning: early intervention runs failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  return reports;
}

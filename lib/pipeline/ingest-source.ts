import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { loadDatasetFile, type IngestInput, type IngestReport } from "@/lib/ingest/load";
import { pullSocrataCsv } from "@/lib/ingest/pull/socrata";
import { SOURCES, type SourceKey } from "@/lib/ingest/sources";
import { CRISIS_SAMPLE_DEFAULTS } from "@/lib/ingest/synthetic/crisis-sample";
import { writeCrisisSample } from "@/lib/ingest/synthetic/crisis-sample-file";
import { recordRelease } from "./releases";
import { computeAllResults } from "./results";

/** One load: exactly one of a local file, a pull from the open-data API or (crisis data only) the synthetic sample. */
export interface IngestRequest {
  source: SourceKey;
  file?: string;
  pull?: boolean;
  sample?: boolean;
  seed?: string;
  rows?: number;
  /** Accept a new version with far fewer rows than the active one (lib/ingest/guards.ts). */
  allowShrink?: boolean;
}

/**
 * How a caller follows a load: the CLI draws a progress bar (lib/cli/ingest-command.ts), tests pass nothing. The
 * pipeline itself never prints progress, so it runs the same under the CLI, the demo and the tests.
 */
export interface IngestObserver {
  progress?: (rowsDone: number, rowsTotal?: number | null) => void;
  /** Called once the rows are loaded (or the load failed), before the Early Intervention run that may follow. */
  loadFinished?: () => void;
  /** A line about the Early Intervention run after the load; stderr by default, as stdout may carry a JSON report. */
  note?: (line: string) => void;
  warn?: (line: string) => void;
}

/**
 * Loads one CSV file as a new version of its dataset (lib/ingest/load.ts) and, in the switch to active, replaces the
 * stored results computed from it and the other datasets' active versions. Then records a public release
 * (lib/pipeline/releases.ts) if what the public sees changed: an unchanged re-load makes none, but it does make the
 * one a process killed between the switch and the release left unrecorded.
 */
export async function ingestFile(db: Db, input: Omit<IngestInput, "computeResults">): Promise<IngestReport> {
  const report = await loadDatasetFile(db, { ...input, computeResults: computeAllResults });
  await recordRelease(db, "load");
  return report;
}

/** A load killed after activation (or whose EIS run failed) leaves its version without scores. */
const hasCompleteEisRun = async (db: Db, versionId: number) =>
  (await db.eisRun.count({ where: { datasetVersionId: versionId, status: "complete" } })) > 0;

/**
 * Loads a source; after a Use of Force load that activated a new version, or an "unchanged" one whose active
 * version has no complete EIS run yet (a process killed between activation and scoring), scores the latest week
 * with the Early Intervention System. That run never fails or rolls back the load: a failure is stored as a failed run and printed
 * as a warning (lib/eis/run-eis.ts runEisAfterIngest).
 */
export async function runIngest(db: Db, request: IngestRequest, observer: IngestObserver = {}): Promise<IngestReport> {
  const note = observer.note ?? ((line: string) => console.error(line));
  const warn = observer.warn ?? ((line: string) => console.warn(line));
  let report: IngestReport;
  try {
    report = await loadSource(db, request, observer.progress ?? (() => undefined));
  } finally {
    observer.loadFinished?.();
  }
  if (
    report.dataset === "seattle-uof" &&
    (report.status === "loaded" || !(await hasCompleteEisRun(db, report.versionId)))
  ) {
    const run = await import("@/lib/eis/run-eis").then(
      (m) => m.runEisAfterIngest(db),
      (e: unknown) => (warn(`warning: the Early Intervention run was skipped: ${String(e)}`), null),
    );
    if (run)
      note(
        `eis: run ${run.runId} as of ${run.asOf}: ${run.officersScored} officers scored, ${run.officersFlagged} flagged`,
      );
  }
  return report;
}

async function loadSource(
  db: Db,
  request: IngestRequest,
  progress: NonNullable<IngestObserver["progress"]>,
): Promise<IngestReport> {
  const mapping = SOURCES[request.source];
  const allowShrink = Boolean(request.allowShrink);
  if (request.file !== undefined) {
    if (!fs.existsSync(request.file)) throw new Error(`${request.file}: no such file`);
    return await ingestFile(db, {
      source: request.source,
      filePath: request.file,
      origin: "file",
      allowShrink,
      onProgress: (n) => progress(n),
    });
  }
  if (request.pull) {
    const base = env().SOCRATA_BASE_URL.replace(/\/$/, "");
    const outFile = path.resolve(
      env().PULL_DIR,
      `${request.source}-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}.csv`,
    );
    const pulled = await pullSocrataCsv({
      baseUrl: base,
      datasetId: mapping.api.datasetId,
      order: mapping.api.order,
      outFile,
      appToken: env().SOCRATA_APP_TOKEN,
      onProgress: (p) => progress(p.rowsDone, p.rowsTotal),
    });
    return await ingestFile(db, {
      source: request.source,
      filePath: outFile,
      origin: "pull",
      sourceUrl: pulled.sourceUrl,
      inputName: `${mapping.api.datasetId} (${pulled.rows} rows, ${pulled.pages} pages)`,
      retrievedAt: pulled.retrievedAt,
      upstreamUpdatedAt: pulled.upstreamUpdatedAt,
      allowShrink,
      onProgress: (n) => progress(n),
    });
  }
  if (!request.sample) throw new Error("give exactly one of a file, a pull or the sample");
  const seed = request.seed ?? CRISIS_SAMPLE_DEFAULTS.seed;
  const rows = request.rows ?? CRISIS_SAMPLE_DEFAULTS.targetRows;
  const file = await writeCrisisSample(seed, rows);
  return await ingestFile(db, {
    source: request.source,
    filePath: file,
    origin: "sample",
    synthetic: true,
    sourceUrl: "synthetic://crisis-sample",
    inputName: `synthetic sample, seed "${seed}", ~${rows} rows`,
    retrievedAt: new Date(Date.UTC(2026, 0, 1)),
    allowShrink,
    onProgress: (n) => progress(n),
  });
}

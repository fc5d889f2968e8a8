import fs from "node:fs";
import path from "node:path";
import { SingleBar, Presets } from "cli-progress";
import { stringify } from "csv-stringify";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ingestFile, type IngestReport } from "@/lib/ingest/load";
import { pullSocrataCsv } from "@/lib/ingest/pull/socrata";
import { SOURCES, SOURCE_KEYS, type SourceKey } from "@/lib/ingest/sources";
import { CRISIS_FIELDS } from "@/lib/ingest/sources/crisis-fields";
import { CRISIS_SAMPLE_DEFAULTS, generateCrisisSample } from "@/lib/ingest/synthetic/crisis-sample";
import { parseFlags, UsageError } from "./args";

export const IngestFlags = z
  .object({
    source: z.enum(SOURCE_KEYS as [SourceKey, ...SourceKey[]], { message: `must be one of ${SOURCE_KEYS.join(", ")}` }),
    file: z.string().optional(),
    pull: z.boolean().optional(),
    sample: z.boolean().optional(),
    seed: z.string().min(1).optional(),
    rows: z.coerce.number().int().min(100).max(2_000_000).optional(),
    json: z.boolean().optional(),
    // Accept a new version with far fewer rows than the active one (lib/ingest/guards.ts).
    "allow-shrink": z.boolean().optional(),
  })
  .refine((f) => [f.file !== undefined, f.pull, f.sample].filter(Boolean).length === 1, {
    message: "give exactly one of --file PATH, --pull or --sample",
    path: ["source"],
  })
  .refine((f) => !f.sample || f.source === "seattle-crisis", {
    message: "--sample is only available for seattle-crisis",
    path: ["sample"],
  });
export type IngestFlags = z.infer<typeof IngestFlags>;

function progress(label: string, json: boolean) {
  if (json || !process.stderr.isTTY) {
    let last = 0;
    return {
      update: (n: number, total?: number | null) => {
        if (n - last >= 50_000) {
          last = n;
          if (!json)
            console.error(
              `${label}: ${n.toLocaleString("en-US")}${total ? ` / ${total.toLocaleString("en-US")}` : ""} rows`,
            );
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} rows`, stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(0, 0);
  return {
    update: (n: number, total?: number | null) => {
      if (total) bar.setTotal(total);
      else if (n > bar.getTotal()) bar.setTotal(n);
      bar.update(n);
    },
    stop: () => bar.stop(),
  };
}

/** Writes the deterministic synthetic sample to a CSV (API field names), reusing an identical earlier file. */
export async function writeCrisisSample(seed: string, rows: number): Promise<string> {
  const file = path.resolve(".data", "samples", `crisis-sample-${seed}-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const out = fs.createWriteStream(tmp);
  const csv = stringify({ header: true, columns: CRISIS_FIELDS.map((f) => f.field), quoted: true });
  csv.pipe(out);
  for (const row of generateCrisisSample({ seed, targetRows: rows })) {
    if (!csv.write(row)) await new Promise((r) => csv.once("drain", r));
  }
  csv.end();
  await new Promise<void>((resolve, reject) => out.on("finish", resolve).on("error", reject));
  fs.renameSync(tmp, file);
  return file;
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
export async function runIngest(db: Db, flags: IngestFlags): Promise<IngestReport> {
  const report = await loadSource(db, flags);
  if (
    report.dataset === "seattle-uof" &&
    (report.status === "loaded" || !(await hasCompleteEisRun(db, report.versionId)))
  ) {
    // stderr: stdout may carry the --json report.
    const run = await import("@/lib/eis/run-eis").then(
      (m) => m.runEisAfterIngest(db),
      (e: unknown) => (console.warn(`warning: the Early Intervention run was skipped: ${String(e)}`), null),
    );
    if (run)
      console.error(
        `eis: run ${run.runId} as of ${run.asOf}: ${run.officersScored} officers scored, ${run.officersFlagged} flagged`,
      );
  }
  return report;
}

async function loadSource(db: Db, flags: IngestFlags): Promise<IngestReport> {
  const mapping = SOURCES[flags.source];
  const allowShrink = Boolean(flags["allow-shrink"]);
  const bar = progress(flags.source, Boolean(flags.json));
  try {
    if (flags.file !== undefined) {
      if (!fs.existsSync(flags.file)) throw new UsageError(`--file ${flags.file}: no such file`);
      return await ingestFile(db, {
        source: flags.source,
        filePath: flags.file,
        origin: "file",
        allowShrink,
        onProgress: (n) => bar.update(n),
      });
    }
    if (flags.pull) {
      const base = env().SOCRATA_BASE_URL.replace(/\/$/, "");
      const outFile = path.resolve(
        env().PULL_DIR,
        `${flags.source}-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}.csv`,
      );
      const pulled = await pullSocrataCsv({
        baseUrl: base,
        datasetId: mapping.api.datasetId,
        order: mapping.api.order,
        outFile,
        appToken: env().SOCRATA_APP_TOKEN,
        onProgress: (p) => bar.update(p.rowsDone, p.rowsTotal),
      });
      return await ingestFile(db, {
        source: flags.source,
        filePath: outFile,
        origin: "pull",
        sourceUrl: pulled.sourceUrl,
        inputName: `${mapping.api.datasetId} (${pulled.rows} rows, ${pulled.pages} pages)`,
        retrievedAt: pulled.retrievedAt,
        allowShrink,
        onProgress: (n) => bar.update(n),
      });
    }
    const seed = flags.seed ?? CRISIS_SAMPLE_DEFAULTS.seed;
    const rows = flags.rows ?? CRISIS_SAMPLE_DEFAULTS.targetRows;
    const file = await writeCrisisSample(seed, rows);
    return await ingestFile(db, {
      source: flags.source,
      filePath: file,
      origin: "sample",
      synthetic: true,
      sourceUrl: "synthetic://crisis-sample",
      inputName: `synthetic sample, seed "${seed}", ~${rows} rows`,
      retrievedAt: new Date(Date.UTC(2026, 0, 1)),
      allowShrink,
      onProgress: (n) => bar.update(n),
    });
  } finally {
    bar.stop();
  }
}

export function printIngestReport(r: IngestReport): void {
  const fmt = (n: number) => n.toLocaleString("en-US");
  if (r.status === "unchanged") {
    console.log(`${r.dataset}: unchanged (same input and mapping as active version ${r.label}); nothing to do.`);
    return;
  }
  console.log(`${r.dataset}: loaded version ${r.versionId} ${r.label}`);
  console.log(`  read ${fmt(r.rowsRead)} = loaded ${fmt(r.rowsLoaded)} + quarantined ${fmt(r.rowsQuarantined)}`);
  for (const [reason, n] of Object.entries(r.quarantineByReason))
    console.log(`  quarantined ${reason}: ${fmt(n ?? 0)}`);
  for (const [k, n] of Object.entries(r.derived)) console.log(`  ${k}: ${fmt(n)}`);
  for (const [v, n] of Object.entries(r.unmappedValues))
    console.log(`  disposition not in the mapping table (loaded as unknown): "${v}" x ${fmt(n)}`);
  console.log(`  period ${r.periodStart?.slice(0, 10) ?? "?"} .. ${r.periodEnd?.slice(0, 10) ?? "?"}`);
}

export function ingestFlagsFrom(argv: string[]): IngestFlags {
  return parseFlags(argv, IngestFlags as never, ["pull", "sample", "json", "allow-shrink"]) as IngestFlags;
}

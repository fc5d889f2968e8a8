import fs from "node:fs";
import { SingleBar, Presets } from "cli-progress";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { IngestReport } from "@/lib/ingest/load";
import { SOURCE_KEYS, type SourceKey } from "@/lib/ingest/sources";
import { runIngest, type IngestObserver, type IngestRequest } from "@/lib/pipeline/ingest-source";
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

/** The terminal's view of a load: a progress bar on a TTY, a line every 50,000 rows otherwise, nothing with --json. */
export function ingestProgress(label: string, json = false): IngestObserver {
  const bar = progress(label, json);
  return { progress: bar.update, loadFinished: bar.stop };
}

/** Checks the flags against the disk and runs the load (lib/pipeline/ingest-source.ts) with the terminal's progress. */
export async function ingestFromFlags(db: Db, flags: IngestFlags): Promise<IngestReport> {
  if (flags.file !== undefined && !fs.existsSync(flags.file))
    throw new UsageError(`--file ${flags.file}: no such file`);
  const request: IngestRequest = {
    source: flags.source,
    file: flags.file,
    pull: flags.pull,
    sample: flags.sample,
    seed: flags.seed,
    rows: flags.rows,
    allowShrink: flags["allow-shrink"],
  };
  return runIngest(db, request, ingestProgress(flags.source, Boolean(flags.json)));
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

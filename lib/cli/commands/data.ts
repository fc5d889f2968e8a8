import { z } from "zod";
import { db } from "@/lib/db/client";
import { recomputeResults } from "@/lib/pipeline/recompute";
import { parseFlags } from "../args";
import { ingestFlagsFrom, ingestFromFlags, printIngestReport } from "../ingest-command";
import { datasetStatus, printStatus } from "../status-command";

export async function ingestCommand(argv: string[]): Promise<number> {
  const flags = ingestFlagsFrom(argv);
  const report = await ingestFromFlags(db(), flags);
  if (flags.json) console.log(JSON.stringify(report, null, 2));
  else printIngestReport(report);
  return 0;
}

export async function computeCommand(): Promise<number> {
  const keys = await recomputeResults(db());
  console.log(`computed: ${keys.join(", ") || "nothing (no active datasets)"}`);
  return 0;
}

export async function statusCommand(argv: string[]): Promise<number> {
  const { json } = parseFlags(argv, z.object({ json: z.boolean().optional() }), ["json"]);
  const status = await datasetStatus(db());
  if (json) console.log(JSON.stringify(status, null, 2));
  else printStatus(status);
  return 0;
}

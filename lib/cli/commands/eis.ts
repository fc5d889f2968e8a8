import fs from "node:fs";
import { z } from "zod";
import { issueLines } from "@/lib/errors/zod";
import { db } from "@/lib/db/client";
import { resolveEisConfig } from "@/lib/eis/config";
import { EisRunFailed, runEis } from "@/lib/eis/run-eis";
import { asOfDate, EisRunRefused } from "@/lib/eis/store";
import type { EisConfig, EisRunResult } from "@/lib/eis/types";
import { parseFlags, UsageError } from "../args";

/**
 * `eis run --as-of YYYY-MM-DD [--json] [--config PATH]`: scores every Use of Force officer as of a date and stores
 * the run (re-running a date on the same dataset version replaces it, unless its flags have reviews).
 * `eis cos ...` is the library's own subcommand (lib/cli/commands/eis-cos.ts).
 *
 * The --json output is a contract: { asOf, windows, officers: [{ officerId, incidentScore, incidentN, subjectScore,
 * subjectN, engagementScore, escalation: { lambda, ciLow, ciHigh, lambdaVsPeers, pTop5, peerGroupSize } | null,
 * flagged, reasons: [{ code, text }] }] }. Reasons are objects: a stable code and the sentence supervisors read.
 */
const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(asOfDate(s).getTime()) && asOfDate(s).toISOString().startsWith(s),
    "is not a calendar date",
  );

const RunFlags = z.object({
  "as-of": IsoDay,
  json: z.boolean().optional(),
  config: z.string().min(1, "needs a file path").optional(),
});

/** A JSON file with any subset of the configuration's fields; the rest keep their defaults. */
export function readConfigFile(file: string): EisConfig {
  if (!fs.existsSync(file)) throw new UsageError(`--config ${file}: no such file`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`--config ${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new UsageError(`--config ${file}: must be a JSON object`);
  try {
    return resolveEisConfig(raw);
  } catch (e) {
    if (e instanceof z.ZodError)
      throw new UsageError(`--config ${file}: ${issueLines(e, { root: "config" }).join("; ")}`);
    throw e;
  }
}

/** The stable --json contract (see above): the run's scores without the staff pages' extra fields. */
export function eisRunContract(r: EisRunResult) {
  return {
    asOf: r.asOf,
    windows: r.windows,
    officers: r.officers.map((o) => ({
      officerId: o.officerId,
      incidentScore: o.incidentScore,
      incidentN: o.incidentN,
      subjectScore: o.subjectScore,
      subjectN: o.subjectN,
      engagementScore: o.engagementScore,
      escalation: o.escalation
        ? {
            lambda: o.escalation.lambda,
            ciLow: o.escalation.ciLow,
            ciHigh: o.escalation.ciHigh,
            lambdaVsPeers: o.escalation.lambdaVsPeers,
            pTop5: o.escalation.pTop5,
            peerGroupSize: o.escalation.peerGroupSize,
          }
        : null,
      flagged: o.flagged,
      reasons: o.reasons.map((reason) => ({ code: reason.code, text: reason.text })),
    })),
  };
}

async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, RunFlags, ["json"]);
  const config = flags.config ? readConfigFile(flags.config) : undefined;
  try {
    const { stored, result } = await runEis(db(), { asOf: asOfDate(flags["as-of"]), trigger: "cli", config });
    const replaced = stored.replacedRunIds.length
      ? ` (replaced run${stored.replacedRunIds.length === 1 ? "" : "s"} ${stored.replacedRunIds.join(", ")})`
      : "";
    const line = `eis: run ${stored.runId} as of ${stored.asOf} on Use of Force version ${stored.datasetVersionId}: ${stored.officersScored} officers scored, ${stored.officersFlagged} flagged, ${(stored.durationMs / 1000).toFixed(2)} s${replaced}`;
    if (flags.json) {
      console.error(line); // stdout carries the JSON contract only
      // Awaited: the CLI exits right after, and a pipe takes large output in pieces (console.log would be cut off).
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(`${JSON.stringify(eisRunContract(result), null, 2)}\n`, (e) =>
          e ? reject(e) : resolve(),
        ),
      );
    } else {
      console.log(line);
    }
    return 0;
  } catch (e) {
    if (e instanceof EisRunRefused || e instanceof EisRunFailed) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

export async function eisCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "run") return run(rest);
  if (sub === "cos") return (await import("./eis-cos")).eisCosCommand(rest);
  throw new UsageError(sub ? `unknown eis subcommand "${sub}"` : "eis needs a subcommand: run or cos");
}

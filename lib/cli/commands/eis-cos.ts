import fs from "node:fs";
import { z } from "zod";
import { CosCsvError, parseCosCsv } from "@/lib/eis/cos-csv";
import { fitEscalation, type EscalationFit } from "@/lib/eis/escalation";
import { parseFlags } from "../args";

/**
 * `eis cos --input PATH [--json] [--seed S] [--draws N]`: fits the escalation model (Ridgeway's conditional ordinal
 * stereotype model, lib/eis/escalation.ts) on a CSV with columns id, idOff, y (y = 1 witness, 2-4 force levels),
 * e.g. Ridgeway's Seattle replication file. --json prints exactly one object per officer, ordered by officer ID:
 * officerId, nIncidents, lambda, ciLow, ciHigh, lambdaVsPeers, pTop5, peerGroupSize. Rows that fail validation are
 * listed on stderr with their line numbers and left out of the fit.
 *
 * Exit codes: 0 fitted; 2 bad usage or a file that cannot be used (unreadable, wrong columns, no multi-officer
 * incident where officers used different levels).
 */
export const EIS_COS_USAGE = "eis cos --input PATH [--json] [--seed S] [--draws N]";

const Flags = z.object({
  input: z
    .string({ message: "is required (a CSV with columns id, idOff, y)" })
    .min(1, { message: "needs a file path" }),
  json: z.boolean().optional(),
  seed: z.string().min(1).max(200).optional(),
  draws: z
    .string()
    .regex(/^\d+$/, { message: "must be a whole number" })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(100, { message: "must be at least 100" })
        .max(100_000, { message: "must be at most 100000" }),
    )
    .optional(),
});

const MAX_LISTED_PROBLEMS = 20;

export function cosContract(fit: EscalationFit) {
  return fit.officers.map((o) => ({
    officerId: o.officerId,
    nIncidents: o.nIncidents,
    lambda: o.lambda,
    ciLow: o.ciLow,
    ciHigh: o.ciHigh,
    lambdaVsPeers: o.lambdaVsPeers,
    pTop5: o.pTop5,
    peerGroupSize: o.peerGroupSize,
  }));
}

const f2 = (x: number) => x.toFixed(2);

function printSummary(input: string, rows: number, fit: EscalationFit): void {
  const d = fit.diagnostics;
  console.log(`Escalation model (conditional ordinal stereotype), ${input}: ${rows.toLocaleString("en-US")} rows`);
  console.log(
    `incidents: ${d.incidentsInput.toLocaleString("en-US")}; used ${d.incidentsUsed.toLocaleString("en-US")}, skipped ${d.skippedSingleOfficer} with one officer and ${d.skippedSameLevel} where every officer used the same level`,
  );
  console.log(
    `officers: ${d.officers.toLocaleString("en-US")} in ${d.components} peer network(s), the largest with ${d.largestComponent}`,
  );
  console.log(
    `scale s: ${fit.scale.map((s) => `level ${s.level} ${s.s.toFixed(3)}${s.fixed ? " (fixed)" : ` (SE ${s.se?.toFixed(3)})`}`).join(", ")}`,
  );
  const lambdas = fit.officers.map((o) => o.lambda);
  console.log(`propensity lambda: ${f2(Math.min(...lambdas))} to ${f2(Math.max(...lambdas))}`);
  const high = fit.officers.filter((o) => o.pTop5 >= 0.8).sort((a, b) => b.pTop5 - a.pTop5);
  console.log(`officers with P(top 5% of peers) >= 0.80: ${high.length}`);
  for (const o of high.slice(0, 20)) {
    console.log(
      `  officer ${o.officerId}: P(top 5%) ${f2(o.pTop5)}, lambda ${f2(o.lambda)} [${f2(o.ciLow)}, ${f2(o.ciHigh)}], ${f2(o.lambdaVsPeers)} above ${o.peerGroupSize} peers, ${o.nIncidents} incidents (levels 0-4: ${o.levelCounts.join("/")})`,
    );
  }
  console.log(
    `fit: ${d.converged ? "converged" : `NOT converged (${d.message})`}, ${d.seconds.toFixed(1)} s, ${d.draws} posterior draws (seed "${d.seed}")`,
  );
}

const HELP = `usage: npm run cli -- ${EIS_COS_USAGE}
Fits the escalation model (conditional ordinal stereotype model, Ridgeway 2025) on a CSV with columns id (incident),
idOff (officer) and y (1 = present without using force, 2-4 = force levels) and prints each officer's propensity
lambda with its 95% interval, lambda minus the peers' mean, the probability of being in the top 5% of the peer
group and the peer group's size (--json: one object per officer). Method: docs/eis-methods.md.`;

export async function eisCosCommand(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(HELP);
    return 0;
  }
  const flags = parseFlags(argv, Flags, ["json"]);
  let content: string;
  try {
    content = fs.readFileSync(flags.input, "utf8");
  } catch (e) {
    console.error(
      `error: cannot read --input ${flags.input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
    return 2;
  }
  let parsed;
  try {
    parsed = parseCosCsv(content);
  } catch (e) {
    if (e instanceof CosCsvError) {
      console.error(`error: ${flags.input}: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (parsed.problems.length) {
    console.error(
      `warning: ${parsed.problems.length} of ${parsed.rows} rows failed validation and are left out of the fit:`,
    );
    for (const p of parsed.problems.slice(0, MAX_LISTED_PROBLEMS)) console.error(`  line ${p.line}: ${p.reason}`);
    if (parsed.problems.length > MAX_LISTED_PROBLEMS)
      console.error(`  ... and ${parsed.problems.length - MAX_LISTED_PROBLEMS} more`);
  }
  const fit = fitEscalation(parsed.incidents, { seed: flags.seed, draws: flags.draws });
  if (fit.diagnostics.incidentsUsed === 0) {
    console.error(
      `error: ${flags.input} has no usable incident: the model needs incidents with two or more officers who used different levels ` +
        `(${fit.diagnostics.incidentsInput} incidents read: ${fit.diagnostics.skippedSingleOfficer} with one officer, ${fit.diagnostics.skippedSameLevel} where every officer used the same level).`,
    );
    return 2;
  }
  if (fit.diagnostics.duplicateEntries)
    console.error(
      `note: ${fit.diagnostics.duplicateEntries} officer(s) were listed twice at an incident; each keeps the highest level.`,
    );
  if (!fit.diagnostics.converged) console.error(`warning: the fit did not converge: ${fit.diagnostics.message}`);
  if (flags.json) console.log(JSON.stringify(cosContract(fit), null, 2));
  else printSummary(flags.input, parsed.rows, fit);
  return 0;
}

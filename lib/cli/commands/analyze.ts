import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { designCsvRecords } from "@/lib/analysis/cit-frame";
import {
  CIT_METHOD_VERSION,
  CIT_RESULT_KEY,
  citModelFrame,
  computeCitResults,
  type CitResults,
} from "@/lib/analysis/cit-models";
import type { CitTerm } from "@/lib/analysis/cit-types";
import { db } from "@/lib/db/client";
import { readResult } from "@/lib/pipeline/result-store";
import { parseFlags, UsageError } from "../args";

/**
 * `analyze cit [--json] [--export-design PATH] [--recompute]`: the CIT models of the active Crisis Data version.
 * Reads the result the pipeline stored for that version when there is one (same method version), else computes it.
 * The --json output is a stable contract used by external checks; --export-design writes the model frame as CSV.
 */
const Flags = z.object({
  json: z.boolean().optional(),
  "export-design": z.string().min(1, { message: "needs a file path" }).optional(),
  recompute: z.boolean().optional(),
});

const contractTerm = (t: CitTerm) => ({
  term: t.term,
  estimate: t.estimate,
  se: t.se,
  oddsRatio: t.oddsRatio,
  ciLow: t.ciLow,
  ciHigh: t.ciHigh,
  p: t.p,
});

/** The stable JSON contract of `analyze cit --json` (cluster-robust SEs). */
export function citContract(r: CitResults, source: "stored" | "computed") {
  return {
    datasetVersion: r.datasetVersionId,
    datasetVersionLabel: r.datasetVersionLabel,
    synthetic: r.synthetic,
    source,
    seMethod: r.seMethod,
    n: r.n,
    force: {
      status: r.force.diagnostics.status,
      warnings: r.force.diagnostics.warnings,
      terms: r.force.terms.map(contractTerm),
    },
    disposition: {
      reference: r.disposition.reference,
      status: r.disposition.diagnostics.status,
      warnings: r.disposition.diagnostics.warnings,
      outcomes: Object.fromEntries(
        Object.entries(r.disposition.outcomes).map(([o, v]) => [o, { terms: v.terms.map(contractTerm) }]),
      ),
    },
  };
}

async function storedOrComputed(
  versionId: number,
  recompute: boolean,
): Promise<{ results: CitResults; source: "stored" | "computed" }> {
  if (!recompute) {
    const row = await readResult(db(), CIT_RESULT_KEY);
    if (row) {
      const { payload } = row;
      if (payload.datasetVersionId === versionId && payload.methodVersion === CIT_METHOD_VERSION)
        return { results: payload, source: "stored" };
    }
  }
  return { results: await computeCitResults(db(), versionId), source: "computed" };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");
const fp = (p: number) => (p < 0.001 ? "<0.001" : p.toFixed(3));

function printSummary(r: CitResults, source: string): void {
  const term = (t: CitTerm) =>
    `  ${t.label}: OR ${f3(t.oddsRatio)} [${f3(t.ciLow)}, ${f3(t.ciHigh)}], p ${fp(t.p)}` +
    (t.ame ? `; ${t.ame.perThousand >= 0 ? "+" : ""}${t.ame.perThousand.toFixed(1)} per 1,000 contacts` : "") +
    (t.flag ? `  [${t.flag}: not estimable]` : "");
  console.log(
    `CIT models, Crisis Data version ${r.datasetVersionId} (${r.datasetVersionLabel})${r.synthetic ? " [SYNTHETIC SAMPLE]" : ""}, ${source}`,
  );
  console.log(
    `contacts modelled: ${r.n.toLocaleString("en-US")} of ${r.exclusions.contactsInVersion.toLocaleString("en-US")}; officers (clusters): ${r.clusters}; SEs: ${r.seMethod}`,
  );
  for (const e of r.exclusions.excluded) console.log(`  excluded ${e.reason}: ${e.contacts}`);
  console.log(
    `  quarantined at ingest (impossible experience): ${r.exclusions.quarantinedAtIngest.rows} rows, ${r.exclusions.quarantinedAtIngest.contacts} contacts`,
  );
  console.log(`\n${r.modality.note}\n\nForce model (${r.force.diagnostics.status}): ${r.force.formula}`);
  r.force.terms.filter((t) => t.term !== "(Intercept)").forEach((t) => console.log(term(t)));
  console.log(`\nCIT by era (sensitivity model with CIT x era):`);
  for (const e of r.forceEraInteraction.citByEra)
    console.log(`  ${e.era}: OR ${f3(e.oddsRatio)} [${f3(e.ciLow)}, ${f3(e.ciHigh)}], p ${fp(e.p)}`);
  console.log(
    `\nDisposition model (${r.disposition.diagnostics.status}, reference: no action): ${r.disposition.formula}`,
  );
  for (const [o, v] of Object.entries(r.disposition.outcomes)) {
    const cit = v.terms.find((t) => t.variable === "cit_certified" || t.variable === "cit_modality");
    if (cit) console.log(`  ${o}: ${term(cit).trim()}`);
  }
  const b = r.dispatchBalance;
  console.log(
    `\nDispatch balance: chi-square ${b.test.statistic.toFixed(2)} (df ${b.test.df}), p ${fp(b.test.p)}, Cramér's V ${b.test.cramersV.toFixed(3)}`,
  );
  for (const w of [...r.force.diagnostics.warnings, ...r.disposition.diagnostics.warnings])
    console.log(`warning: ${w}`);
}

export async function analyzeCommand(argv: string[]): Promise<number> {
  const [analysis, ...rest] = argv;
  if (analysis !== "cit") throw new UsageError(`analyze: unknown analysis "${analysis ?? ""}" (available: cit)`);
  const flags = parseFlags(rest, Flags, ["json", "recompute"]);
  const version = await db().datasetVersion.findFirst({
    where: { dataset: "seattle-crisis", status: "active" },
    orderBy: { id: "desc" },
  });
  if (!version) {
    console.error(
      "error: no active Crisis Data version. Load one first: npm run cli -- ingest --source seattle-crisis (--file PATH | --pull | --sample)",
    );
    return 1;
  }
  const exportPath = flags["export-design"];
  if (exportPath) {
    const rows = await citModelFrame(db(), version.id);
    fs.mkdirSync(path.dirname(path.resolve(exportPath)), { recursive: true });
    fs.writeFileSync(exportPath, stringify(designCsvRecords(rows)));
    console.error(
      `wrote the model frame of version ${version.id}: ${rows.length.toLocaleString("en-US")} contacts to ${exportPath}`,
    );
    if (!flags.json) return 0;
  }
  const { results, source } = await storedOrComputed(version.id, flags.recompute ?? false);
  if (flags.json) console.log(JSON.stringify(citContract(results, source), null, 2));
  else printSummary(results, source);
  return 0;
}

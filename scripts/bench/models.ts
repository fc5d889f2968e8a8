/**
 * Model fit times. The CIT models fitted by the portal's engine (lib/analysis, in this process, on the bench
 * database's active Crisis Data version) next to R refitting the exported model frame (scripts/bench/cit-glm.R),
 * with a check that both find the same CIT coefficient; and the escalation model on the multi-officer incident
 * file through the CLI (`eis cos`), timed as an operator runs it, then in this process: the whole fit next to the
 * joint posterior mode alone (L-BFGS only), the yardstick its target is stated in (whole fit <= 3 x joint MAP).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BenchContext, BenchRow } from "./types";
import { cliCommand, timedCommand } from "./commands";
import { demoEisBench, type DemoEisResult } from "./eis-demo";

export interface FitTiming {
  seconds: number;
  runs: number[];
}

export interface ModelsResult {
  cit:
    | {
        datasetVersion: string;
        n: number;
        portal: {
          all: FitTiming;
          force: FitTiming;
          interaction: FitTiming;
          disposition: FitTiming;
          citForce: { estimate: number; se: number };
        };
        r: null | {
          version: string;
          force: FitTiming;
          interaction: FitTiming;
          disposition: FitTiming;
          citForce: { estimate: number; se: number };
          forceAgreement: number;
        };
        rNote: string | null;
      }
    | { unavailable: string };
  escalation: { seconds: number; peakMiB: number; input: string; officers: number | null } | { unavailable: string };
  /** In-process fits of the same file (wall and CPU seconds, medians of the runs); absent when the file is missing. */
  escalationInProcess?:
    | { whole: CpuTiming; jointMap: CpuTiming; ratio: number; cpuRatio: number; scale: number[] }
    | { unavailable: string };
  /** The demo's EIS step (34 runs computed and stored) on a fresh database, in the same bench run. */
  demoEis?: DemoEisResult;
}

export interface CpuTiming extends FitTiming {
  cpuSeconds: number;
}

/** Wall and CPU time (this process: on a shared machine CPU time is the steadier of the two) of `runs` calls. */
function timeCpu(runs: number, fn: () => void): CpuTiming {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { seconds: median(wall), runs: wall, cpuSeconds: median(cpu) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function timeRuns<T>(runs: number, fn: () => T): FitTiming & { value: T } {
  const secs: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    secs.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(secs), runs: secs, value };
}

async function citBench(ctx: BenchContext): Promise<ModelsResult["cit"]> {
  const { db } = await import("@/lib/db/client");
  const { loadCitFrame } = await import("@/lib/analysis/cit-frame");
  const { fitCitModels } = await import("@/lib/analysis/cit-models");
  const { prepareFrame, forceSpec, dispositionSpec, DISPOSITION_LEVELS } = await import("@/lib/analysis/cit-spec");
  const { buildDesign } = await import("@/lib/analysis/design");
  const { fitLogit } = await import("@/lib/analysis/logistic");
  const { fitMultinom } = await import("@/lib/analysis/multinomial");
  const version = await db().datasetVersion.findFirst({ where: { dataset: "seattle-crisis", status: "active" } });
  if (!version) return { unavailable: "no active Crisis Data version" };
  const frame = await loadCitFrame(db(), version.id);
  const prep = prepareFrame(frame.rows);
  const cluster = prep.rows.map((r) => r.officer_id);
  const all = timeRuns(ctx.runs, () => fitCitModels(frame));
  const force = timeRuns(ctx.runs, () =>
    fitLogit(
      buildDesign(prep.rows, forceSpec(prep)),
      prep.rows.map((r) => r.force),
      { cluster },
    ),
  );
  const interaction = timeRuns(ctx.runs, () =>
    fitLogit(
      buildDesign(prep.rows, forceSpec(prep, true)),
      prep.rows.map((r) => r.force),
      { cluster },
    ),
  );
  const dispRows = prep.rows.filter((r) => r.disposition_group !== "unknown");
  const disposition = timeRuns(ctx.runs, () =>
    fitMultinom(
      buildDesign(dispRows, dispositionSpec(prep)),
      dispRows.map((r) => r.disposition_group),
      DISPOSITION_LEVELS,
      { cluster: dispRows.map((r) => r.officer_id) },
    ),
  );
  const i = force.value.names.indexOf("cit_certified");
  const citForce = { estimate: force.value.beta[i]!, se: Math.sqrt(force.value.vcovRobust!.get(i, i)) };
  const strip = ({ seconds, runs }: FitTiming) => ({ seconds, runs });
  const portal = {
    all: strip(all),
    force: strip(force),
    interaction: strip(interaction),
    disposition: strip(disposition),
    citForce,
  };
  ctx.log(
    `CIT models (portal): all ${all.seconds.toFixed(3)} s; force logit ${force.seconds.toFixed(3)} s on ${prep.rows.length.toLocaleString("en-US")} contacts`,
  );
  const base = { datasetVersion: version.label, n: prep.rows.length, portal };

  if (spawnSync("sh", ["-c", "command -v Rscript"]).status !== 0)
    return {
      ...base,
      r: null,
      rNote: "Rscript not installed (Debian: r-base-core r-cran-nnet r-cran-sandwich r-cran-jsonlite)",
    };
  const design = path.join(ctx.outDir, "cit-design.csv");
  const refsFile = path.join(ctx.outDir, "cit-references.json");
  const out = path.join(ctx.outDir, "cit-r.json");
  const exported = cliCommand(["analyze", "cit", "--export-design", design], ctx.env);
  if (exported.status !== 0)
    return { ...base, r: null, rNote: `analyze cit --export-design failed: ${exported.stderr.slice(0, 200)}` };
  fs.writeFileSync(refsFile, JSON.stringify(prep.referenceLevels));
  const r = spawnSync(
    "Rscript",
    [path.join("scripts", "bench", "cit-glm.R"), design, refsFile, String(ctx.runs), out],
    { encoding: "utf8" },
  );
  if (r.status !== 0) return { ...base, r: null, rNote: `Rscript failed: ${r.stderr.slice(-300)}` };
  const rr = JSON.parse(fs.readFileSync(out, "utf8")) as {
    r_version: string;
    force: FitTiming & { cit: { estimate: number; se: number } };
    interaction: FitTiming;
    disposition: FitTiming;
  };
  const forceAgreement = Math.max(
    Math.abs(rr.force.cit.estimate - citForce.estimate),
    Math.abs(rr.force.cit.se - citForce.se),
  );
  ctx.log(
    `CIT models (R ${rr.r_version}): force ${rr.force.seconds.toFixed(3)} s; CIT coefficient and SE agree to ${forceAgreement.toExponential(1)}`,
  );
  return {
    ...base,
    r: {
      version: rr.r_version,
      force: strip(rr.force),
      interaction: strip(rr.interaction),
      disposition: strip(rr.disposition),
      citForce: rr.force.cit,
      forceAgreement,
    },
    rNote: null,
  };
}

export const ESCALATION_FILE = "spd-uof-multiofficer-incidents-ridgeway.csv";

function escalationBench(ctx: BenchContext): ModelsResult["escalation"] {
  const input = path.resolve(ctx.dataDir ?? "../shared/data", ESCALATION_FILE);
  if (!fs.existsSync(input)) return { unavailable: `no ${ESCALATION_FILE} in the data folder` };
  const r = timedCommand(["eis", "cos", "--input", input, "--json"], ctx.env);
  if (r.status !== 0) {
    const why = /unknown (eis subcommand|command)|Cannot find module|ERR_MODULE_NOT_FOUND/.test(r.stderr)
      ? "the `eis cos` command is not available in this build"
      : `eis cos failed: ${r.stderr.trim().split("\n").at(-1)}`;
    return { unavailable: why };
  }
  let officers: number | null = null;
  try {
    // --json prints one object per officer scored.
    // From the first line that opens the JSON (a library may have logged a line before it).
    const json = JSON.parse(r.stdout.slice(Math.max(0, r.stdout.search(/^[[{]/m)))) as unknown;
    officers = Array.isArray(json) ? json.length : null;
  } catch {
    // the timing stands without a count
  }
  ctx.log(`escalation model (eis cos): ${r.seconds.toFixed(2)} s, peak ${r.peakMiB.toFixed(0)} MiB`);
  return { seconds: r.seconds, peakMiB: r.peakMiB, input: ESCALATION_FILE, officers };
}

/** The whole escalation fit (marginal scale search, Laplace approximation, 2,000 draws) and the joint MAP alone, in the same run. */
export async function escalationInProcessBench(
  ctx: Pick<BenchContext, "dataDir" | "runs" | "log">,
): Promise<NonNullable<ModelsResult["escalationInProcess"]>> {
  const input = path.resolve(ctx.dataDir ?? "../shared/data", ESCALATION_FILE);
  if (!fs.existsSync(input)) return { unavailable: `no ${ESCALATION_FILE} in the data folder` };
  const { parseCosCsv } = await import("@/lib/eis/cos-csv");
  const { escalationJointMap, fitEscalation } = await import("@/lib/eis/escalation");
  const { incidents } = parseCosCsv(fs.readFileSync(input, "utf8"));
  let scale: number[] = [];
  const jointMap = timeCpu(ctx.runs, () => void escalationJointMap(incidents));
  const whole = timeCpu(ctx.runs, () => {
    scale = fitEscalation(incidents).scale.map((s) => s.s);
  });
  const ratio = whole.seconds / jointMap.seconds;
  const cpuRatio = whole.cpuSeconds / jointMap.cpuSeconds;
  ctx.log(
    `escalation model in-process: whole fit ${whole.seconds.toFixed(2)} s (CPU ${whole.cpuSeconds.toFixed(2)} s), joint MAP only ${jointMap.seconds.toFixed(2)} s (CPU ${jointMap.cpuSeconds.toFixed(2)} s): ${cpuRatio.toFixed(1)} x in CPU time`,
  );
  return { whole, jointMap, ratio, cpuRatio, scale };
}

export async function runModelsBench(ctx: BenchContext): Promise<ModelsResult> {
  return {
    cit: await citBench(ctx),
    escalation: escalationBench(ctx),
    escalationInProcess: await escalationInProcessBench(ctx),
    demoEis: await demoEisBench(ctx),
  };
}

export function modelsRows(r: ModelsResult): BenchRow[] {
  const rows: BenchRow[] = [];
  if ("unavailable" in r.cit)
    rows.push({
      section: "model",
      case: "CIT models",
      tool: "portal (lib/analysis)",
      note: `not available: ${r.cit.unavailable}`,
    });
  else {
    const c = r.cit;
    const n = `${c.n.toLocaleString("en-US")} contacts`;
    const fit = (label: string, tool: string, t: FitTiming, note = "") =>
      rows.push({ section: "model", case: label, tool, seconds: t.seconds, note });
    fit("CIT: all models (fits, SEs, AMEs, balance)", "portal (lib/analysis)", c.portal.all, n);
    fit("CIT: force logit + cluster SEs", "portal (lib/analysis)", c.portal.force, n);
    if (c.r)
      fit(
        "CIT: force logit + cluster SEs",
        "R glm + sandwich::vcovCL",
        c.r.force,
        `same CIT estimate and SE to ${c.r.forceAgreement.toExponential(1)}`,
      );
    fit("CIT: force x era logit", "portal (lib/analysis)", c.portal.interaction);
    if (c.r) fit("CIT: force x era logit", "R glm + sandwich::vcovCL", c.r.interaction);
    fit("CIT: disposition multinomial", "portal (lib/analysis)", c.portal.disposition);
    if (c.r) fit("CIT: disposition multinomial", "R nnet::multinom + sandwich", c.r.disposition);
    if (!c.r) rows.push({ section: "model", case: "CIT models", tool: "R", note: `not available: ${c.rNote}` });
  }
  const e = r.escalation;
  if ("unavailable" in e)
    rows.push({
      section: "model",
      case: "escalation model (multi-officer file)",
      tool: "npm run cli -- eis cos",
      note: `not available: ${e.unavailable}`,
    });
  else
    rows.push({
      section: "model",
      case: "escalation model (multi-officer file)",
      tool: "npm run cli -- eis cos",
      seconds: e.seconds,
      peakMiB: e.peakMiB,
      note: `${e.officers ? `${e.officers.toLocaleString("en-US")} officers scored; ` : ""}target under 60 s: ${e.seconds < 60 ? "met" : "NOT MET"}; goal under 30 s: ${e.seconds < 30 ? "met" : "NOT MET"}`,
    });
  const p = r.escalationInProcess;
  if (p && "unavailable" in p)
    rows.push({
      section: "model",
      case: "escalation: whole fit vs joint MAP",
      tool: "lib/eis (in-process)",
      note: `not available: ${p.unavailable}`,
    });
  else if (p) {
    rows.push({
      section: "model",
      case: "escalation: joint MAP only (L-BFGS)",
      tool: "lib/eis (in-process)",
      seconds: p.jointMap.seconds,
      note: `CPU ${p.jointMap.cpuSeconds.toFixed(2)} s`,
    });
    rows.push({
      section: "model",
      case: "escalation: whole fit (scale search, Laplace, draws)",
      tool: "lib/eis (in-process)",
      seconds: p.whole.seconds,
      note: `CPU ${p.whole.cpuSeconds.toFixed(2)} s; joint MAP ${p.jointMap.seconds.toFixed(2)} s (CPU ${p.jointMap.cpuSeconds.toFixed(2)} s) in this run: ${p.cpuRatio.toFixed(1)} x in CPU time (${p.ratio.toFixed(1)} x wall; target <= 3: ${p.cpuRatio <= 3 ? "met" : "NOT MET"})`,
    });
  }
  const d = r.demoEis;
  if (d)
    rows.push({
      section: "model",
      case: "demo EIS step (runs computed and stored, fresh database)",
      tool: "lib/eis runEisSeries",
      ...("unavailable" in d
        ? { note: `not available: ${d.unavailable}` }
        : {
            seconds: d.seconds,
            note: `${d.runs} runs; CPU ${d.cpuSeconds.toFixed(2)} s; target under 15 s: ${d.seconds < 15 ? "met" : "NOT MET"}`,
          }),
    });
  return rows;
}

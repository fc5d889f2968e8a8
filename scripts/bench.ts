/**
 * `npm run bench [-- --quick] [--only pages,extracts,ingest,models,staff,coverage,embed,weight,releases] [--duration S] [--runs N] [--rebuild]`:
 * loads the full data into .data/bench.db (reused when unchanged), builds (or reuses) a production build in
 * .next-bench, starts `next start`, runs each section, prints one table and writes .data/bench/results.json with
 * the machine, the dataset versions and the commit. Run it alone on the machine (e.g. under
 * flock /tmp/portal-heavy.lock): it measures wall time, latency and memory.
 *
 * A section is one entry of SECTIONS: a function of the running server and database that returns its results, and
 * the table rows that summarise them. Another issue adds its own module under scripts/bench/ and one line here.
 */
import "dotenv/config";
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseFlags, UsageError } from "@/lib/cli/args";
import { coverageRows, runCoverageBench } from "./bench/coverage";
import { embedRows, runEmbedBench } from "./bench/embed";
import { extractsRows, runExtractsBench } from "./bench/extracts";
import { ingestRows, runIngestBench } from "./bench/ingest";
import { gitCommit, machineInfo } from "./bench/machine";
import { modelsRows, runModelsBench } from "./bench/models";
import { pagesRows, runPagesBench } from "./bench/pages";
import { releasesRows, runReleasesBench } from "./bench/releases";
import { ensureBuild, startServer } from "./bench/server";
import { runStaffBench, staffRows } from "./bench/staff";
import type { BenchContext, BenchRow } from "./bench/types";
import { runWeightBench, weightRows } from "./bench/weight";

interface Section {
  run(ctx: BenchContext): Promise<unknown>;
  rows(results: never): BenchRow[];
}
const SECTIONS: Record<string, Section> = {
  pages: { run: runPagesBench, rows: pagesRows as Section["rows"] },
  extracts: { run: runExtractsBench, rows: extractsRows as Section["rows"] },
  ingest: { run: runIngestBench, rows: ingestRows as Section["rows"] },
  models: { run: runModelsBench, rows: modelsRows as Section["rows"] },
  staff: { run: runStaffBench, rows: staffRows as Section["rows"] },
  coverage: { run: runCoverageBench, rows: coverageRows as Section["rows"] },
  embed: { run: runEmbedBench, rows: embedRows as Section["rows"] },
  weight: { run: runWeightBench, rows: weightRows as Section["rows"] },
  releases: { run: runReleasesBench, rows: releasesRows as Section["rows"] },
};

const Flags = z.object({
  quick: z.boolean().optional(),
  only: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine(
      (names) => names.length > 0 && names.every((n) => n in SECTIONS),
      `must be a comma-separated list of: ${Object.keys(SECTIONS).join(", ")}`,
    )
    .optional(),
  duration: z.coerce.number().int().min(1, "must be at least 1 (seconds)").max(600).optional(),
  runs: z.coerce.number().int().min(1).max(20).optional(),
  port: z.coerce.number().int().min(1024).max(65_000).default(3203),
  rebuild: z.boolean().optional(),
});

const log = (line: string) => console.log(`bench: ${line}`);

function ensureTools(): void {
  const need: Record<string, string> = {
    sqlite3: "command -v sqlite3",
    time: "test -x /usr/bin/time",
    "nginx-light": `test -x ${process.env.NGINX_PATH ?? "/usr/sbin/nginx"}`,
  };
  const missing = Object.keys(need).filter((pkg) => spawnSync("sh", ["-c", need[pkg]!]).status !== 0);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `missing ${missing.join(", ")}: install Debian's packages (apt-get install -y ${missing.join(" ")})`,
    );
  log(`installing ${missing.join(", ")} (apt-get)...`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, {
    stdio: "inherit",
  });
}

const COLUMNS: [keyof BenchRow, string][] = [
  ["section", "section"],
  ["case", "case"],
  ["tool", "tool"],
  ["connections", "conn"],
  ["throughput", "throughput"],
  ["p50", "p50 ms"],
  ["p95", "p95 ms"],
  ["p99", "p99 ms"],
  ["seconds", "wall s"],
  ["peakMiB", "peak MiB"],
  ["note", "note"],
];

function cell(row: BenchRow, key: keyof BenchRow): string {
  const v = row[key];
  if (v === undefined || v === "") return "";
  if (typeof v === "string") return v;
  if (key === "seconds") return v.toFixed(v < 10 ? 3 : 1);
  if (key === "peakMiB") return Number.isFinite(v) ? v.toFixed(0) : "";
  if (key === "connections") return String(v);
  return v < 10 ? v.toFixed(2) : v.toFixed(1);
}

function formatTable(rows: BenchRow[]): string {
  const grid = [COLUMNS.map(([, h]) => h), ...rows.map((r) => COLUMNS.map(([k]) => cell(r, k)))];
  const widths = COLUMNS.map((_, i) => Math.max(...grid.map((g) => g[i]!.length)));
  const left = new Set(["section", "case", "tool", "note"]);
  const line = (g: string[]) =>
    `| ${g.map((c, i) => (left.has(COLUMNS[i]![0]) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(grid[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...grid.slice(1).map(line)].join("\n");
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), Flags, ["quick", "rebuild"]);
  const settings = {
    duration: flags.duration ?? (flags.quick ? 1 : 5),
    runs: flags.runs ?? (flags.quick ? 1 : 3),
    quick: flags.quick ?? false,
  };
  const only = flags.only ?? Object.keys(SECTIONS);
  ensureTools();
  const dbFile = path.resolve(".data", "bench.db");
  const outDir = path.resolve(".data", "bench");
  fs.mkdirSync(outDir, { recursive: true });
  // Set before the app modules are loaded: lib/env.ts reads DATABASE_URL once.
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { db } = await import("@/lib/db/client");
  const { prepareData } = await import("@/lib/pipeline/prepare");
  const { ingestProgress } = await import("@/lib/cli/ingest-command");
  const { ensureDemoAccounts } = await import("@/lib/auth/demo-accounts");
  const { localDataDir } = await import("@/lib/env");
  log(`loading data into ${dbFile} (unchanged inputs are skipped)`);
  await prepareData(db(), { allowPull: false, log, ingestObserver: (source) => ingestProgress(source) });
  await ensureDemoAccounts(db()); // the staff section signs in as the demo admin
  const datasets = await db().datasetVersion.findMany({
    where: { status: "active" },
    select: { dataset: true, label: true, synthetic: true, rowsLoaded: true },
    orderBy: { dataset: "asc" },
  });

  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, EXTRACT_RATE_LIMIT_PER_MIN: "100000" };
  ensureBuild(env, flags.rebuild ?? false, log);
  const server = await startServer(env, flags.port);
  const machine = machineInfo();
  const commit = gitCommit();
  const at = new Date().toISOString();
  const sections: Record<string, unknown> = {};
  const rows: BenchRow[] = [];
  try {
    for (const name of only) {
      log(`running ${name} (${settings.duration} s per load run, ${settings.runs} runs per timing)`);
      const ctx: BenchContext = {
        server,
        dbFile,
        outDir,
        ...settings,
        port: flags.port,
        dataDir: localDataDir(),
        env,
        log,
        startServer: (extra) => startServer({ ...env, ...extra }, flags.port + 1),
      };
      try {
        const results = await SECTIONS[name]!.run(ctx);
        sections[name] = results;
        rows.push(...SECTIONS[name]!.rows(results as never));
      } catch (e) {
        // One broken section must not lose the others' figures; the table says which one failed and why.
        const message = e instanceof Error ? e.message : String(e);
        log(`${name} FAILED: ${message}`);
        sections[name] = { failed: message };
        rows.push({
          section: name,
          case: "(section failed)",
          tool: "",
          note: `FAILED: ${message.split("\n")[0]!.slice(0, 160)}`,
        });
      }
    }
  } finally {
    await server.stop();
    await db().$disconnect();
  }

  const datasetLine = datasets
    .map(
      (d) =>
        `${d.label} (${d.rowsLoaded.toLocaleString("en-US")} rows${d.synthetic && !/synthetic/i.test(d.label) ? ", SYNTHETIC" : ""})`,
    )
    .join("; ");
  console.log(`\nPortal benchmark, ${at.slice(0, 10)}, commit ${commit}`);
  console.log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM; ${machine.os} (Linux ${machine.kernel}); Node ${machine.node}`,
  );
  console.log(
    `tools: ${Object.entries(machine.tools)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(`datasets: ${datasetLine}`);
  if (datasets.some((d) => d.synthetic)) {
    console.log(
      "note: Crisis Data rows are not available offline: the crisis figures use the synthetic sample (same schema and size class), not Seattle's published rows.",
    );
  }
  console.log(
    `settings: ${settings.duration} s per load run, ${settings.runs} runs per timing${settings.quick ? " (--quick)" : ""}; load generator (autocannon) on the same machine\n`,
  );
  console.log(formatTable(rows));
  const file = path.join(outDir, "results.json");
  fs.writeFileSync(file, JSON.stringify({ at, commit, machine, datasets, settings, table: rows, sections }, null, 2));
  console.log(`\nbench: wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((e: unknown) => {
  console.error(
    e instanceof UsageError ? `usage error: ${e.message}` : e instanceof Error ? (e.stack ?? e.message) : e,
  );
  process.exit(e instanceof UsageError ? 2 : 1);
});

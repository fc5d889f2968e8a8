/**
 * `npm run bench [-- --rebuild] [--runs N] [--only extracts]`: loads the real data into .data/bench.db (reused when
 * unchanged), builds (or reuses) a production build in .next-bench, starts `next start`, runs each benchmark, prints
 * a table and writes .data/bench/<name>.json. Run it alone on the machine (e.g. under flock /tmp/portal-heavy.lock):
 * it measures wall time and memory.
 *
 * A benchmark is one entry of BENCHES: a function of the running server and database that returns its results and a
 * table. Another issue adds its own module under scripts/bench/ and one line here.
 */
import "dotenv/config";
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { extractsTable, runExtractsBench, type BenchContext } from "./bench/extracts";
import { ensureBuild, startServer } from "./bench/server";

interface Bench {
  run(ctx: BenchContext): Promise<unknown>;
  table(results: never): string[][];
}
const BENCHES: Record<string, Bench> = {
  extracts: { run: runExtractsBench, table: extractsTable as Bench["table"] },
};

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag("--runs") ?? 3);
const only = flag("--only")?.split(",") ?? Object.keys(BENCHES);
const log = (line: string) => console.log(`bench: ${line}`);

function ensureTools(): void {
  const missing = ["sqlite3", "time"].filter((t) => spawnSync("sh", ["-c", t === "time" ? "test -x /usr/bin/time" : `command -v ${t}`]).status !== 0);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing ${missing.join(", ")}: install Debian's packages (apt-get install -y ${missing.join(" ")})`);
  log(`installing ${missing.join(", ")} (apt-get)...`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, { stdio: "inherit" });
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

async function main() {
  ensureTools();
  const dbFile = path.resolve(".data", "bench.db");
  const outDir = path.resolve(".data", "bench");
  fs.mkdirSync(outDir, { recursive: true });
  // Set before the app modules are loaded: lib/env.ts reads DATABASE_URL once.
  process.env.DATABASE_URL = `file:${dbFile}`;
  const { db } = await import("@/lib/db/client");
  const { prepareData } = await import("@/lib/pipeline/prepare");
  log(`loading data into ${dbFile} (unchanged inputs are skipped)`);
  await prepareData(db(), { allowPull: false, log });
  await db().$disconnect();

  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, EXTRACT_RATE_LIMIT_PER_MIN: "100000" };
  ensureBuild(env, args.includes("--rebuild"), log);
  const port = Number(process.env.BENCH_PORT ?? 3450);
  const server = await startServer(env, port);
  try {
    for (const name of only) {
      const bench = BENCHES[name];
      if (!bench) throw new Error(`unknown benchmark "${name}"; available: ${Object.keys(BENCHES).join(", ")}`);
      log(`running ${name} (${runs} runs each)`);
      const results = await bench.run({ server, dbFile, outDir, runs, log, startServer: (extra) => startServer({ ...env, ...extra }, port + 1) });
      const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
      const report = { benchmark: name, at: new Date().toISOString(), commit, node: process.version, cpus: (await import("node:os")).cpus().length, runs, results };
      fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(report, null, 2));
      console.log();
      printTable(bench.table(results as never));
      console.log(`\nbench: wrote ${path.relative(process.cwd(), path.join(outDir, `${name}.json`))}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

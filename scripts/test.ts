/**
 * `npm test`: typecheck, lint, formatting, unit + integration tests (vitest), end-to-end tests (Playwright + axe on a production
 * build). Stops at the first failing stage and ends with one summary line, "N passed, N failed[, N skipped]".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const reports = path.resolve(".data", "test-reports");
fs.mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

function stage(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  console.log(`=== ${name}: ${r.status === 0 ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return r.status === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function finish(ok: boolean): never {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
}

const vitestJson = path.join(reports, "vitest.json");
const e2eJson = path.join(reports, "playwright.json");
fs.rmSync(vitestJson, { force: true });
fs.rmSync(e2eJson, { force: true });

if (!stage("typecheck", "npx", ["tsc", "--noEmit"])) {
  totals.failed++;
  finish(false);
}
totals.passed++;
if (!stage("lint", "npx", ["eslint", ".", "--max-warnings=0"])) {
  totals.failed++;
  finish(false);
}
totals.passed++;
if (!stage("format (prettier --check)", "npx", ["prettier", "--check", ".", "--log-level=warn"])) {
  totals.failed++;
  finish(false);
}
totals.passed++;

const unitOk = stage("unit + integration (vitest)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${vitestJson}`,
]);
const v = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(
  vitestJson,
);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
}
if (!unitOk) {
  if (!v || v.numFailedTests === 0) totals.failed++;
  finish(false);
}

const e2eOk = stage("end-to-end (playwright + axe)", "npx", ["tsx", "scripts/e2e.ts"], {
  ...process.env,
  PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
});
const p = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(e2eJson);
if (p) {
  totals.passed += p.stats.expected + p.stats.flaky;
  totals.failed += p.stats.unexpected;
  totals.skipped += p.stats.skipped;
}
if (!e2eOk && (!p || p.stats.unexpected === 0)) totals.failed++;
finish(e2eOk);

/**
 * End-to-end tests against a production build: finds (or, as root, installs) Debian's Chromium, prepares a fresh
 * SQLite database from the real Use of Force file and the synthetic crisis sample, builds, and runs Playwright.
 */
import "dotenv/config";
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function ensureChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log("e2e: Chromium not found; installing Debian's chromium package (apt-get)...");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
      stdio: "inherit",
    });
    if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error(
    "e2e: Chromium is missing. Install Debian's package (`sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a " +
      "Chromium/Chrome binary. Playwright cannot download its own browser on this network.",
  );
  process.exit(1);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const chromium = ensureChromium();
const port = process.env.E2E_PORT ?? "3100";
const dbFile = path.resolve(".data", `e2e-${port}.db`);
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
const env = {
  ...process.env,
  DATABASE_URL: `file:${dbFile}`,
  E2E_DATABASE_URL: `file:${dbFile}`,
  E2E_PORT: port,
  CHROMIUM_PATH: chromium,
  NEXT_TELEMETRY_DISABLED: "1",
};
run("npx", ["tsx", "scripts/e2e-prepare.ts"], env);
if (process.env.E2E_SKIP_BUILD !== "1") run("npx", ["next", "build"], env);
run("npx", ["playwright", "test", ...process.argv.slice(2)], env);

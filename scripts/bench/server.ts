/**
 * Shared pieces of `npm run bench`: a production build in its own folder (.next-bench, rebuilt when app code is
 * newer than it) and a `next start` server on the bench database (also used by the e2e fault test on the e2e build).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const DIST_DIR = ".next-bench";
const SOURCE_DIRS = ["app", "lib", "components", "public"];

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated" && entry.name !== "node_modules") newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds into .next-bench unless a build newer than every source file is there (or `rebuild` is asked). */
export function ensureBuild(env: NodeJS.ProcessEnv, rebuild: boolean, log: (s: string) => void): void {
  const buildId = path.join(DIST_DIR, "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCE_DIRS.map(newestMtime), fs.statSync("package.json").mtimeMs);
  if (!rebuild && builtAt > sourcesAt) {
    log(`reusing the production build in ${DIST_DIR} (newer than the sources; --rebuild to force)`);
    return;
  }
  log(`building into ${DIST_DIR} (next build)...`);
  const r = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

export interface Server {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

function authSecret(): string {
  const file = path.resolve(".data", "auth-secret");
  return (
    process.env.AUTH_SECRET ??
    (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : crypto.randomBytes(33).toString("base64"))
  );
}

/** `next start` on 127.0.0.1 (node runs Next's CLI directly, so the child's pid is the server's). */
export async function startServer(env: NodeJS.ProcessEnv, port: number, distDir = DIST_DIR): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...env,
        NEXT_DIST_DIR: distDir,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: authSecret(),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/openapi.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error("next start did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

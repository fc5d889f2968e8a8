/**
 * The portal's CLI as an operator runs it (`npm run cli -- ...`, here `node --import tsx scripts/cli.ts ...` to
 * skip npm's own start-up), timed with wall time and GNU time's maximum resident set size.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";

const CLI = ["--import", "tsx", "scripts/cli.ts"];

export function cliCommand(args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...CLI, ...args], { encoding: "utf8", env, maxBuffer: 256 * 1024 * 1024 });
}

export interface Timed {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakMiB: number;
}

export function timedCommand(args: string[], env: NodeJS.ProcessEnv): Timed {
  const started = performance.now();
  // GNU time prints the peak RSS (KiB) as the last line of stderr, after the command's own output.
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...CLI, ...args], {
    encoding: "utf8",
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const lines = r.stderr.trimEnd().split("\n");
  const peakKiB = Number(lines.at(-1));
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: lines.slice(0, -1).join("\n"),
    seconds,
    peakMiB: Number.isFinite(peakKiB) ? peakKiB / 1024 : NaN,
  };
}

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL server of its own (initdb in a temp folder, a free port, trust auth), so that a fault test
 * can stop and restart it without touching the shared server other tests and other people use at the same time.
 * Needs the PostgreSQL server binaries (Debian: /usr/lib/postgresql/<version>/bin); as root it runs them as the
 * `postgres` user (the server refuses to run as root).
 */
export interface PrivatePostgres {
  url: string;
  /** Stops the server (fast shutdown: open connections are terminated), keeps it down for downMs, starts it again. */
  restart(downMs: number): Promise<void>;
  stop(): void;
}

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

const isRoot = process.getuid?.() === 0;
const hasPostgresUser = () => spawnSync("id", ["-u", "postgres"]).status === 0;

/** Why a private server cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!binDir()) return "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin)";
  if (isRoot && !hasPostgresUser()) return "running as root without a postgres user to run the server as";
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  const data = path.join(dir, "data");
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    fs.chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const cmd = isRoot ? "runuser" : path.join(bin, tool);
    const full = isRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  // Durability off: a throwaway server; the socket directory is the temp folder (not /var/run/postgresql).
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () =>
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "30", "start"]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs) {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      await new Promise((r) => setTimeout(r, downMs));
      start();
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped (e.g. a test failed in the middle of a restart)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

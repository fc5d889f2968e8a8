/** What a benchmark figure depends on: the machine, the tools' versions, the dataset versions and the commit. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  kernel: string;
  node: string;
  tools: Record<string, string>;
}

const firstLine = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) return "not installed";
  return `${r.stdout}${r.stderr}`.trim().split("\n")[0]!;
};

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

export function machineInfo(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    kernel: os.release(),
    node: process.version,
    tools: {
      nginx: firstLine(process.env.NGINX_PATH ?? "/usr/sbin/nginx", ["-v"]).replace(/^nginx version: /, ""),
      sqlite3: firstLine("sqlite3", ["--version"]).split(" ")[0]!,
      R: firstLine("Rscript", ["--version"]).replace(/^Rscript \(R\) version /, ""),
      autocannon: (JSON.parse(fs.readFileSync("node_modules/autocannon/package.json", "utf8")) as { version: string })
        .version,
      next: (JSON.parse(fs.readFileSync("node_modules/next/package.json", "utf8")) as { version: string }).version,
    },
  };
}

/** The commit, marked "+changes" when the work tree differs from it (figures then belong to uncommitted code). */
export function gitCommit(): string {
  const sha = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "unknown";
  const dirty =
    spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).stdout.trim() !== "";
  return dirty ? `${sha}+changes` : sha;
}

/**
 * nginx serving saved copies of the portal's rendered pages from disk: the practical limit for serving a page on
 * this machine, next to which the portal's own numbers are read. Debian's nginx (nginx-light) is run in the
 * foreground with a temporary configuration on a free port; as root, it runs as `nobody` (unprivileged).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

export interface StaticServer {
  baseUrl: string;
  version: string;
  /** Saves an HTML document to be served at urlPath (e.g. "/crisis" → /crisis/index.html). */
  save(urlPath: string, html: string): void;
  stop(): Promise<void>;
}

const nobody = (): { uid: number; gid: number } | null => {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "nobody"], { encoding: "utf8" }));
  return { uid: id("-u"), gid: id("-g") };
};

function config(dir: string, port: number): string {
  const temp = (name: string) => `${name}_temp_path ${dir}/tmp/${name};`;
  return `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}
  default_type text/html;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location / { try_files $uri $uri/index.html =404; }
  }
}
`;
}

export async function startNginx(port: number): Promise<StaticServer> {
  const r = spawnSync(NGINX, ["-v"], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    throw new Error(`nginx not found at ${NGINX} (Debian: apt-get install -y nginx-light; or set NGINX_PATH)`);
  const version = r.stderr.trim().replace(/^nginx version: /, "");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-nginx-"));
  for (const sub of ["www", "tmp"]) fs.mkdirSync(path.join(dir, sub));
  fs.writeFileSync(path.join(dir, "nginx.conf"), config(dir, port));
  const user = nobody();
  if (user) for (const p of [dir, path.join(dir, "www"), path.join(dir, "tmp")]) fs.chownSync(p, user.uid, user.gid);
  const child: ChildProcess = spawn(
    NGINX,
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      ...(user ?? {}),
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `nginx exited with ${child.exitCode}: ${fs.existsSync(path.join(dir, "error.log")) ? fs.readFileSync(path.join(dir, "error.log"), "utf8") : ""}`,
      );
    try {
      await fetch(`${baseUrl}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("nginx did not start within 10 s");
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  return {
    baseUrl,
    version,
    save(urlPath, html) {
      const target = path.join(dir, "www", urlPath.replace(/^\/+/, ""), "index.html");
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
      fs.writeFileSync(target, html, { mode: 0o644 });
      if (user)
        for (let p = path.dirname(target); p.startsWith(path.join(dir, "www")); p = path.dirname(p))
          fs.chownSync(p, user.uid, user.gid);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGQUIT");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

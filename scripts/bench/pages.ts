/**
 * Public pages under load: each page of app/(public) (found by walking the folder, so new pages join by
 * themselves) hit by autocannon at 1, 10 and 50 connections, next to nginx serving the page's saved HTML from disk
 * (the practical limit for a page on this machine). Requests/s and p50/p95/p99 latency; 2xx only counts.
 *
 * The portal serves a page from its response cache (lib/http/page-cache.ts) after the first render for a content
 * stamp, so the figures at 1/10/50 are what readers get between loads. What one render costs (the first reader after
 * a load, and every page with a filter combination nobody asked for yet) is measured on a second server with the
 * cache off (PAGE_CACHE_MAX_MB=0), at 1 and 10 connections.
 */
import fs from "node:fs";
import path from "node:path";
import { runAutocannon, type LoadResult } from "./autocannon";
import { startNginx } from "./nginx";
import type { BenchContext, BenchRow } from "./types";

export const CONNECTIONS = [1, 10, 50] as const;
const RENDER_CONNECTIONS = [1, 10] as const;

export interface PageResult {
  page: string;
  htmlBytes: number;
  portal: LoadResult[];
  /** The same page with the response cache off: rendered from the database on every request. */
  rendered: LoadResult[];
  nginx: LoadResult[];
}

/** URL paths of the public pages (route groups like "(public)" are not part of the URL). */
export function discoverPublicPages(root = path.resolve("app", "(public)")): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (/^page\.(tsx?|jsx?)$/.test(e.name)) {
        const segments = path
          .relative(root, dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        if (!segments.some((s) => s.startsWith("["))) found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

export async function runPagesBench(ctx: BenchContext): Promise<{ nginxVersion: string; pages: PageResult[] }> {
  const nginx = await startNginx(ctx.port + 2);
  const uncached = await ctx.startServer({ PAGE_CACHE_MAX_MB: "0" });
  const results: PageResult[] = [];
  try {
    for (const page of discoverPublicPages()) {
      const res = await fetch(`${ctx.server.baseUrl}${page}`);
      const html = await res.text();
      if (!res.ok) throw new Error(`${page}: HTTP ${res.status}`);
      nginx.save(page, html);
      const measure = async (baseUrl: string, levels: readonly number[] = CONNECTIONS) => {
        await runAutocannon({ url: `${baseUrl}${page}`, connections: 4, amount: 20 }); // warm-up
        const out: LoadResult[] = [];
        for (const connections of levels)
          out.push(await runAutocannon({ url: `${baseUrl}${page}`, connections, duration: ctx.duration }));
        return out;
      };
      const portal = await measure(ctx.server.baseUrl);
      const rendered = await measure(uncached.baseUrl, RENDER_CONNECTIONS);
      const fromDisk = await measure(nginx.baseUrl);
      for (const r of [...portal, ...rendered, ...fromDisk])
        if (r.non2xx || r.errors)
          ctx.log(
            `WARNING ${page}: ${r.non2xx} non-2xx answers and ${r.errors} errors at ${r.connections} connections`,
          );
      results.push({ page, htmlBytes: Buffer.byteLength(html), portal, rendered, nginx: fromDisk });
      const rps = (runs: LoadResult[]) => runs.map((r) => r.rps.toFixed(0)).join(", ");
      ctx.log(
        `${page}: ${rps(portal)} req/s at ${CONNECTIONS.join("/")} (rendered each time: ${rps(rendered)}; nginx: ${rps(fromDisk)})`,
      );
    }
    return { nginxVersion: nginx.version, pages: results };
  } finally {
    await Promise.all([nginx.stop(), uncached.stop()]);
  }
}

export function pagesRows(r: { nginxVersion: string; pages: PageResult[] }): BenchRow[] {
  const rows: BenchRow[] = [];
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  for (const p of r.pages) {
    const add = (tool: string, runs: LoadResult[], note: string) =>
      runs.forEach((x, i) => {
        const failed = x.non2xx + x.errors ? `${x.non2xx + x.errors} failed requests` : "";
        rows.push({
          section: "page",
          case: p.page,
          tool,
          connections: x.connections,
          throughput: `${n(x.rps)} req/s`,
          p50: x.p50,
          p95: x.p95,
          p99: x.p99,
          note: [i === 0 ? note : "", failed].filter(Boolean).join("; "),
        });
      });
    add("portal (next start)", p.portal, `${(p.htmlBytes / 1024).toFixed(0)} KiB HTML`);
    add("portal, cache off", p.rendered ?? [], "rendered on every request");
    add(`nginx, saved HTML`, p.nginx, "");
  }
  return rows;
}

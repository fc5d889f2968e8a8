/**
 * Embeds (issue 18): the first-load JavaScript of `/embed/{chartId}` (budget 20 KiB gzip; the embed is built to
 * need none), measured like tests/e2e/budgets.spec.ts (every script the HTML loads, gzip at zlib's default level),
 * the embed page under load, and the 1200 x 630 PNG preview: its first draw for a chart view (resvg) and cached.
 */
import zlib from "node:zlib";
import { percentile, runAutocannon, type LoadResult } from "./autocannon";
import type { BenchContext, BenchRow } from "./types";

export const EMBED_JS_BUDGET_KIB = 20;
const PAGE = "/embed/crisis-contacts";
/** Charts whose previews are drawn cold, one per run (the first request for each view is the draw). */
const COLD = ["crisis-contacts", "crisis-force-share", "crisis-dispositions", "uof-incidents-by-level", "uof-officers"];

export interface EmbedResult {
  htmlBytes: number;
  scripts: number;
  jsGzipBytes: number;
  page: LoadResult;
  previewColdMs: number[];
  previewBytes: number;
  previewCached: LoadResult;
}

/** Every script the HTML names (external and inline), gzip-compressed: what a first visit downloads. */
async function firstLoadJs(base: string, html: string): Promise<{ scripts: number; gzip: number }> {
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  let gzip = 0;
  for (const [, attrs, body] of tags) {
    const src = /\bsrc="([^"]+)"/.exec(attrs ?? "")?.[1];
    const code = src ? Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()) : Buffer.from(body ?? "");
    gzip += zlib.gzipSync(code).length;
  }
  return { scripts: tags.length, gzip };
}

export async function runEmbedBench(ctx: BenchContext): Promise<EmbedResult> {
  const base = ctx.server.baseUrl;
  const res = await fetch(`${base}${PAGE}`);
  if (!res.ok) throw new Error(`${PAGE}: HTTP ${res.status}`);
  const html = await res.text();
  const js = await firstLoadJs(base, html);
  if (js.gzip > EMBED_JS_BUDGET_KIB * 1024)
    ctx.log(`WARNING ${PAGE}: ${(js.gzip / 1024).toFixed(1)} KiB of first-load JS, budget ${EMBED_JS_BUDGET_KIB}`);
  await runAutocannon({ url: `${base}${PAGE}`, connections: 4, amount: 20 }); // warm-up
  const page = await runAutocannon({ url: `${base}${PAGE}`, connections: 10, duration: ctx.duration });
  const previewColdMs: number[] = [];
  let previewBytes = 0;
  for (const id of COLD.slice(0, Math.max(ctx.runs, 1))) {
    const t0 = performance.now();
    const png = await fetch(`${base}/embed/${id}/preview.png`);
    const body = await png.arrayBuffer();
    previewColdMs.push(performance.now() - t0);
    if (!png.ok) throw new Error(`/embed/${id}/preview.png: HTTP ${png.status}`);
    previewBytes = body.byteLength;
  }
  const previewCached = await runAutocannon({
    url: `${base}/embed/${COLD[0]}/preview.png`,
    connections: 10,
    duration: ctx.duration,
  });
  ctx.log(
    `${PAGE}: ${js.scripts} scripts, ${(js.gzip / 1024).toFixed(1)} KiB JS gzip; ${page.rps.toFixed(0)} req/s; preview ${previewColdMs.map((m) => m.toFixed(0)).join("/")} ms cold`,
  );
  return {
    htmlBytes: Buffer.byteLength(html),
    scripts: js.scripts,
    jsGzipBytes: js.gzip,
    page,
    previewColdMs,
    previewBytes,
    previewCached,
  };
}

export function embedRows(r: EmbedResult): BenchRow[] {
  const cold = [...r.previewColdMs].sort((a, b) => a - b);
  return [
    {
      section: "embed",
      case: `${PAGE} first-load JS`,
      tool: "fetch + zlib",
      throughput: `${(r.jsGzipBytes / 1024).toFixed(1)} KiB gzip`,
      note: `${r.scripts} scripts (budget ${EMBED_JS_BUDGET_KIB} KiB); ${(r.htmlBytes / 1024).toFixed(0)} KiB HTML`,
    },
    {
      section: "embed",
      case: PAGE,
      tool: "portal (next start)",
      connections: r.page.connections,
      throughput: `${Math.round(r.page.rps).toLocaleString("en-US")} req/s`,
      p50: r.page.p50,
      p95: r.page.p95,
      p99: r.page.p99,
    },
    {
      section: "embed",
      case: "preview.png, first draw",
      tool: "resvg",
      p50: percentile(cold, 0.5),
      note: `${cold.length} chart views, ${(r.previewBytes / 1024).toFixed(0)} KiB PNG`,
    },
    {
      section: "embed",
      case: "preview.png, cached",
      tool: "portal (next start)",
      connections: r.previewCached.connections,
      throughput: `${Math.round(r.previewCached.rps).toLocaleString("en-US")} req/s`,
      p50: r.previewCached.p50,
      p95: r.previewCached.p95,
      p99: r.previewCached.p99,
    },
  ];
}

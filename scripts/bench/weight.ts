/**
 * Page weight (issue 22): the raw bytes of each public page's HTML as `next start` sends it (before compression),
 * split into what it is made of: the server-drawn chart SVG, the RSC payload (`self.__next_f.push` scripts, which
 * repeat a server component's output as elements and carry client components' props), tables and the rest. Target:
 * the heaviest public page at most 250 KB raw. Shared by the bench (`npm run bench -- --only weight`) and
 * tests/e2e/page-weight.spec.ts.
 */
import zlib from "node:zlib";
import { discoverPublicPages } from "./pages";
import type { BenchContext, BenchRow } from "./types";

/** The target for the heaviest public page, raw bytes (250 KB). */
export const WEIGHT_TARGET_BYTES = 250_000;

export interface PageWeight {
  page: string;
  bytes: number;
  gzipBytes: number;
  /** The `<script>self.__next_f.push(...)</script>` elements, as sent. */
  rscBytes: number;
  /** Server-drawn chart SVG in the markup (both layout variants). */
  chartSvgBytes: number;
  tableBytes: number;
  /** Chart SVG elements found in the RSC payload: 0 when each chart's geometry is sent once. */
  chartSvgInRsc: number;
}

const RSC_SCRIPT = /<script>self\.__next_f\.push\((.*?)\)<\/script>/gs;
const bytesOf = (s: string) => Buffer.byteLength(s);
const sum = (re: RegExp, s: string) => [...s.matchAll(re)].reduce((n, m) => n + bytesOf(m[0]), 0);

export function pageWeight(page: string, html: string): PageWeight {
  const markup = html.replace(RSC_SCRIPT, "");
  let rsc = "";
  for (const m of html.matchAll(RSC_SCRIPT)) {
    const pushed = JSON.parse(m[1]!) as unknown[];
    if (typeof pushed[1] === "string") rsc += pushed[1];
  }
  return {
    page,
    bytes: bytesOf(html),
    gzipBytes: zlib.gzipSync(html).length,
    rscBytes: sum(RSC_SCRIPT, html),
    chartSvgBytes: sum(/<svg class="static-chart .*?<\/svg>/gs, markup),
    tableBytes: sum(/<table.*?<\/table>/gs, markup),
    // An element in the payload is ["$","svg",key,{"className":"static-chart ...
    chartSvgInRsc: (rsc.match(/\["\$","svg","[^"]*",\{"className":"static-chart /g) ?? []).length,
  };
}

export async function runWeightBench(ctx: BenchContext): Promise<PageWeight[]> {
  const out: PageWeight[] = [];
  for (const page of discoverPublicPages()) {
    const res = await fetch(`${ctx.server.baseUrl}${page}`);
    if (!res.ok) throw new Error(`${page}: HTTP ${res.status}`);
    out.push(pageWeight(page, await res.text()));
  }
  out.sort((a, b) => b.bytes - a.bytes);
  ctx.log(`heaviest page: ${out[0]?.page} ${out[0]?.bytes.toLocaleString("en-US")} bytes`);
  return out;
}

const kb = (n: number) => `${(n / 1000).toFixed(0)} KB`;

/** The five heaviest pages, each against the target. */
export function weightRows(pages: PageWeight[]): BenchRow[] {
  return pages.slice(0, 5).map((p) => ({
    section: "weight",
    case: p.page,
    tool: "HTML as sent (raw)",
    throughput: kb(p.bytes),
    note: [
      `target ${kb(WEIGHT_TARGET_BYTES)}: ${p.bytes <= WEIGHT_TARGET_BYTES ? "met" : "NOT met"}`,
      `gzip ${kb(p.gzipBytes)}`,
      `RSC payload ${kb(p.rscBytes)}`,
      `chart SVG ${kb(p.chartSvgBytes)}`,
      `tables ${kb(p.tableBytes)}`,
      `chart SVG in the RSC payload: ${p.chartSvgInRsc}`,
    ].join("; "),
  }));
}

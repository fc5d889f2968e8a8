import { dataStatusOf } from "@/lib/charts/publish";
import { PORTAL_NAME, sourceLine, stampOf } from "@/lib/charts/stamp";
import type { ChartData } from "@/lib/charts/types";

/**
 * The embed page (`/embed/{chartId}`, issue 18): one chart block alone (title, synthetic stamp, takeaway, the
 * server-drawn chart, source line, link back), as one self-contained HTML document with its CSS inline and no
 * JavaScript at all, so it reads the same with scripts off and costs an embedding page nothing but the HTML. The
 * chart's two layouts (static-chart.tsx) switch on the frame's width with a container query, 300 to 1200 px.
 */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#1b1b1b;font:0.9375rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.embed{max-width:1200px;margin:0 auto;padding:0.75rem}
.embed h1{font-size:1.125rem;line-height:1.3;margin:0 0 0.35rem}
.embed p{margin:0 0 0.5rem}
.stamp{display:inline-block;background:#b2182b;color:#fff;font-weight:700;padding:0.1rem 0.5rem;border-radius:3px}
.chart{container-type:inline-size;margin:0.25rem 0 0.5rem}
.static-chart{display:block;width:100%;max-width:920px;height:auto;overflow:visible}
.static-chart--narrow{display:none}
@container (max-width: 34rem){.static-chart--wide{display:none}.static-chart--narrow{display:block}}
.empty{background:#f4f5f7;padding:1rem}
.source{font-size:0.8125rem;color:#444}
a{color:#0b4f8a}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

export interface EmbedPageInput {
  chart: ChartData;
  /** The static chart's markup (components/chart-block/static-chart.tsx), or "" when nothing is drawn (a map). */
  chartMarkup: string;
  /** Absolute URLs. */
  permalink: string;
  csvUrl: string;
  previewUrl: string;
  oembedUrl: string;
  release?: string;
}

export function embedHtml(p: EmbedPageInput): string {
  const { chart } = p;
  const stamp = stampOf(dataStatusOf(chart.sources));
  const figure = p.chartMarkup
    ? // The drawing is hidden from assistive technology (as on the site): this line and the linked table stand in.
      `<p class="visually-hidden">Chart: ${esc(chart.title)}. Every value is listed in the chart's table on the portal (link below).</p><div class="chart">${p.chartMarkup}</div>`
    : `<p class="empty">${chart.type === "map" ? "This chart is a map: open it on the portal to see it." : "No values to draw for these filters."}</p>`;
  const source = [sourceLine(chart.sources), ...(p.release ? [`release ${p.release}`] : [])];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(chart.title)} · ${esc(PORTAL_NAME)}</title>
<meta name="description" content="${esc(chart.takeaway)}">
<meta name="robots" content="noindex">
<link rel="canonical" href="${esc(p.permalink)}">
<link rel="alternate" type="application/json+oembed" href="${esc(p.oembedUrl)}" title="${esc(chart.title)}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${esc(PORTAL_NAME)}">
<meta property="og:title" content="${esc(chart.title)}">
<meta property="og:description" content="${esc(chart.takeaway)}">
<meta property="og:url" content="${esc(p.permalink)}">
<meta property="og:image" content="${esc(p.previewUrl)}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${esc(chart.title)}">
<meta name="twitter:description" content="${esc(chart.takeaway)}">
<meta name="twitter:image" content="${esc(p.previewUrl)}">
<style>${CSS}</style>
</head>
<body>
<main class="embed" data-chart="${esc(chart.id)}">
${stamp ? `<p class="stamp" data-testid="synthetic-badge">${esc(stamp)}</p>\n` : ""}<h1>${esc(chart.title)}</h1>
<p data-testid="takeaway">${esc(chart.takeaway)}</p>
${figure}
<p class="source" data-testid="source">${esc(source.join(" · "))}</p>
<p class="source"><a href="${esc(p.permalink)}" target="_blank" rel="noopener">Open on the ${esc(PORTAL_NAME)}<span class="visually-hidden"> (opens in a new tab)</span></a>: table, sources, definitions and downloads · <a href="${esc(p.csvUrl)}">Data as CSV</a></p>
</main>
</body>
</html>
`;
}

/** The embed's answer when the chart cannot be shown (unknown chart, bad filters or release), as a page. */
export function embedErrorHtml(message: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Chart not available · ${esc(PORTAL_NAME)}</title><style>${CSS}</style></head>
<body><main class="embed"><h1>Chart not available</h1><p>${esc(message)}</p></main></body>
</html>
`;
}

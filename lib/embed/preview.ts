import { framedSvg } from "@/lib/charts/export-image";
import type { ChartStamp } from "@/lib/charts/stamp";
import { PREVIEW_SIZE } from "./links";

/**
 * The Open Graph / Twitter card preview of a chart (issue 18): the chart's own server-drawn SVG (the wide layout of
 * components/chart-block/static-chart.tsx), framed exactly like a downloaded image (title, takeaway, source line,
 * URL and, for synthetic data, the stamp: lib/charts/export-image.ts framedSvg), fitted into 1200 x 630 on white.
 * Pure string work; rasterising is ./png.ts.
 */
const WIDE = /<svg class="static-chart static-chart--wide"[\s\S]*?<\/svg>/;
/** The wide layout's size (static-chart.tsx VARIANTS): the frame gives the chart this size. */
const CHART = { width: 760, height: 340 };

/** The wide SVG out of the static chart's markup, or null (a map, or no rows: nothing is drawn server-side). */
export const wideSvgOf = (staticChartMarkup: string): string | null => WIDE.exec(staticChartMarkup)?.[0] ?? null;

const placeholder = (text: string) =>
  `<svg viewBox="0 0 ${CHART.width} ${CHART.height}" xmlns="http://www.w3.org/2000/svg">` +
  `<rect width="100%" height="100%" fill="#f4f5f7"/><text x="${CHART.width / 2}" y="${CHART.height / 2}" ` +
  `text-anchor="middle" font-size="20" fill="#333">${text}</text></svg>`;

export function previewSvg(chartSvg: string | null, stamp: ChartStamp, emptyText: string): string {
  const inner = chartSvg ?? placeholder(emptyText.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  const framed = framedSvg(inner, CHART.width, CHART.height, stamp);
  const { width: W, height: H } = PREVIEW_SIZE;
  // The framed image keeps its proportions, centred; the frame's own size becomes the nested viewBox.
  const fitted = framed.svg.replace(
    `width="${framed.width}" height="${framed.height}"`,
    `width="${W}" height="${H}" preserveAspectRatio="xMidYMid meet"`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="#fff"/>${fitted}</svg>`
  );
}

/**
 * Rendered previews, per chart view and data state: the key holds the chart, its filters, the release (or the
 * current content stamp when the view is not pinned), so a new load or release makes new previews. Bounded (least
 * recently used first out): a preview is about 50-100 KB.
 */
export class PreviewCache {
  private readonly entries = new Map<string, Uint8Array>();
  constructor(readonly maxEntries = 200) {}
  get(key: string): Uint8Array | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }
  set(key: string, png: Uint8Array): void {
    this.entries.delete(key);
    this.entries.set(key, png);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
  get size() {
    return this.entries.size;
  }
}

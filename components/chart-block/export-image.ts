import { framedSvg, pngTextEntries, pngWithText } from "@/lib/charts/export-image";
import type { ChartStamp } from "@/lib/charts/stamp";

/**
 * Saves the chart's SVG as an .svg file, or rasterised as a .png (2x), from the browser: framed with its title,
 * subtitle, source line, URL and (synthetic data) the stamp (lib/charts/export-image.ts); PNGs carry the same text
 * in tEXt chunks.
 */
export function downloadChartImage(
  container: HTMLElement | null,
  name: string,
  format: "svg" | "png",
  stamp: ChartStamp,
): void {
  // The chart has a wide and a narrow layout, one of them hidden by CSS: take the one on screen.
  const selector = "svg.static-chart, svg.beat-map, svg.forest-plot, svg.heat-map";
  const svg = [...(container?.querySelectorAll<SVGSVGElement>(selector) ?? [])].find(
    (el) => el.getBoundingClientRect().width > 0,
  );
  if (!svg) return;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("style", "background:#fff;font-family:sans-serif");
  // A viewBox alone gives the image no size of its own (browsers then assume 300 x 150): fix it to the size on screen.
  const box = svg.getBoundingClientRect();
  const width = Number(clone.getAttribute("width")) || Math.round(box.width);
  const height = Number(clone.getAttribute("height")) || Math.round(box.height);
  // The frame places the chart and gives it its size (lib/charts/export-image.ts framedSvg).
  clone.removeAttribute("width");
  clone.removeAttribute("height");
  const framed = framedSvg(new XMLSerializer().serializeToString(clone), width, height, stamp);
  const svgUrl = URL.createObjectURL(new Blob([framed.svg], { type: "image/svg+xml;charset=utf-8" }));
  if (format === "svg") return save(svgUrl, `${name}.svg`);
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = framed.width * 2;
    canvas.height = framed.height * 2;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, framed.width, framed.height);
    canvas.toBlob(async (blob) => {
      if (!blob) return;
      const png = pngWithText(new Uint8Array(await blob.arrayBuffer()), pngTextEntries(stamp));
      save(URL.createObjectURL(new Blob([png], { type: "image/png" })), `${name}.png`);
    });
    URL.revokeObjectURL(svgUrl);
  };
  img.src = svgUrl;
}

function save(url: string, filename: string) {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

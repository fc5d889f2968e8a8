import { framedSvg, pngTextEntries, pngWithText } from "@/lib/charts/export-image";
import type { ChartStamp } from "@/lib/charts/stamp";

/**
 * Saves the chart's SVG as an .svg file, or rasterised as a .png (2x), from the browser: framed with its title,
 * subtitle, source line, URL and (synthetic data) the stamp (lib/charts/export-image.ts); PNGs carry the same text
 * in tEXt chunks.
 */
export async function downloadChartImage(
  container: HTMLElement | null,
  name: string,
  format: "svg" | "png",
  stamp: ChartStamp,
): Promise<void> {
  // The chart has a wide and a narrow layout, one of them hidden by CSS: take the one on screen.
  const selector = "svg.static-chart, svg.beat-map, svg.forest-plot, svg.heat-map";
  const svg = [...(container?.querySelectorAll<SVGSVGElement>(selector) ?? [])].find(
    (el) => el.getBoundingClientRect().width > 0,
  );
  if (!svg) return;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  await inlineSprites(clone);
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

/**
 * A saved image must stand alone (and an <img> of it loads nothing else): each <use> of an outside sprite (the beat
 * map's outlines, app/maps/beats.svg) becomes a copy of the shape it points to, with the <use>'s colour and title.
 */
async function inlineSprites(svg: SVGSVGElement): Promise<void> {
  const docs = new Map<string, Promise<Document>>();
  const sprite = (url: string) => {
    if (!docs.has(url))
      docs.set(
        url,
        fetch(url)
          .then((r) => r.text())
          .then((t) => new DOMParser().parseFromString(t, "image/svg+xml")),
      );
    return docs.get(url)!;
  };
  for (const use of [...svg.querySelectorAll("use")]) {
    const [url, id] = (use.getAttribute("href") ?? "").split("#");
    if (!url || !id) continue;
    const shape = (await sprite(url)).getElementById(id);
    if (!shape) continue;
    const copy = document.importNode(shape, true);
    copy.removeAttribute("id");
    for (const a of [...use.attributes]) if (a.name !== "href") copy.setAttribute(a.name, a.value);
    copy.append(...use.childNodes);
    use.replaceWith(copy);
  }
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

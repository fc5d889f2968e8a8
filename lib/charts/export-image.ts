import type { ChartStamp } from "./stamp";
import { textWidth } from "./svg-legend";

/**
 * What an exported chart image carries (issue 21: "synthetic figures must never travel unlabelled"): the chart is
 * framed by its title, subtitle (the takeaway), a source line with the dataset versions, its URL and, for synthetic
 * inputs, a visible stamp. Pure string and byte work, shared by the browser download (components/chart-block/
 * export-image.ts) and tests. PNGs also get the same text as tEXt chunks, so the label survives in the file's
 * metadata and a reader (or a test) can read it without OCR.
 */
const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Greedy word wrap to the given width (textWidth's estimate of a sans-serif font). */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const PAD = 16;

/** The chart's SVG (its markup, width and height) inside a frame with title, subtitle, stamp and source lines. */
export function framedSvg(
  inner: string,
  width: number,
  height: number,
  stamp: ChartStamp,
): { svg: string; width: number; height: number } {
  const w = Math.max(width, 480);
  const room = w - 2 * PAD;
  const title = wrapText(stamp.title, room, 18);
  const subtitle = wrapText(stamp.subtitle, room, 13);
  const source = wrapText(`${stamp.source} · ${stamp.url}`, room, 11);
  const text: string[] = [];
  let y = PAD;
  const put = (line: string, size: number, attrs = "") => {
    y += size * 1.3;
    text.push(`<text x="${PAD}" y="${y.toFixed(1)}" font-size="${size}" ${attrs}>${escapeXml(line)}</text>`);
  };
  if (stamp.synthetic) {
    // A band across the top: it cannot be cropped off without cropping the title too.
    text.push(`<rect x="0" y="0" width="${w}" height="${PAD + 24}" fill="#b2182b"/>`);
    put(stamp.synthetic, 15, 'font-weight="700" fill="#fff" data-stamp="synthetic"');
    y += 10;
  }
  for (const l of title) put(l, 18, 'font-weight="700" fill="#1b1b1b"');
  for (const l of subtitle) put(l, 13, 'fill="#333"');
  const chartY = y + 8;
  y = chartY + height + 4;
  for (const l of source) put(l, 11, 'fill="#444"');
  const totalH = Math.ceil(y + PAD);
  const body = inner.replace(
    /^<svg\b/,
    `<svg x="${((w - width) / 2).toFixed(1)}" y="${chartY.toFixed(1)}" width="${width}" height="${height}"`,
  );
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${totalH}" viewBox="0 0 ${w} ${totalH}" style="background:#fff;font-family:sans-serif">` +
    `<title>${escapeXml(stamp.title)}</title><desc>${escapeXml([stamp.synthetic, stamp.subtitle, stamp.source, stamp.url].filter(Boolean).join(" · "))}</desc>` +
    `<rect width="100%" height="100%" fill="#fff"/>${text.join("")}${body}</svg>`;
  return { svg, width: w, height: totalH };
}

/** The tEXt entries of an exported PNG (PNG's registered keywords). */
export function pngTextEntries(stamp: ChartStamp): [string, string][] {
  return [
    ["Title", stamp.title],
    ["Description", stamp.subtitle],
    ["Source", `${stamp.source} · ${stamp.url}`],
    ...(stamp.synthetic ? ([["Warning", stamp.synthetic]] as [string, string][]) : []),
  ];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** tEXt is Latin-1: characters outside it (the stamp's dash) become their closest ASCII. */
const latin1 = (s: string) =>
  s
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\x20-\xff]/g, "?");

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with tEXt chunks inserted right after IHDR. */
export function pngWithText(png: Uint8Array, entries: [string, string][]): Uint8Array<ArrayBuffer> {
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = entries.map(([k, v]) =>
    chunk(
      "tEXt",
      Uint8Array.from(`${latin1(k)}\0${latin1(v)}`, (c) => c.charCodeAt(0)),
    ),
  );
  const size = png.length + chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** The tEXt entries of a PNG, checking each chunk's CRC (for tests and for readers' tools). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length;) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (crc32(png.subarray(at + 4, at + 8 + len)) !== view.getUint32(at + 8 + len))
      throw new Error(`bad CRC in ${type} chunk`);
    if (type === "tEXt") {
      const text = String.fromCharCode(...png.subarray(at + 8, at + 8 + len));
      const nul = text.indexOf("\0");
      out[text.slice(0, nul)] = text.slice(nul + 1);
    }
    at += 12 + len;
  }
  return out;
}

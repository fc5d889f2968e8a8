import "server-only";
import { execFileSync } from "node:child_process";
import { Resvg } from "@resvg/resvg-js";
import { pngTextEntries, pngWithText } from "@/lib/charts/export-image";
import type { ChartStamp } from "@/lib/charts/stamp";

/**
 * Rasterises a preview SVG (./preview.ts) with resvg. resvg reads TTF/OTF, not the site's woff2, so text uses a
 * system sans-serif: the one fontconfig names, when fc-match is installed, else resvg's own choice among the
 * system fonts. The PNG carries the stamp's text as tEXt chunks, like a downloaded image.
 */
let sansSerif: string | null | undefined;
function systemSansSerif(): string | null {
  if (sansSerif === undefined) {
    try {
      sansSerif =
        execFileSync("fc-match", ["-f", "%{family[0]}", "sans-serif"], { timeout: 2_000 }).toString().trim() || null;
    } catch {
      sansSerif = null;
    }
  }
  return sansSerif;
}

export function renderPng(svg: string, stamp: ChartStamp): Uint8Array<ArrayBuffer> {
  const family = systemSansSerif();
  const png = new Resvg(svg, {
    background: "#fff",
    fitTo: { mode: "original" },
    font: { loadSystemFonts: true, ...(family ? { defaultFontFamily: family, sansSerifFamily: family } : {}) },
  })
    .render()
    .asPng();
  return pngWithText(new Uint8Array(png), pngTextEntries(stamp));
}

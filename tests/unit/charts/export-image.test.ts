import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, framedSvg, pngTextEntries, pngWithText, readPngText } from "@/lib/charts/export-image";
import { chartStamp, SYNTHETIC_STAMP, sourceLine } from "@/lib/charts/stamp";
import type { SourceRef } from "@/lib/charts/types";

const crisis: SourceRef = {
  dataset: "Crisis Data",
  label: "seattle-crisis@2026-01-01.b4689020",
  sourceName: "Seattle Police Department",
  sourceUrl: "https://data.seattle.gov",
  retrievedAt: "2026-01-01T00:00:00Z",
  synthetic: true,
};
const uof: SourceRef = {
  dataset: "Use of Force",
  label: "seattle-uof@2026-11-24.b8c916ed",
  sourceName: "Seattle Police Department (Use of Force)",
  sourceUrl: "https://data.seattle.gov",
  retrievedAt: "2026-11-24T00:00:00Z",
  synthetic: false,
};
const chart = (sources: SourceRef[]) => ({
  title: "Crisis contacts over time",
  takeaway: "1,611 crisis contacts were recorded in 2025-Q4 (all precincts).",
  sources,
  permalink: "/crisis#crisis-contacts",
});

/** A 1 x 1 PNG, built by hand (signature, IHDR, IDAT, IEND). */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return new Uint8Array(
    Buffer.concat([
      sig,
      chunk("IHDR", ihdr),
      chunk("IDAT", zlib.deflateSync(Buffer.from([0, 255, 0, 0]))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe("exported chart images carry title, subtitle, source, URL and the synthetic stamp", () => {
  it("the source line names every dataset version, and synthetic ones as generated", () => {
    expect(sourceLine([crisis, uof])).toBe(
      "Source: generated synthetic sample (version seattle-crisis@2026-01-01.b4689020); Seattle Police Department (Use of Force) (version seattle-uof@2026-11-24.b8c916ed)",
    );
  });

  it("SVG: the stamp first, then title, subtitle, and the source line with version and URL, around the chart", () => {
    const inner = '<svg class="static-chart" viewBox="0 0 720 320"><rect width="10" height="10"/></svg>';
    const { svg, height } = framedSvg(inner, 720, 320, chartStamp(chart([crisis]), "https://portal.example"));
    const t = texts(svg);
    expect(t[0]).toBe(SYNTHETIC_STAMP);
    expect(t[1]).toBe("Crisis contacts over time");
    expect(t.join(" ")).toContain("1,611 crisis contacts were recorded in 2025-Q4");
    expect(t.join(" ")).toMatch(
      /Source: generated synthetic sample \(version seattle-crisis@2026-01-01\.b4689020\) · .* · https:\/\/portal\.example\/crisis#crisis-contacts$/,
    );
    expect(svg).toContain('<svg x="0.0" y="');
    expect(svg).toContain('width="720" height="320" class="static-chart"');
    expect(height).toBeGreaterThan(320);
    expect(svg).toMatch(/<desc>SYNTHETIC SAMPLE/);
  });

  it("SVG of real data has no stamp", () => {
    const { svg } = framedSvg("<svg></svg>", 600, 300, chartStamp(chart([uof]), "https://portal.example"));
    expect(svg).not.toContain("SYNTHETIC");
    expect(texts(svg).join(" ")).toContain("(version seattle-uof@2026-11-24.b8c916ed)");
  });

  it("mixed sources are stamped as partly synthetic", () => {
    expect(chartStamp(chart([crisis, uof]), "").synthetic).toBe(`PARTLY SYNTHETIC — ${SYNTHETIC_STAMP}`);
  });

  it("PNG: the same text in tEXt chunks after IHDR, with valid CRCs", () => {
    const png = pngWithText(tinyPng(), pngTextEntries(chartStamp(chart([crisis]), "https://portal.example")));
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe("tEXt");
    const meta = readPngText(png);
    expect(meta).toEqual({
      Title: "Crisis contacts over time",
      Description: "1,611 crisis contacts were recorded in 2025-Q4 (all precincts).",
      Source: expect.stringMatching(
        /^Source: generated synthetic sample \(version seattle-crisis@2026-01-01\.b4689020\) .*https:\/\/portal\.example\/crisis#crisis-contacts$/,
      ),
      Warning: "SYNTHETIC SAMPLE - not Seattle's records",
    });
    expect(readPngText(pngWithText(tinyPng(), pngTextEntries(chartStamp(chart([uof]), ""))))).not.toHaveProperty(
      "Warning",
    );
  });
});

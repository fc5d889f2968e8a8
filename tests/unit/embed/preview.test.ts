import { describe, expect, it } from "vitest";
import { embedHeight, embedPath, pinnedUrl, previewPath } from "@/lib/embed/links";
import { readPngText } from "@/lib/charts/export-image";
import { renderPng } from "@/lib/embed/png";
import { PreviewCache, previewSvg, wideSvgOf } from "@/lib/embed/preview";

const chart = { id: "crisis-by-call-type", permalink: "/crisis?precinct=West&from=2020-01#crisis-by-call-type" };
const stamp = {
  title: "T & t",
  subtitle: "Sub",
  source: "Source: x",
  url: "http://p/crisis",
  synthetic: "SYNTHETIC SAMPLE",
};

describe("chart view addresses", () => {
  it("carry the permalink's filters, and the release only when there is one", () => {
    expect(embedPath(chart)).toBe("/embed/crisis-by-call-type?precinct=West&from=2020-01");
    expect(previewPath(chart, "2026.11.1")).toBe(
      "/embed/crisis-by-call-type/preview.png?precinct=West&from=2020-01&release=2026.11.1",
    );
    expect(pinnedUrl("http://p", chart)).toBe("http://p/crisis?precinct=West&from=2020-01#crisis-by-call-type");
    expect(pinnedUrl("http://p", { id: "a", permalink: "/cit#a" }, "2026.11.1")).toBe(
      "http://p/cit?release=2026.11.1#a",
    );
  });
  it("the embed's height grows as it narrows below 34rem (text wraps, the narrow chart is taller)", () => {
    expect(embedHeight(760)).toBe(Math.round(340 + 190));
    expect(embedHeight(360)).toBeGreaterThan(embedHeight(600));
    expect(embedHeight(100)).toBe(embedHeight(300));
  });
});

describe("the 1200 x 630 preview", () => {
  const wide = '<svg class="static-chart static-chart--wide" viewBox="0 0 760 340"><rect/></svg>';
  it("takes the wide layout out of the static chart's markup", () => {
    expect(wideSvgOf(`<div>${wide}<svg class="static-chart static-chart--narrow"></svg></div>`)).toBe(wide);
    expect(wideSvgOf("")).toBeNull();
  });
  it("frames the chart with its stamp, fitted into 1200 x 630", () => {
    const svg = previewSvg(wide, stamp, "none");
    expect(
      svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">'),
    ).toBe(true);
    expect(svg).toContain('width="1200" height="630" preserveAspectRatio="xMidYMid meet"');
    expect(svg).toContain("T &amp; t");
    expect(svg).toContain('data-stamp="synthetic"');
    expect(svg).toContain('class="static-chart static-chart--wide"');
    expect(previewSvg(null, { ...stamp, synthetic: null }, "A map <here>")).toContain("A map &lt;here&gt;");
  });
  it("rasterises to a 1200 x 630 PNG carrying the stamp as text (whatever fonts the system has)", () => {
    const png = renderPng(previewSvg(wide, stamp, "none"), stamp);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
    expect(readPngText(png)).toMatchObject({ Title: "T & t", Warning: "SYNTHETIC SAMPLE" });
  });
  it("caches least recently used first out", () => {
    const c = new PreviewCache(2);
    const png = (n: number) => new Uint8Array([n]);
    c.set("a", png(1));
    c.set("b", png(2));
    c.get("a");
    c.set("c", png(3));
    expect([c.get("a")?.[0], c.get("b"), c.get("c")?.[0], c.size]).toEqual([1, undefined, 3, 2]);
  });
});

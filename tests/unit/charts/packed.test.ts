import { describe, expect, it } from "vitest";
import { beatSpriteHref, beatSpriteSvg } from "@/lib/charts/beat-map";
import { packChart, unpackChart } from "@/lib/charts/packed";
import type { ChartData, Row } from "@/lib/charts/types";
import type { BeatGeometry } from "@/lib/trends/beat-geometry";

const base = {
  id: "t",
  title: "T",
  takeaway: "",
  type: "line",
  xKey: "period",
  xLabel: "",
  yLabel: "",
  yFormat: "percent",
  series: [{ key: "share", label: "Share", color: "#0072b2" }],
  columns: [],
  definitions: [],
  notes: [],
  sources: [],
  markers: [],
  smallCountThreshold: 10,
  unstableCells: 0,
  methodologyHref: "/methodology",
  explainerHref: "/explainers/counting",
  csvHref: "/api/v1/charts/t",
  permalink: "/crisis#t",
} satisfies Omit<ChartData, "rows">;

describe("packed chart rows (the client chart block's data in the RSC payload)", () => {
  it("round-trips exactly: values, nulls, strings, a key one row lacks, and key order", () => {
    const rows: Row[] = [
      { period: "2015-Q1", share: 0.3224489795918367, low: null, unstable: "" },
      { period: "2015-Q2", share: 1e-12, unstable: "share" },
      { period: "2015-Q3", share: -0, low: 0.1, unstable: "" },
    ];
    const packed = packChart({ ...base, rows });
    expect(packed).not.toHaveProperty("rows");
    expect(packed.packed.keys).toEqual(["period", "share", "low", "unstable"]);
    expect(packed.packed.values[1]).toEqual(["2015-Q2", 1e-12, undefined, "share"]);
    const back = unpackChart(packed);
    expect(back.rows).toEqual(rows);
    expect(Object.keys(back.rows[1]!)).toEqual(["period", "share", "unstable"]);
    expect(back).toEqual({ ...base, rows });
  });

  it("is smaller than the rows as objects once there are a few rows", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ period: `p${i}`, citCertifiedHigh: i / 7, contacts: i }));
    const size = (v: unknown) => JSON.stringify(v).length;
    expect(size(packChart({ ...base, rows }).packed)).toBeLessThan(0.7 * size(rows));
  });
});

describe("beat sprite", () => {
  const geo: BeatGeometry = {
    source: "beats.geojson",
    sha256: "0123456789abcdef0123",
    width: 480,
    height: 768,
    beats: [
      { beat: "B1", sector: "B", precinct: "N", path: "M1,2L3,4Z", cx: 2, cy: 3 },
      { beat: "K2", sector: "K", precinct: "W", path: "M5,6L7,8Z", cx: 6, cy: 7 },
    ],
  };
  it("holds each beat's outline under its code, unstyled so that each <use> colours it", () => {
    const svg = beatSpriteSvg(geo);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 480 768">/);
    expect(svg).toContain('<path id="B1" d="M1,2L3,4Z"/>');
    expect(svg).toContain('<path id="K2" d="M5,6L7,8Z"/>');
    expect(svg).not.toMatch(/fill=|stroke=/);
  });
  it("is addressed by the boundary file's hash", () => {
    expect(beatSpriteHref(geo)).toBe("/maps/beats.svg?v=0123456789ab");
  });
});

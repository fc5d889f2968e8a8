import * as d3s from "d3-scale";
import * as d3sh from "d3-shape";
import { describe, expect, it } from "vitest";
import { areaPath, scaleBand, scaleLinear, scalePoint, stackLayers, ticks } from "@/lib/charts/scales";

/**
 * lib/charts/scales.ts replaces d3-scale and d3-shape in the chart layout to keep them out of the first-load
 * JavaScript; it must give d3's numbers exactly, so that the charts are drawn as before. d3 is imported here only,
 * as the reference.
 */
let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const domains: [number, number][] = [
  [0, 1],
  [0, 0.0347],
  [0, 7],
  [0, 123_456],
  [-3.2, 41],
  [0, 5e-7],
  [2, 2],
  [10, 0],
  ...Array.from({ length: 300 }, (): [number, number] => {
    const scale = 10 ** Math.floor(rand() * 12 - 6);
    const lo = rand() < 0.2 ? -rand() * scale : 0;
    return [lo, lo + rand() * scale * 10];
  }),
];

describe("scales as d3 computes them", () => {
  it("ticks and nice domains", () => {
    for (const [a, b] of domains)
      for (const count of [1, 2, 5, 10]) {
        expect(ticks(a, b, count), `${a}..${b} / ${count}`).toEqual(d3s.scaleLinear().domain([a, b]).ticks(count));
        const ours = scaleLinear().domain([a, b]).nice(count);
        const theirs = d3s.scaleLinear().domain([a, b]).nice(count);
        expect(ours.ticks(count)).toEqual(theirs.ticks(count));
        ours.range([300, 20]);
        theirs.range([300, 20]);
        for (const x of [a, b, (a + b) / 2, a - 1, b * 1.7]) expect(ours(x)).toBe(theirs(x));
      }
  });

  it("bands and points, with duplicates, one category and unknown values", () => {
    const sets = [["a"], ["a", "b"], ["2015-Q1", "2015-Q2", "2015-Q3", "2015-Q2"], Array.from({ length: 49 }, String)];
    for (const cats of sets)
      for (const range of [
        [40, 731],
        [16, 400],
        [300, 10],
      ] as [number, number][])
        for (const [pi, po] of [
          [0.1, 0.05],
          [0.2, 0.05],
          [0, 0],
        ] as const) {
          const ours = scaleBand().domain(cats).range(range).paddingInner(pi).paddingOuter(po);
          const theirs = d3s.scaleBand<string>().domain(cats).range(range).paddingInner(pi).paddingOuter(po);
          expect(ours.bandwidth()).toBe(theirs.bandwidth());
          for (const c of [...cats, "none"]) expect(ours(c)).toBe(theirs(c));
          const p = cats.length === 1 ? 0.5 : 0;
          const pt = scalePoint().domain(cats).range(range).padding(p);
          const dpt = d3s.scalePoint<string>().domain(cats).range(range).padding(p);
          for (const c of [...cats, "none"]) expect(pt(c)).toBe(dpt(c));
        }
  });

  it("stacks and areas, with gaps", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      a: rand() * 50,
      b: i % 7 === 3 ? null : rand() * 20,
      c: rand() < 0.1 ? 0 : rand() * 0.37,
    }));
    const keys = ["a", "b", "c"];
    const val = (r: (typeof rows)[number], k: string) => (r[k as keyof typeof r] as number | null) ?? 0;
    const ours = stackLayers(rows, keys, val);
    const theirs = d3sh.stack<(typeof rows)[number], string>().keys(keys).value(val)(rows);
    expect(ours).toEqual(theirs.map((layer) => layer.map(([y0, y1]) => [y0, y1])));
    const x = (_: unknown, i: number) => Math.round(i * 23.7 * 10) / 10;
    for (const defined of [
      () => true,
      (_: unknown, i: number) => i % 7 !== 3,
      (_: unknown, i: number) => i > 28,
      () => false,
      (_: unknown, i: number) => i % 2 === 0,
    ]) {
      const y0 = (r: (typeof rows)[number]) => r.c * 100;
      const y1 = (r: (typeof rows)[number]) => r.a * 3.3333;
      expect(areaPath(rows, defined, x, y0, y1)).toBe(
        d3sh.area<(typeof rows)[number]>().defined(defined).x(x).y0(y0).y1(y1)(rows),
      );
    }
  });
});

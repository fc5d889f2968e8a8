/**
 * The scales and shapes the SVG charts use (svg-layout.ts), written out instead of importing d3-scale and d3-shape:
 * with what they pull in (d3-interpolate, d3-color, d3-format, d3-time, d3-path) they were the bulk of the chart
 * code in every chart page's first-load JavaScript (tests/e2e/budgets.spec.ts). The arithmetic is d3's, step for
 * step (d3-array ticks, d3-scale linear/band/point, d3-shape stack and area with 3-digit rounding), so the charts are
 * drawn exactly as before: tests/unit/charts/scales.test.ts compares both on many inputs.
 */
const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / Math.pow(10, power);
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  let i1: number, i2: number, inc: number;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** About `count` round values from start to stop (d3-array's ticks). */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start;
  const [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const n = i2 - i1 + 1;
  const out = new Array<number>(n);
  for (let i = 0; i < n; ++i) {
    const k = reverse ? i2 - i : i1 + i;
    out[i] = inc < 0 ? k / -inc : k * inc;
  }
  return out;
}

export interface LinearScale {
  (x: number): number;
  domain(): [number, number];
  domain(d: [number, number]): LinearScale;
  range(r: [number, number]): LinearScale;
  ticks(count: number): number[];
  nice(count: number): LinearScale;
}

/** A linear scale from a two-value domain to a range (d3-scale's scaleLinear, unclamped). */
export function scaleLinear(): LinearScale {
  let [d0, d1] = [0, 1];
  let [r0, r1] = [0, 1];
  const lerp = (a: number, b: number, t: number) => a * (1 - t) + b * t;
  const scale = ((x: number) => {
    // d3's bimap: a falling domain is turned round, with its range.
    const [a, b, ra, rb] = d1 < d0 ? [d1, d0, r1, r0] : [d0, d1, r0, r1];
    const t = b - a ? (x - a) / (b - a) : 0.5;
    return lerp(ra, rb, t);
  }) as LinearScale;
  scale.domain = ((d?: [number, number]) => {
    if (!d) return [d0, d1];
    [d0, d1] = [+d[0], +d[1]];
    return scale;
  }) as LinearScale["domain"];
  scale.range = (r) => {
    [r0, r1] = [+r[0], +r[1]];
    return scale;
  };
  scale.ticks = (count) => ticks(d0, d1, count);
  scale.nice = (count) => {
    const flip = d1 < d0;
    let [start, stop] = flip ? [d1, d0] : [d0, d1];
    let prestep: number | undefined;
    for (let iter = 0; iter < 10; iter++) {
      const step = tickSpec(start, stop, count)[2];
      if (step === prestep) {
        [d0, d1] = flip ? [stop, start] : [start, stop];
        return scale;
      } else if (step > 0) {
        start = Math.floor(start / step) * step;
        stop = Math.ceil(stop / step) * step;
      } else if (step < 0) {
        start = Math.ceil(start * step) / step;
        stop = Math.floor(stop * step) / step;
      } else break;
      prestep = step;
    }
    return scale;
  };
  return scale;
}

export interface BandScale {
  (value: string): number | undefined;
  domain(values: string[]): BandScale;
  range(r: [number, number]): BandScale;
  paddingInner(p: number): BandScale;
  paddingOuter(p: number): BandScale;
  bandwidth(): number;
}
export interface PointScale {
  (value: string): number | undefined;
  domain(values: string[]): PointScale;
  range(r: [number, number]): PointScale;
  padding(p: number): PointScale;
}

/** Bands across a range, one per distinct domain value in order (d3-scale's scaleBand, align 0.5, no rounding). */
export function scaleBand(): BandScale {
  let index = new Map<string, number>();
  let [r0, r1] = [0, 1];
  let [inner, outer] = [0, 0];
  let starts: number[] = [];
  let width = 1;
  const rescale = () => {
    const n = index.size;
    const reverse = r1 < r0;
    let start = reverse ? r1 : r0;
    const stop = reverse ? r0 : r1;
    const step = (stop - start) / Math.max(1, n - inner + outer * 2);
    start += (stop - start - step * (n - inner)) * 0.5;
    width = step * (1 - inner);
    starts = Array.from({ length: n }, (_, i) => start + step * i);
    if (reverse) starts.reverse();
  };
  const scale = ((v: string) => {
    const i = index.get(v);
    return i === undefined ? undefined : starts[i % starts.length];
  }) as BandScale;
  scale.domain = (values) => {
    index = new Map();
    for (const v of values) if (!index.has(v)) index.set(v, index.size);
    rescale();
    return scale;
  };
  scale.range = (r) => {
    [r0, r1] = [+r[0], +r[1]];
    rescale();
    return scale;
  };
  scale.paddingInner = (p) => {
    inner = Math.min(1, p);
    rescale();
    return scale;
  };
  scale.paddingOuter = (p) => {
    outer = +p;
    rescale();
    return scale;
  };
  scale.bandwidth = () => width;
  rescale();
  return scale;
}

/** Evenly spaced points (d3-scale's scalePoint: a band scale with no band, `padding` at the ends). */
export function scalePoint(): PointScale {
  const band = scaleBand().paddingInner(1);
  const scale = ((v: string) => band(v)) as PointScale;
  scale.domain = (values) => (band.domain(values), scale);
  scale.range = (r) => (band.range(r), scale);
  scale.padding = (p) => (band.paddingOuter(p), scale);
  return scale;
}

/** Stacked series (d3-shape's stack with its default order and offset): per key, per row, [base, top]. */
export function stackLayers<T>(
  rows: T[],
  keys: string[],
  value: (row: T, key: string) => number,
): [number, number][][] {
  const layers = keys.map((k) => rows.map((r): [number, number] => [0, +value(r, k)]));
  for (let i = 1; i < layers.length; i++)
    layers[i]!.forEach((p, j) => {
      const below = layers[i - 1]![j]!;
      p[1] += p[0] = isNaN(below[1]) ? below[0] : below[1];
    });
  return layers;
}

/**
 * An area's SVG path (d3-shape's area with linear curve and 3-digit rounding): each run of defined points goes
 * along the tops and back along the bases, closed; null when nothing is defined.
 */
export function areaPath<T>(
  data: T[],
  defined: (d: T, i: number) => boolean,
  x: (d: T, i: number) => number,
  y0: (d: T, i: number) => number,
  y1: (d: T, i: number) => number,
): string | null {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  let path = "";
  let run: { x: number; y0: number }[] = [];
  const close = () => {
    for (let k = run.length - 1; k >= 0; k--) path += `L${r(run[k]!.x)},${r(run[k]!.y0)}`;
    if (run.length) path += "Z";
    run = [];
  };
  data.forEach((d, i) => {
    if (!defined(d, i)) return close();
    const px = +x(d, i);
    run.push({ x: px, y0: +y0(d, i) });
    path += `${run.length === 1 ? "M" : "L"}${r(px)},${r(+y1(d, i))}`;
  });
  close();
  return path || null;
}

import type { BeatGeometry } from "@/lib/trends/beat-geometry";
import type { UofAggregates } from "@/lib/trends/uof-aggregates";
import { chartBase, type ChartContext } from "./context";
import { int } from "./helpers";
import type { ChartData, Row } from "./types";

export const MAP_COLORS = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];

/** Upper edges of the first four of five colour classes: the 20/40/60/80% quantiles of the beats' values. */
export function quantileBins(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return [q(0.2), q(0.4), q(0.6), q(0.8)];
}

/** Incidents per beat for the map and its table; bins are quantiles of the beats' counts. */
export function beatMapChart(
  agg: UofAggregates,
  geo: BeatGeometry,
  ctx: ChartContext,
): { chart: ChartData; bins: number[] } {
  const f = ctx.filters;
  const from = Number(f.from?.slice(0, 4) ?? 0);
  const to = Number(f.to?.slice(0, 4) ?? 9999);
  const counts = new Map<string, number>();
  for (const p of agg.places) {
    if (p.year < from || p.year > to || (f.precinct && p.precinct !== f.precinct)) continue;
    counts.set(p.beat, (counts.get(p.beat) ?? 0) + p.incidents);
  }
  const bins = quantileBins(geo.beats.map((b) => counts.get(b.beat) ?? 0));
  const rows: Row[] = geo.beats.map((b) => ({
    beat: b.beat,
    sector: b.sector ?? "",
    incidents: counts.get(b.beat) ?? 0,
  }));
  const notMapped = [...counts]
    .filter(([beat]) => !geo.beats.some((b) => b.beat === beat))
    .reduce((s, [, n]) => s + n, 0);
  const top = [...geo.beats].sort((a, b) => (counts.get(b.beat) ?? 0) - (counts.get(a.beat) ?? 0))[0];
  return {
    bins,
    chart: {
      ...chartBase(ctx, "uof-beat-map"),
      title: "Use-of-force incidents by beat",
      takeaway: top
        ? `Beat ${top.beat} recorded the most incidents (${int(counts.get(top.beat) ?? 0)}); ${int(notMapped)} incidents have no beat or one outside the map.`
        : "No incidents.",
      type: "map",
      xKey: "beat",
      xLabel: "Beat",
      yLabel: "Incidents",
      yFormat: "int",
      series: [{ key: "incidents", label: "Incidents", color: MAP_COLORS[4]! }],
      rows,
      columns: [
        { key: "beat", label: "Beat", format: "text" },
        { key: "sector", label: "Sector", format: "text" },
        { key: "incidents", label: "Incidents", format: "int" },
      ],
      definitions: [
        "Incidents at the beat of their earliest record. Counts, not rates: beats differ in population, visitors and calls, so a dark beat is not necessarily one where force is used more often per contact.",
        `Beat boundaries: City of Seattle GIS, SPD reporting beats (${geo.source}, sha256 ${geo.sha256.slice(0, 12)}). Boundaries changed over time; incidents are mapped by the beat code recorded.`,
      ],
      notes: [
        `${int(notMapped)} incidents have a missing ('-'), placeholder ('99', 'XX') or out-of-jurisdiction beat and are not on the map.`,
      ],
      markers: [],
      unstableCells: 0,
      explainerHref: "/explainers/counting",
    },
  };
}

/**
 * The beats' outlines once, as an SVG file the beat maps point into with <use href="…#K2"> (issue 22, page weight):
 * drawn inline, the ~75 KB of outlines travelled twice per page (HTML and RSC payload) and on both map pages; as a
 * file they are fetched once and cached. The paths carry no fill or stroke, so each <use> colours its beat.
 */
export function beatSpriteSvg(geo: BeatGeometry): string {
  const paths = geo.beats.map((b) => `<path id="${b.beat}" d="${b.path}"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geo.width} ${geo.height}"><defs>${paths}</defs></svg>`;
}

/** The sprite's address, versioned by the boundary file's hash so that it can be cached for good. */
export const beatSpriteHref = (geo: Pick<BeatGeometry, "sha256">) => `/maps/beats.svg?v=${geo.sha256.slice(0, 12)}`;

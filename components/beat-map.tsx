import { beatSpriteHref, MAP_COLORS } from "@/lib/charts/beat-map";
import type { BeatGeometry } from "@/lib/trends/beat-geometry";

/**
 * A server-rendered SVG choropleth: no tiles, no client JavaScript. Each beat is focusable and named for screen
 * readers and keyboard users; the table view of the same block is the full alternative. The outlines are not in the
 * page: each beat is a <use> of its path in the cached sprite (app/maps/beats.svg), coloured here (issue 22, page
 * weight: inline, the outlines were ~75 KB of HTML plus as much again in the RSC payload, on two pages).
 */
export function BeatMap({
  geo,
  counts,
  bins,
  threshold,
  valueLabel = "incidents",
}: {
  geo: BeatGeometry;
  counts: Record<string, number | null>;
  bins: number[];
  threshold: number;
  /** What the counts are, e.g. "incidents" or "people who received force". */
  valueLabel?: string;
}) {
  const colorOf = (n: number | null) => (n === null ? MAP_COLORS[0]! : MAP_COLORS[bins.filter((b) => n > b).length]!);
  const edges = [0, ...bins];
  const sprite = beatSpriteHref(geo);
  return (
    <figure className="beat-map-figure">
      <svg
        className="beat-map"
        viewBox={`0 0 ${geo.width} ${geo.height}`}
        role="group"
        aria-label={`Map of Seattle police beats shaded by ${valueLabel}`}
      >
        {geo.beats.map((b) => {
          const n = counts[b.beat] ?? 0;
          const label = `Beat ${b.beat}${b.sector ? ` (sector ${b.sector})` : ""}: ${n === null ? `fewer than ${threshold}` : n.toLocaleString("en-US")} ${valueLabel}`;
          return (
            <use
              key={b.beat}
              href={`${sprite}#${b.beat}`}
              fill={colorOf(n)}
              stroke="#fff"
              strokeWidth={0.8}
              tabIndex={0}
              role="img"
              aria-label={label}
              className="beat"
            >
              <title>{label}</title>
            </use>
          );
        })}
      </svg>
      <figcaption>
        <ul className="map-legend" aria-label="Legend">
          {MAP_COLORS.map((c, i) => (
            <li key={c}>
              <span className="swatch" style={{ background: c }} aria-hidden="true" />
              {i === 0
                ? `up to ${bins[0]}`
                : i === MAP_COLORS.length - 1
                  ? `more than ${bins.at(-1)}`
                  : `${edges[i]! + 1} to ${bins[i]}`}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

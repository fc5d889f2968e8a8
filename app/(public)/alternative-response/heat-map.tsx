"use client";

import { useBlockChart } from "@/components/chart-block/block-chart";
import { unstableIn } from "@/lib/charts/flags";
import { WEEKDAYS, WEEKDAY_NAMES } from "@/lib/coverage/hours";

/** Sequential blues, light to dark; text on the three darkest is white (contrast at least 4.5:1 both ways). */
const SCALE = ["#f4f7fb", "#d3e1f1", "#a9c6e4", "#6c9fcf", "#3a73b0", "#1d4f86", "#0b2f5c"];

/**
 * The heat map of the alt-heatmap chart, as SVG: weekdays down, hours across, one cell per hour with its count;
 * counts below the small-count threshold are shown, outlined dashed and flagged unstable (lib/charts/publish.ts).
 * The chart block's Table view carries the same numbers for screen readers. Drawn from the block's own data
 * (block-chart.tsx), in the server HTML and without JavaScript, but not repeated in the RSC payload (issue 22).
 */
export function HeatMap() {
  const chart = useBlockChart();
  const values = chart.rows.flatMap((r) => WEEKDAYS.map((d) => Number(r[d] ?? 0)));
  const max = Math.max(1, ...values);
  const [left, top, cw, ch] = [92, 26, 27, 26];
  const width = left + 24 * cw + 8;
  const height = top + 7 * ch + 34;
  const bin = (v: number) =>
    v === 0 ? 0 : 1 + Math.min(SCALE.length - 2, Math.floor(((SCALE.length - 1) * v) / (max + 1)));
  return (
    // On a phone the map scrolls sideways: a scrollable region must be reachable from the keyboard (axe).
    <figure className="heat-map-figure" tabIndex={0} aria-label={`${chart.title}: scrolls sideways on small screens`}>
      <svg
        className="heat-map"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${chart.title}. ${chart.takeaway} The Table view lists every value.`}
        fontSize={10}
      >
        {Array.from({ length: 24 }, (_, h) => (
          <text key={`h${h}`} x={left + h * cw + cw / 2} y={top - 8} textAnchor="middle" fill="#333">
            {h}
          </text>
        ))}
        {WEEKDAYS.map((d, di) => (
          <g key={d}>
            <text x={left - 8} y={top + di * ch + ch / 2 + 4} textAnchor="end" fill="#333">
              {WEEKDAY_NAMES[d]}
            </text>
            {chart.rows.map((r, h) => {
              const v = Number(r[d] ?? 0);
              const small = unstableIn(r).has(d);
              return (
                <rect
                  key={h}
                  x={left + h * cw}
                  y={top + di * ch}
                  width={cw - 1}
                  height={ch - 1}
                  fill={SCALE[bin(v)]}
                  stroke={small ? "#5f6670" : undefined}
                  strokeDasharray={small ? "2 2" : undefined}
                >
                  <title>{`${WEEKDAY_NAMES[d]} ${String(h).padStart(2, "0")}:00: ${v}${small ? ` (fewer than ${chart.smallCountThreshold}: unstable)` : ""}`}</title>
                </rect>
              );
            })}
            {/* The counts on the cells: one group carries their common attributes (the page sends this once). */}
            <g textAnchor="middle" fontSize={9} aria-hidden="true">
              {chart.rows.map((r, h) => {
                const v = Number(r[d] ?? 0);
                return (
                  <text
                    key={h}
                    x={left + h * cw + cw / 2 - 0.5}
                    y={top + di * ch + ch / 2 + 3.5}
                    fill={bin(v) >= 4 ? "#fff" : "#222"}
                  >
                    {v}
                  </text>
                );
              })}
            </g>
          </g>
        ))}
        <text x={left} y={height - 8} fill="#333">
          Hour of day (reported time, Seattle). Darker = more eligible contacts; dashed outline = fewer than{" "}
          {chart.smallCountThreshold} (a small count: unstable).
        </text>
      </svg>
    </figure>
  );
}

"use client";

import { useBlockChart } from "@/components/chart-block/block-chart";
import { unstableIn } from "@/lib/charts/flags";
import { type HeatLayout, type HeatOrientation, layoutHeatMap } from "@/lib/charts/heat-map-layout";
import type { ChartData } from "@/lib/charts/types";
import { WEEKDAYS, WEEKDAY_NAMES } from "@/lib/coverage/hours";

/** Sequential blues, light to dark; text on the three darkest is white (contrast at least 4.5:1 both ways). */
const SCALE = ["#f4f7fb", "#d3e1f1", "#a9c6e4", "#6c9fcf", "#3a73b0", "#1d4f86", "#0b2f5c"];

/**
 * The heat map of the alt-heatmap chart, drawn as SVG: one cell per weekday and hour with its count;
 * counts below the small-count threshold are shown, outlined dashed and flagged unstable (lib/charts/publish.ts).
 * Hours run across on a wide box and down on a phone (lib/charts/heat-map-layout.ts; a container query in
 * globals.css shows one), so that every number is at least 12 px without scrolling sideways. The chart block's Table
 * view carries the same numbers for screen readers. Drawn from the block's own data (block-chart.tsx): in the server
 * HTML and without JavaScript, but not repeated in the RSC payload (issue 22).
 */
export function HeatMap() {
  const chart = useBlockChart();
  const values = chart.rows.map((r) => WEEKDAYS.map((d) => Number(r[d] ?? 0)));
  const small = chart.rows.map((r) => unstableIn(r));
  const max = Math.max(1, ...values.flat());
  const bin = (v: number) =>
    v === 0 ? 0 : 1 + Math.min(SCALE.length - 2, Math.floor(((SCALE.length - 1) * v) / (max + 1)));
  const caption = `Hour of day (reported time, Seattle). Darker = more eligible contacts; dashed outline = fewer than ${chart.smallCountThreshold} (a small count: unstable).`;
  const draw = (o: HeatOrientation) => (
    <HeatSvg
      layout={layoutHeatMap(values, WEEKDAYS, caption, o)}
      chart={chart}
      bin={bin}
      isSmall={(day, hour) => small[hour]!.has(WEEKDAYS[day]!)}
    />
  );
  return (
    <figure className="heat-map-figure">
      {draw("across")}
      {draw("down")}
    </figure>
  );
}

function HeatSvg({
  layout: l,
  chart,
  bin,
  isSmall,
}: {
  layout: HeatLayout;
  chart: ChartData;
  bin: (v: number) => number;
  isSmall: (day: number, hour: number) => boolean;
}) {
  // Hover titles on the wide layout only (a phone has no hover): half the markup of the phone's copy.
  const titled = l.orientation === "across";
  return (
    <svg
      className={`heat-map heat-map--${l.orientation}`}
      viewBox={`0 0 ${l.width} ${l.height}`}
      role="img"
      aria-label={`${chart.title}. ${chart.takeaway} The Table view lists every value.`}
      fontSize={l.fontSize}
      data-chart-type="heat-map"
    >
      <g fill="#333">
        {[...l.hourLabels, ...l.dayLabels].map((t) => (
          <text key={`${t.text}-${t.x}-${t.y}`} x={t.x} y={t.y} textAnchor={t.anchor}>
            {t.text}
          </text>
        ))}
      </g>
      <g>
        {l.cells.map((c) => {
          const small = isSmall(c.day, c.hour);
          return (
            <rect
              key={`${c.day}-${c.hour}`}
              x={c.x}
              y={c.y}
              width={l.cellW}
              height={l.cellH}
              fill={SCALE[bin(c.value)]}
              stroke={small ? "#5f6670" : undefined}
              strokeDasharray={small ? "2 2" : undefined}
            >
              {titled && (
                <title>{`${WEEKDAY_NAMES[WEEKDAYS[c.day]!]} ${String(c.hour).padStart(2, "0")}:00: ${c.value}${small ? ` (fewer than ${chart.smallCountThreshold}: unstable)` : ""}`}</title>
              )}
            </rect>
          );
        })}
      </g>
      <g textAnchor="middle" aria-hidden="true">
        {l.cells.map((c) => (
          <text key={`${c.day}-${c.hour}`} x={c.textX} y={c.textY} fill={bin(c.value) >= 4 ? "#fff" : "#222"}>
            {c.text}
          </text>
        ))}
      </g>
      <text fill="#333">
        {l.caption.lines.map((line, k) => (
          <tspan key={k} x={l.caption.x} y={l.caption.y + k * l.lineHeight}>
            {line}
            {k < l.caption.lines.length - 1 ? " " : ""}
          </tspan>
        ))}
      </text>
    </svg>
  );
}

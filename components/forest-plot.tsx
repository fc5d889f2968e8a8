import type { Row } from "@/lib/charts/types";
import { COLORS } from "@/lib/charts/palette";

/**
 * Odds ratios with 95% intervals on a log scale, server-rendered SVG. The reference line at 1 means "no
 * difference"; the Table view carries the same numbers for screen readers.
 */
export function ForestPlot({ rows }: { rows: Row[] }) {
  const pts = rows.filter(
    (r) => typeof r.oddsRatio === "number" && typeof r.ciLow === "number" && typeof r.ciHigh === "number",
  );
  const values = pts.flatMap((r) => [r.ciLow as number, r.ciHigh as number, 1]).filter((v) => v > 0);
  const lo = Math.log(Math.min(...values) * 0.9);
  const hi = Math.log(Math.max(...values) * 1.1);
  const [labelW, plotW, rowH, top] = [300, 340, 26, 24];
  const x = (v: number) => labelW + ((Math.log(v) - lo) / (hi - lo)) * plotW;
  const ticks = [0.25, 0.5, 1, 2, 4, 8, 16].filter((t) => Math.log(t) >= lo && Math.log(t) <= hi);
  const height = top + pts.length * rowH + 28;
  return (
    <svg
      className="forest-plot"
      viewBox={`0 0 ${labelW + plotW + 20} ${height}`}
      role="img"
      aria-label="Forest plot of odds ratios with 95% intervals; the table view lists the values"
    >
      <line x1={x(1)} x2={x(1)} y1={top - 8} y2={height - 24} stroke="#333" strokeDasharray="4 3" />
      <text x={x(1)} y={12} fontSize={11} textAnchor="middle" fill="#333">
        no difference (1)
      </text>
      {pts.map((r, i) => {
        const y = top + i * rowH + rowH / 2;
        return (
          <g key={String(r.label)}>
            <text x={labelW - 8} y={y + 4} fontSize={12} textAnchor="end" fill="#1a1a1a">
              {String(r.label).length > 46 ? `${String(r.label).slice(0, 45)}…` : String(r.label)}
            </text>
            <line
              x1={x(r.ciLow as number)}
              x2={x(r.ciHigh as number)}
              y1={y}
              y2={y}
              stroke={COLORS.blue}
              strokeWidth={2}
            />
            <rect x={x(r.oddsRatio as number) - 4} y={y - 4} width={8} height={8} fill={COLORS.blue} />
          </g>
        );
      })}
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={height - 8} fontSize={11} textAnchor="middle" fill="#333">
          {t}
        </text>
      ))}
    </svg>
  );
}

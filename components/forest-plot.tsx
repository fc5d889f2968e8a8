import { FOREST_VARIANTS, type ForestLayout, type ForestTerm, layoutForest } from "@/lib/charts/forest-layout";
import type { Row } from "@/lib/charts/types";
import { COLORS } from "@/lib/charts/palette";

const INK = "#333";
const MARK = COLORS.blue;

/**
 * Odds ratios with 95% intervals on a log scale, server-rendered SVG, in two layouts chosen by the width of the chart's
 * box (globals.css): labels beside the intervals on a wide screen, above them on a phone, each drawn no wider than
 * the narrowest box it is shown in, so that text stays at least 12 px. The reference line at 1 means "no difference"; the Table view carries the same numbers for screen
 * readers.
 */
export function ForestPlot({ rows }: { rows: Row[] }) {
  const terms: ForestTerm[] = rows.flatMap((r) =>
    typeof r.oddsRatio === "number" && typeof r.ciLow === "number" && typeof r.ciHigh === "number"
      ? [{ label: String(r.label), oddsRatio: r.oddsRatio, ciLow: r.ciLow, ciHigh: r.ciHigh }]
      : [],
  );
  if (terms.length === 0) return null;
  return (
    <div className="forest-plot-frame">
      <ForestSvg variant="wide" layout={layoutForest(terms, FOREST_VARIANTS.wide)} />
      <ForestSvg variant="narrow" layout={layoutForest(terms, FOREST_VARIANTS.narrow)} />
    </div>
  );
}

function ForestSvg({ layout: l, variant }: { layout: ForestLayout; variant: "wide" | "narrow" }) {
  return (
    <svg
      className={`forest-plot forest-plot--${variant}`}
      viewBox={`0 0 ${l.width} ${l.height}`}
      role="img"
      aria-label="Forest plot of odds ratios with 95% intervals; the table view lists the values"
      fontSize={l.fontSize}
      data-chart-type="forest"
    >
      {l.reference.segments.map((s) => (
        <line key={s.y1} x1={l.reference.x} x2={l.reference.x} y1={s.y1} y2={s.y2} stroke={INK} strokeDasharray="4 3" />
      ))}
      {l.rows.map((r) => (
        <g key={r.label}>
          <text textAnchor={l.anchor} fill="#1a1a1a" dominantBaseline="central">
            {r.lines.map((line, k) => (
              <tspan key={k} x={r.labelX} y={r.labelY + k * l.lineHeight}>
                {line}
                {k < r.lines.length - 1 ? " " : ""}
              </tspan>
            ))}
          </text>
          <line className="forest-plot__mark" x1={r.low} x2={r.high} y1={r.y} y2={r.y} stroke={MARK} strokeWidth={2} />
          <rect className="forest-plot__mark" x={r.estimate - 4} y={r.y - 4} width={8} height={8} fill={MARK} />
        </g>
      ))}
      <g fill={INK}>
        <line x1={l.plot.x} x2={l.plot.x + l.plot.width} y1={l.plot.bottom} y2={l.plot.bottom} stroke="#666" />
        {l.ticks.map((t) => (
          <g key={t.label}>
            <line x1={t.pos} x2={t.pos} y1={l.plot.bottom} y2={l.plot.bottom + 5} stroke="#666" />
            <text x={t.pos} y={l.tickY} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        <text x={l.title.x} y={l.title.y} textAnchor="middle">
          {l.title.text}
        </text>
      </g>
    </svg>
  );
}

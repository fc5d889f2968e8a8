import { SERVER_VARIANTS } from "@/lib/charts/svg-fit";
import { type ChartLayout, layoutChart } from "@/lib/charts/svg-layout";
import type { ChartData } from "@/lib/charts/types";

const GRID = "#e3e6ea";
const AXIS = "#666";
const INK = "#333";

/**
 * The server's two layouts of a chart (lib/charts/svg-fit.ts: a container query in globals.css shows one), and
 * "fit": the one layout made in the browser for the box's own width (use-fitted-layouts.ts), shown alone.
 */
export const VARIANTS = SERVER_VARIANTS;
export type ChartVariant = "wide" | "narrow" | "fit";
export type ChartLayouts = { name: ChartVariant; layout: ChartLayout }[];

/** The geometry of every server variant (none for maps and empty charts, which the block does not draw here). */
export function chartLayouts(chart: ChartData): ChartLayouts {
  if (chart.type === "map" || chart.rows.length === 0) return [];
  return VARIANTS.map(({ name, ...opts }) => ({ name, layout: layoutChart(chart, opts) }));
}

/**
 * The chart drawn as plain SVG (geometry from lib/charts/svg-layout.ts), so it is in the HTML and shows without
 * JavaScript. Hidden from assistive technology: the visually hidden text, the keyboard readout (chart-pointer.tsx)
 * and the Table view carry the numbers.
 *
 * Why it is drawn by a client component (chart-tabs.tsx renders it) and not a server component (issue 22, page
 * weight): a server component's output travels twice, as HTML and again as elements in the RSC payload, and the
 * two variants doubled that: /crisis was 683 KB, 350 KB of it the SVG (119 KB in the HTML, ~230 KB in the payload).
 * Drawn in the browser from the chart's data, which the payload carries anyway for the table, the geometry is sent
 * once, as HTML. It costs the layout in the first-load JavaScript (its scales are lib/charts/scales.ts, not d3, so
 * that it stays small: tests/e2e/budgets.spec.ts). An <img> of an SVG route would also take the SVG out of the HTML, but its text
 * would leave the DOM (tooltips, the layout e2e and the SVG download read it) and fall back to system fonts.
 */
export function StaticChart({ chart, layouts = chartLayouts(chart) }: { chart: ChartData; layouts?: ChartLayouts }) {
  if (layouts.length === 0) return null;
  return (
    <div className="static-chart-frame" data-testid="static-chart">
      {layouts.map(({ name, layout }) => (
        <ChartSvg key={name} variant={name} layout={layout} />
      ))}
    </div>
  );
}

function ChartSvg({ layout: l, variant }: { layout: ChartLayout; variant: ChartVariant }) {
  // Test hooks and note ids once per chart: on the layout that is not the server's hidden phone copy.
  const primary = variant !== "narrow";
  const { plot } = l;
  const [px2, py2] = [plot.x + plot.width, plot.y + plot.height];
  const tickY = py2 + l.fontSize + 8;
  return (
    <svg
      className={`static-chart static-chart--${variant}`}
      viewBox={`0 0 ${l.width} ${l.height}`}
      xmlns="http://www.w3.org/2000/svg"
      aria-hidden="true"
      focusable="false"
      fontSize={l.fontSize}
      data-chart-type={l.kind}
    >
      {/* One path for the grid and one for the tick marks, not an element per line: the SVG is in the HTML twice
          (two layouts), so every byte per tick counts (issue 22, page weight). */}
      <path
        className="static-chart__grid"
        stroke={GRID}
        fill="none"
        d={l.valueTicks
          .map((t) => (l.horizontal ? `M${t.pos},${plot.y}V${py2}` : `M${plot.x},${t.pos}H${px2}`))
          .join("")}
      />
      {l.markers.map(
        (m) =>
          m.range && (
            <rect
              key={`range-${m.n}`}
              x={m.range.x}
              y={plot.y}
              width={m.range.width}
              height={plot.height}
              fill="#5f6670"
              fillOpacity={0.08}
            />
          ),
      )}
      {l.bands.map((b) => (
        <path key={`band-${b.key}`} d={b.d} fill={b.color} fillOpacity={0.15} stroke="none" />
      ))}
      {l.areas.map((a) => (
        <path
          key={`area-${a.key}`}
          className="static-chart__area"
          d={a.d}
          fill={a.color}
          fillOpacity={0.75}
          stroke={a.color}
          strokeWidth={1}
        />
      ))}
      <g className="static-chart__bars">
        {l.bars.map((b) => (
          <rect
            key={`${b.key}-${b.row}`}
            x={b.x}
            y={b.y}
            width={b.width}
            height={b.height}
            fill={b.color}
            fillOpacity={b.weak ? 0.4 : undefined}
            data-weak={b.weak ? "true" : undefined}
          />
        ))}
      </g>
      {l.lines.map((ln) => (
        // Stroke on the group, inherited by the line, its dashed part and its dots.
        <g key={`line-${ln.key}`} className="static-chart__line" stroke={ln.color} strokeWidth={2}>
          <path d={ln.d} fill="none" strokeLinejoin="round" />
          {ln.weakD && <path d={ln.weakD} fill="none" strokeDasharray="4 3" strokeLinejoin="round" data-weak="true" />}
          {ln.dots.map((d) => (
            <circle
              key={d.x}
              cx={d.x}
              cy={d.y}
              r={3}
              fill={d.weak ? "#fff" : ln.color}
              data-weak={d.weak ? "true" : undefined}
            />
          ))}
        </g>
      ))}
      <Axes l={l} tickY={tickY} />
      {l.referenceLines.length > 0 && (
        // A threshold or other reference value (ChartData.referenceLines); the chart's definitions say what it means.
        <g className="static-chart__reference" data-testid={primary ? "reference-line" : undefined}>
          {l.referenceLines.map((r) => (
            <g key={`ref-${r.pos}-${r.label}`}>
              {l.horizontal ? (
                <line x1={r.pos} x2={r.pos} y1={plot.y} y2={py2} stroke={INK} strokeWidth={1.5} strokeDasharray="6 3" />
              ) : (
                <line x1={plot.x} x2={px2} y1={r.pos} y2={r.pos} stroke={INK} strokeWidth={1.5} strokeDasharray="6 3" />
              )}
              <text x={r.labelX} y={r.labelY} textAnchor={r.anchor} fontSize={l.fontSize} fill={INK}>
                {r.label}
              </text>
            </g>
          ))}
        </g>
      )}
      <LineLabels l={l} />
      <Markers l={l} />
      <g className="static-chart__legend" fill={INK}>
        {l.legend.map((it) => (
          <g key={it.label}>
            {it.symbol === "line" ? (
              <line
                x1={it.x}
                x2={it.x + 12}
                y1={it.y - l.fontSize / 3}
                y2={it.y - l.fontSize / 3}
                stroke={it.color}
                strokeWidth={3}
              />
            ) : (
              <rect
                x={it.x}
                y={it.y - l.fontSize + 2}
                width={12}
                height={10}
                fill={it.color}
                fillOpacity={it.symbol === "band" ? 0.25 : 1}
              />
            )}
            <text x={it.x + 17} y={it.y}>
              {it.label}
            </text>
          </g>
        ))}
      </g>
      <MarkerKey l={l} primary={primary} />
    </svg>
  );
}

/** Lines of wrapped text, one tspan each (a space between, so the text reads whole). */
function Lines({ lines, x, y, lh }: { lines: string[]; x: number; y: number; lh: number }) {
  return lines.map((line, k) => (
    <tspan key={k} x={x} y={y + k * lh}>
      {line}
      {k < lines.length - 1 ? " " : ""}
    </tspan>
  ));
}

/** Each line named beside its last point, joined to it by a short stroke in its colour. */
function LineLabels({ l }: { l: ChartLayout }) {
  return (
    <g className="static-chart__line-labels" fill={INK}>
      {l.lineLabels.map((lb) => (
        <g key={lb.key}>
          <line x1={lb.fromX + 5} y1={lb.fromY} x2={lb.x - 3} y2={lb.y} stroke={lb.color} strokeWidth={1.5} />
          <text dominantBaseline="central">
            <Lines lines={lb.lines} x={lb.x} y={lb.y} lh={l.lineHeight} />
          </text>
        </g>
      ))}
    </g>
  );
}

/** A pointer-only link: the chart is hidden from assistive technology and the Sources list carries the links. */
function MaybeLink({ href, children }: { href?: string; children: React.ReactNode }) {
  return href ? (
    <a href={href} tabIndex={-1}>
      {children}
    </a>
  ) : (
    children
  );
}

/** Markers: a dashed line (a shaded band for a dated range) with its number above the plot. */
function Markers({ l }: { l: ChartLayout }) {
  const py2 = l.plot.y + l.plot.height;
  return l.markers.map((m) => (
    <g key={`marker-${m.n}`} className="static-chart__marker">
      <line x1={m.x} x2={m.x} y1={m.lineTop} y2={py2} stroke={INK} strokeDasharray="4 3" />
      <MaybeLink href={m.href}>
        {/* The full label as the number's tooltip, beside the text (inside it, it would join the text's content). */}
        <g>
          <title>{m.label}</title>
          <text x={m.numberX} y={m.numberY} textAnchor="middle" fontWeight={700} fill={INK}>
            {m.n}
          </text>
        </g>
      </MaybeLink>
    </g>
  ));
}

/** The key to the markers' numbers, under the legend: each number with the full label and its period. */
function MarkerKey({ l, primary }: { l: ChartLayout; primary: boolean }) {
  if (l.markerKey.length === 0) return null;
  return (
    <g className="static-chart__key" fill={INK}>
      {l.markerKey.map((e) => {
        const m = l.markers[e.n - 1]!;
        return (
          <MaybeLink key={e.n} href={m.href}>
            <text x={e.x} y={e.y} fontWeight={700}>
              {e.n}
            </text>
            {/* data-marker ties the label to its published note (e2e tests find it); once per chart. */}
            <text data-marker={primary ? m.noteId : undefined}>
              <Lines lines={e.lines} x={e.textX} y={e.y} lh={l.lineHeight} />
            </text>
          </MaybeLink>
        );
      })}
    </g>
  );
}

function Axes({ l, tickY }: { l: ChartLayout; tickY: number }) {
  const { plot } = l;
  const [px2, py2] = [plot.x + plot.width, plot.y + plot.height];
  // Values along the bottom of category bars, up the left of time charts; categories take the other axis.
  const bottom = l.horizontal ? l.valueTicks : l.categoryTicks;
  const left = l.horizontal ? l.categoryTicks : l.valueTicks;
  return (
    <g className="static-chart__axes" fill={INK}>
      <line x1={plot.x} x2={px2} y1={py2} y2={py2} stroke={AXIS} />
      <line x1={plot.x} x2={plot.x} y1={plot.y} y2={py2} stroke={AXIS} />
      <path
        stroke={AXIS}
        fill="none"
        d={[...bottom.map((t) => `M${t.pos},${py2}v5`), ...left.map((t) => `M${plot.x - 5},${t.pos}h5`)].join("")}
      />
      <g textAnchor="middle">
        {bottom.map((t) => (
          <text key={`x-${t.pos}`} x={t.pos} y={tickY}>
            {t.lines ? <Lines lines={t.lines} x={t.pos} y={tickY} lh={l.lineHeight} /> : t.label}
          </text>
        ))}
      </g>
      <g textAnchor="end" dominantBaseline="central">
        {left.map((t) => (
          <text key={`y-${t.pos}`} x={plot.x - 8} y={t.pos}>
            {t.lines ? (
              <Lines
                lines={t.lines}
                x={plot.x - 8}
                y={t.pos - ((t.lines.length - 1) * l.lineHeight) / 2}
                lh={l.lineHeight}
              />
            ) : (
              t.label
            )}
          </text>
        ))}
      </g>
    </g>
  );
}

"use client";

import { Fragment } from "react";
import {
  Area,
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatAxis, formatCell } from "@/lib/charts/format";
import { drawingRows, isWeak } from "@/lib/charts/periods";
import type { ChartData, Row } from "@/lib/charts/types";

export interface ChartViewProps {
  chart: ChartData;
  /** Pixel height; by default 320, or 26 per row for category bars. */
  height?: number;
}

/**
 * The recharts rendering of a ChartData: bars, stacked bars, or lines with 95% interval bands and context markers.
 * Loaded on demand over the server-drawn chart (static-chart.tsx), for its tooltips.
 */
export function ChartView({ chart, height }: ChartViewProps) {
  const stacked = chart.type === "stacked-bar" || chart.type === "stacked-area";
  const manyLabels = chart.rows.length > 16;
  const time = chart.xKey !== "group";
  // Lines break at missing periods; weak values (partial periods, small counts) go to a dashed twin series.
  const rows = time
    ? drawingRows(chart.rows, chart.xKey, chart.type === "line" ? chart.series.map((s) => s.key) : [])
    : chart.rows;
  return (
    <ResponsiveContainer
      width="100%"
      height={height ?? (chart.xKey === "group" ? Math.max(300, chart.rows.length * 26) : 320)}
    >
      <ComposedChart
        data={rows}
        layout={chart.xKey === "group" ? "vertical" : "horizontal"}
        margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
        // The chart is hidden from assistive technology: the text alternative and the Table view carry the numbers.
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e3e6ea" vertical={chart.xKey === "group"} horizontal={chart.xKey !== "group"} />
        {chart.xKey === "group" ? (
          <>
            <YAxis type="category" dataKey="group" width={150} tick={{ fontSize: 12, fill: "#333" }} interval={0} />
            <XAxis
              type="number"
              tickFormatter={(v: number) => formatAxis(v, chart.yFormat)}
              tick={{ fontSize: 12, fill: "#333" }}
            />
          </>
        ) : (
          <>
            <XAxis
              dataKey={chart.xKey}
              tick={{ fontSize: 12, fill: "#333" }}
              interval={manyLabels ? "preserveStartEnd" : 0}
              minTickGap={12}
            />
            <YAxis
              tickFormatter={(v: number) => formatAxis(v, chart.yFormat)}
              tick={{ fontSize: 12, fill: "#333" }}
              width={56}
              domain={chart.yFormat === "percent" && stacked ? [0, 1] : [0, "auto"]}
            />
          </>
        )}
        <Tooltip formatter={(value) => formatCell(typeof value === "number" ? value : null, chart.yFormat)} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {chart.series.map((s) =>
          // Interval bands only on time axes; for category bars the Table view lists the intervals.
          s.interval && chart.xKey !== "group" ? (
            <Area
              key={`${s.key}-interval`}
              dataKey={(row: Record<string, number | null>) => [row[s.interval!.low], row[s.interval!.high]]}
              stroke="none"
              fill={s.color}
              fillOpacity={0.15}
              name={`${s.label}: 95% interval`}
              legendType="none"
              isAnimationActive={false}
              connectNulls={false}
            />
          ) : null,
        )}
        {chart.series.map((s) =>
          chart.type === "line" ? (
            <Fragment key={s.key}>
              <Line
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={chart.rows.length <= 24 ? { fill: s.color } : false}
                isAnimationActive={false}
                connectNulls={false}
              />
              <Line
                dataKey={`${s.key}~weak`}
                name={`${s.label} (partial period or small count)`}
                legendType="none"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray="4 3"
                dot={(p: { cx?: number; cy?: number; index?: number; payload?: Row }) =>
                  p.payload && isWeak(p.payload, s.key) ? (
                    <circle key={p.index} cx={p.cx} cy={p.cy} r={3} fill="#fff" stroke={s.color} strokeWidth={2} />
                  ) : (
                    <g key={p.index} />
                  )
                }
                isAnimationActive={false}
                connectNulls={false}
              />
            </Fragment>
          ) : (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={stacked ? "stack" : undefined}
              isAnimationActive={false}
            >
              {rows.map((r, i) => (
                <Cell key={i} fillOpacity={isWeak(r, s.key) ? 0.4 : 1} />
              ))}
            </Bar>
          ),
        )}
        {(chart.referenceLines ?? []).map((r) => (
          <ReferenceLine
            key={`ref-${r.value}-${r.label}`}
            {...(chart.xKey === "group" ? { x: r.value } : { y: r.value })}
            stroke="#333"
            strokeWidth={1.5}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
            label={{
              value: r.label,
              position: chart.xKey === "group" ? "top" : "insideTopRight",
              fontSize: 11,
              fill: "#333",
            }}
          />
        ))}
        {chart.markers.map((m) =>
          m.xEnd ? (
            <ReferenceArea
              key={`${m.x}-${m.xEnd}-${m.label}-area`}
              x1={m.x}
              x2={m.xEnd}
              fill="#5f6670"
              fillOpacity={0.08}
              ifOverflow="hidden"
            />
          ) : null,
        )}
        {chart.markers.map((m, i) => (
          <ReferenceLine
            key={`${m.x}-${m.label}`}
            x={m.x}
            stroke="#333"
            strokeDasharray="4 3"
            // Staggered so that nearby markers (2020 has three) stay legible.
            label={({ viewBox }: { viewBox?: { x?: number; y?: number } }) => {
              const text = (
                <text
                  x={(viewBox?.x ?? 0) + 4}
                  y={(viewBox?.y ?? 0) + 12 + (i % 3) * 13}
                  fontSize={11}
                  fill="#333"
                  data-marker={m.noteId}
                >
                  {m.short}
                </text>
              );
              // The chart is hidden from assistive technology (the notes list carries the links): a pointer-only link.
              return m.href ? (
                <a href={m.href} tabIndex={-1}>
                  {text}
                </a>
              ) : (
                text
              );
            }}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

"use client";

import { useRef, useState } from "react";
import { formatCell } from "@/lib/charts/format";
import { isWeak } from "@/lib/charts/periods";
import type { ChartData } from "@/lib/charts/types";
import type { ChartLayouts } from "./static-chart";

/**
 * Values on hover and keyboard focus over the server-drawn chart (static-chart.tsx), without a chart library: the
 * pointer picks the nearest period (or category) from the layout's centres; the frame is one focusable element where
 * arrow keys move between periods, Home/End jump to the ends and Escape hides the readout. The readout is a live
 * region, so a screen reader hears what a sighted reader sees. Values are formatted as the Table view formats them.
 */
export function ChartPointer({
  chart,
  layouts,
  children,
}: {
  chart: ChartData;
  layouts: ChartLayouts;
  children: React.ReactNode;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<{ index: number; left: number; top: number; align: number } | null>(null);
  const last = useRef(0);
  const n = chart.rows.length;
  if (layouts.length === 0 || n === 0) return <>{children}</>;
  const horizontal = layouts[0]!.layout.horizontal;

  /** The variant on screen (the other one is hidden by a container query), its box and its geometry. */
  function shown() {
    for (const { name, layout } of layouts) {
      const svg = frame.current?.querySelector<SVGSVGElement>(`svg.static-chart--${name}`);
      const box = svg?.getBoundingClientRect();
      if (box && box.width > 0) return { layout, box, scale: box.width / layout.width };
    }
    return null;
  }
  function show(index: number) {
    const s = shown();
    const host = frame.current?.getBoundingClientRect();
    if (!s || !host) return;
    const i = Math.max(0, Math.min(n - 1, index));
    last.current = i;
    const { layout, box, scale } = s;
    const centre = layout.centres[i]!;
    const x = horizontal ? layout.plot.x + layout.plot.width / 2 : centre;
    const y = horizontal ? centre : layout.plot.y;
    // Near the right edge the readout opens to the left of the period, near the left edge to its right.
    const f = (x - layout.plot.x) / layout.plot.width;
    setAt({
      index: i,
      left: box.left - host.left + x * scale,
      top: box.top - host.top + y * scale,
      align: f > 0.7 ? -100 : f < 0.3 ? 0 : -50,
    });
  }
  function onPointerMove(e: React.PointerEvent) {
    const s = shown();
    if (!s) return;
    const { layout, box, scale } = s;
    const pos = horizontal ? (e.clientY - box.top) / scale : (e.clientX - box.left) / scale;
    let best = 0;
    layout.centres.forEach((c, i) => {
      if (Math.abs(c - pos) < Math.abs(layout.centres[best]! - pos)) best = i;
    });
    if (at?.index !== best) show(best);
  }
  function onKeyDown(e: React.KeyboardEvent) {
    const i = at?.index ?? last.current;
    const next: Record<string, number> = {
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      Home: 0,
      End: n - 1,
    };
    if (e.key === "Escape") {
      if (at) e.preventDefault();
      setAt(null);
    } else if (e.key in next) {
      e.preventDefault();
      show(at ? next[e.key]! : i);
    }
  }

  const row = at ? chart.rows[at.index]! : null;
  const formatOf = (key: string) => chart.columns.find((c) => c.key === key)?.format ?? chart.yFormat;
  const what = horizontal ? "categories" : "periods";
  return (
    <div
      ref={frame}
      className="chart-pointer"
      tabIndex={0}
      role="group"
      aria-label={`${chart.title}: values by ${chart.xLabel.toLowerCase()}. Arrow keys move between ${what}, Escape hides.`}
      data-testid="chart-pointer"
      onPointerMove={onPointerMove}
      onPointerLeave={() => setAt(null)}
      onFocus={() => show(last.current)}
      onBlur={() => setAt(null)}
      onKeyDown={onKeyDown}
    >
      {children}
      {at && !horizontal && <div className="chart-tip__guide" style={{ left: at.left }} aria-hidden="true" />}
      <div
        className="chart-tip"
        role="status"
        data-testid="chart-tip"
        data-open={at ? "true" : undefined}
        style={at ? { left: at.left, top: at.top, transform: `translate(${at.align}%, 0)` } : undefined}
      >
        {row && (
          <>
            <strong className="chart-tip__period">{String(row[chart.xKey] ?? "")}</strong>
            {chart.series.map((s) => (
              <span key={s.key} className="chart-tip__value" data-series={s.key}>
                {`${s.label}: `}
                {formatCell(row[s.key] ?? null, formatOf(s.key))}
                {s.interval && row[s.interval.low] != null && row[s.interval.high] != null
                  ? ` (95% interval ${formatCell(row[s.interval.low]!, formatOf(s.interval.low))} to ${formatCell(row[s.interval.high]!, formatOf(s.interval.high))})`
                  : ""}
                {isWeak(row, s.key) ? " · partial period or small count" : ""}
              </span>
            ))}
          </>
        )}
      </div>
    </div>
  );
}

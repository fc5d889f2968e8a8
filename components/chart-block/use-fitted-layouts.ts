"use client";

import { type RefObject, useEffect, useMemo, useState } from "react";
import { fittedOptions } from "@/lib/charts/svg-fit";
import { layoutChart } from "@/lib/charts/svg-layout";
import type { ChartData } from "@/lib/charts/types";
import { chartLayouts, type ChartLayouts } from "./static-chart";

/**
 * The layouts a chart block draws: the server's two (the first render, so hydration matches the HTML), then, once
 * the box's width is known, the one laid out for that width (lib/charts/svg-fit.ts), so that its text is drawn at its
 * own size on a tablet or a small phone too. Follows the box as it resizes (rotation, window size). A box of width 0
 * (the chart panel laid out off-screen while another tab is open) keeps the last layout.
 */
export function useFittedLayouts(chart: ChartData, box: RefObject<HTMLElement | null>, enabled: boolean): ChartLayouts {
  const server = useMemo(() => (enabled ? chartLayouts(chart) : []), [chart, enabled]);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!enabled || !el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [box, enabled]);
  return useMemo(() => {
    const opts = width === null || server.length === 0 ? null : fittedOptions(width);
    return opts ? [{ name: "fit", layout: layoutChart(chart, opts) }] : server;
  }, [chart, server, width]);
}

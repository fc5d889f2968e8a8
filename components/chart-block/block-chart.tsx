"use client";

import { createContext, useContext } from "react";
import type { ChartData } from "@/lib/charts/types";

/**
 * The chart a block's ChartTabs received, for a page's own figure drawn in the client (e.g. the heat map): the
 * figure reads the data the block already carries for its table instead of taking it again as props, so the RSC
 * payload holds the figure as a bare reference and its geometry is in the page once, as HTML (issue 22).
 */
export const BlockChart = createContext<ChartData | null>(null);

export function useBlockChart(): ChartData {
  const chart = useContext(BlockChart);
  if (!chart) throw new Error("useBlockChart: a figure drawn from the block's data must be inside a ChartBlock.");
  return chart;
}

import { dataStatusOf } from "./flags";
import type { ChartData, DataStatus, SourceRef } from "./types";

/**
 * What every published figure carries wherever it travels (exported images, CSV rows, the JSON API, manifests,
 * badges on pages): where it comes from, which data version, and whether it is a generated sample. The source line
 * is built here only, so a release id (issue 18) can be added to it in one place. Embeds (issue 18) must take their
 * label from here too: chartStamp for the title/source/URL/stamp block, and the chart's dataStatus (publishChart in
 * ./publish.ts, or dataStatusOf for row data) for the badge and `data_status`; no embed code should word its own.
 */
export const SYNTHETIC_STAMP = "SYNTHETIC SAMPLE — not Seattle's records";
export const PORTAL_NAME = "Seattle police crisis response and use of force portal";

type SourceLike = Pick<SourceRef, "sourceName" | "label" | "synthetic">;

/** "Source: Seattle Police Department, Use of Force (version seattle-uof@...)"; synthetic sources say so. */
export function sourceLine(sources: readonly SourceLike[]): string {
  if (sources.length === 0) return "Source: no data loaded";
  const parts = sources.map((s) =>
    s.synthetic ? `generated synthetic sample (version ${s.label})` : `${s.sourceName} (version ${s.label})`,
  );
  return `Source: ${parts.join("; ")}`;
}

export function stampOf(status: DataStatus): string | null {
  return status === "real" ? null : status === "synthetic" ? SYNTHETIC_STAMP : `PARTLY SYNTHETIC — ${SYNTHETIC_STAMP}`;
}

export interface ChartStamp {
  title: string;
  subtitle: string;
  source: string;
  url: string;
  /** The visible synthetic stamp, or null for real data. */
  synthetic: string | null;
}

export function chartStamp(
  chart: Pick<ChartData, "title" | "takeaway" | "sources" | "permalink">,
  origin: string,
): ChartStamp {
  return {
    title: chart.title,
    subtitle: chart.takeaway,
    source: `${sourceLine(chart.sources)} · ${PORTAL_NAME}`,
    url: `${origin}${chart.permalink}`,
    synthetic: stampOf(dataStatusOf(chart.sources)),
  };
}

import type { CommunityResults } from "@/lib/community/compute";
import { benchmarkComparisonChart, placeChart, terryRatioChart } from "./community-benchmark-charts";
import { genderChart, populationRatioChart, rateTrendChart, type CommunityContext } from "./community-charts";
import type { ChartIdOf } from "@/lib/chart-registry";
import type { ChartData } from "./types";

type CommunityBuilder = (res: CommunityResults, ctx: CommunityContext) => ChartData | null;

/** The community page's charts, in page order: one builder per chart id (null when the benchmark is absent). */
export const COMMUNITY_CHARTS = {
  "community-population-ratios": populationRatioChart,
  "community-rate-trend": rateTrendChart,
  "community-terry-ratios": terryRatioChart,
  "community-benchmark-comparison": benchmarkComparisonChart,
  "community-gender-rates": genderChart,
  "community-by-precinct": (res, ctx) => placeChart(res, ctx, "precinct"),
  "community-by-beat": (res, ctx) => placeChart(res, ctx, "beat"),
} satisfies Record<ChartIdOf<"community">, CommunityBuilder>;

export function communityCharts(res: CommunityResults, ctx: CommunityContext): ChartData[] {
  return Object.values(COMMUNITY_CHARTS)
    .map((build: CommunityBuilder) => build(res, ctx))
    .filter((c): c is ChartData => c !== null);
}

import { describe, expect, it } from "vitest";
import { ALTERNATIVE_CHARTS } from "@/lib/charts/alternative-charts";
import { CIT_CHARTS } from "@/lib/charts/cit-charts";
import { COMMUNITY_CHARTS } from "@/lib/charts/community-page";
import { COVERAGE_CHARTS } from "@/lib/charts/coverage-charts";
import { CRISIS_CHARTS } from "@/lib/charts/crisis-charts";
import { KPI_CHARTS } from "@/lib/charts/kpi-charts";
import { UOF_CHARTS } from "@/lib/charts/uof-charts";
import { CHART_BLOCKS, CHARTS, chartEntry } from "@/lib/chart-registry";
import { CHART_TARGETS } from "@/lib/annotations/targets";

describe("the chart registry", () => {
  it("lists every public chart once, with a page and datasets", () => {
    const ids = CHARTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
    for (const c of CHARTS) {
      expect(c.path, c.id).toMatch(/^\/[a-z-]+$/);
      expect(c.datasets.length, c.id).toBeGreaterThan(0);
    }
  });

  it("blocks with one builder per chart list their builders in the registry's order", () => {
    expect(Object.keys(CRISIS_CHARTS)).toEqual(Object.keys(CHART_BLOCKS.crisis.charts));
    expect(Object.keys(COVERAGE_CHARTS)).toEqual(Object.keys(CHART_BLOCKS.coverage.charts));
    expect(Object.keys(COMMUNITY_CHARTS)).toEqual(Object.keys(CHART_BLOCKS.community.charts));
    expect(Object.keys(UOF_CHARTS)).toEqual(Object.keys(CHART_BLOCKS["use-of-force"].charts));
    expect(Object.keys(KPI_CHARTS)).toEqual(Object.keys(CHART_BLOCKS.metrics.charts));
    expect(Object.keys(ALTERNATIVE_CHARTS)).toEqual(Object.keys(CHART_BLOCKS.alternative.charts));
    expect(Object.keys(CIT_CHARTS)).toEqual(Object.keys(CHART_BLOCKS.cit.charts));
  });

  it("looks charts up by id, not by prefix", () => {
    expect(chartEntry("alt-heatmap")?.block).toBe("coverage");
    expect(chartEntry("alt-eras")?.block).toBe("alternative");
    expect(chartEntry("uof-beat-map")).toMatchObject({ block: "beat-map", path: "/use-of-force" });
    expect(chartEntry("kpi-level2-share")?.datasets).toEqual(["seattle-uof"]);
    expect(chartEntry("crisis-nope")).toBeUndefined();
  });

  it("annotation scopes are the registry's charts", () => {
    expect(Object.keys(CHART_TARGETS).sort()).toEqual(CHARTS.map((c) => c.id).sort());
    expect(CHART_TARGETS["alt-sim-cost"]).toEqual({ page: "/alternative-response", datasets: ["seattle-crisis"] });
  });
});

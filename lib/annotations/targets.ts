import { CHARTS } from "@/lib/chart-registry";
import type { ScopeKind } from "./model";

/**
 * What an annotation can be attached to. Pages and charts are listed here (not read from the data) so a scope can be
 * checked without a database; tests/unit/annotations/targets.test.ts checks the pages against app/(public), and
 * tests/e2e/annotations.spec.ts checks that every chart block on the public pages is listed.
 */
export const PUBLIC_PAGES = [
  { path: "/", label: "Key findings (home)" },
  { path: "/crisis", label: "Crisis contacts" },
  { path: "/use-of-force", label: "Use of force" },
  { path: "/community", label: "Community impact" },
  { path: "/cit", label: "CIT comparison" },
  { path: "/metrics", label: "Metrics" },
  { path: "/alternative-response", label: "Alternative response" },
  { path: "/explainers", label: "How to read" },
  { path: "/explainers/association-causation", label: "Explainer: association and causation" },
  { path: "/explainers/counting", label: "Explainer: counting" },
  { path: "/explainers/data-limits", label: "Explainer: data limits" },
  { path: "/explainers/odds-ratios", label: "Explainer: odds ratios" },
  { path: "/methodology", label: "Methodology" },
  { path: "/data-dictionary", label: "Data dictionary" },
  { path: "/data", label: "Data & versions" },
  { path: "/extracts", label: "Download data" },
  { path: "/notes", label: "Corrections and notes" },
  { path: "/releases", label: "Releases" },
] as const;

/** The datasets (ingest source keys, DatasetVersion.dataset) a note can be about. */
export const DATASETS = { "seattle-crisis": "Crisis Data (Seattle)", "seattle-uof": "Use of Force (Seattle)" } as const;
export type DatasetKey = keyof typeof DATASETS;

/** Precincts as the data names them; the data's own precinct list is added to these when a form is checked. */
export const KNOWN_PRECINCTS = ["East", "North", "South", "Southwest", "West"] as const;

export interface ChartTarget {
  page: string;
  datasets: DatasetKey[];
}

/** Every chart id served by /api/v1/charts/{id}, with its page and datasets (from lib/chart-registry.ts). */
export const CHART_TARGETS: Readonly<Record<string, ChartTarget>> = Object.fromEntries(
  CHARTS.map((c) => [c.id, { page: c.path, datasets: [...c.datasets] }]),
);

/** Everything a scope target is checked against: the static lists above plus the precincts present in the data. */
export interface ScopeTargets {
  pages: readonly string[];
  charts: readonly string[];
  datasets: readonly string[];
  precincts: readonly string[];
}

export function scopeTargets(dataPrecincts: readonly string[] = []): ScopeTargets {
  const precincts = [
    ...new Set([
      ...KNOWN_PRECINCTS,
      ...dataPrecincts.filter((p) => p && p !== "Unknown" && p !== "Out of jurisdiction"),
    ]),
  ].sort();
  return {
    pages: PUBLIC_PAGES.map((p) => p.path),
    charts: Object.keys(CHART_TARGETS).sort(),
    datasets: Object.keys(DATASETS),
    precincts,
  };
}

/** The words shown for a scope, e.g. "Chart crisis-contacts (Crisis contacts page)". */
export function describeScope(kind: ScopeKind, target: string): string {
  switch (kind) {
    case "site":
      return "The whole site";
    case "page":
      return `Page ${PUBLIC_PAGES.find((p) => p.path === target)?.label ?? target}`;
    case "chart": {
      const page = CHART_TARGETS[target]?.page;
      return `Chart ${target}${page ? ` (${PUBLIC_PAGES.find((p) => p.path === page)?.label ?? page} page)` : ""}`;
    }
    case "dataset":
      return `Dataset ${DATASETS[target as DatasetKey] ?? target}`;
    case "precinct":
      return `${target} precinct`;
  }
}

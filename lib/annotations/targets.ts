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

const CRISIS: DatasetKey[] = ["seattle-crisis"];
const UOF: DatasetKey[] = ["seattle-uof"];
const on = (page: string, datasets: DatasetKey[], ids: string[]) => ids.map((id) => [id, { page, datasets }] as const);

/** Every chart id served by /api/v1/charts/{id} (lib/dal/charts.ts getChart), with its page and datasets. */
export const CHART_TARGETS: Readonly<Record<string, ChartTarget>> = Object.fromEntries([
  ...on("/crisis", CRISIS, [
    "crisis-contacts",
    "crisis-force-share",
    "crisis-dispositions",
    "crisis-cit-coverage",
    "crisis-cit-response",
    "crisis-by-precinct",
    "crisis-by-call-type",
  ]),
  ...on("/use-of-force", UOF, [
    "uof-incidents-by-level",
    "uof-officers",
    "uof-by-precinct",
    "uof-by-sector",
    "uof-subject-race",
    "uof-subject-gender",
    "uof-concentration",
    "uof-beat-map",
  ]),
  ...on("/metrics", CRISIS, ["kpi-force-rate", "kpi-referral-rate", "kpi-cit-coverage"]),
  ...on("/metrics", UOF, ["kpi-level2-share"]),
  ...on("/alternative-response", CRISIS, [
    "alt-call-types",
    "alt-eras",
    "alt-risk-groups",
    "alt-heatmap",
    "alt-sim-outcomes",
    "alt-sim-rules",
    "alt-sim-cost",
    "alt-sim-windows",
  ]),
  ...on("/cit", CRISIS, [
    "cit-call-risk",
    "cit-force-model",
    "cit-raw-rates",
    "cit-dispositions",
    "cit-dispatch-balance",
    "cit-by-era",
  ]),
  ...on("/community", UOF, [
    "community-population-ratios",
    "community-rate-trend",
    "community-gender-rates",
    "community-terry-ratios",
    "community-benchmark-comparison",
    "community-by-precinct",
    "community-by-beat",
  ]),
]);

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

/**
 * Every public chart, by id: the page block it belongs to, the public page that shows it and the datasets it is
 * computed from. One list, read by the chart CSV route (lib/dal/charts.ts getChart), the aggregates catalogue and
 * OpenAPI (lib/extracts/aggregates.ts) and annotation scopes (lib/annotations/targets.ts). Plain data, no builders,
 * so staff forms can import it; each block's builders are keyed by these ids (e.g. CRISIS_CHARTS in
 * crisis-charts.ts, checked against this list by the compiler).
 */
export type ChartDataset = "seattle-crisis" | "seattle-uof";

const CRISIS: ChartDataset[] = ["seattle-crisis"];
const UOF: ChartDataset[] = ["seattle-uof"];

/**
 * The blocks, in page order. A block is the set of charts one DAL page function builds from the same inputs; its
 * charts are listed in the order the page shows them, each with the datasets it is computed from.
 */
export const CHART_BLOCKS = {
  crisis: {
    path: "/crisis",
    charts: {
      "crisis-contacts": CRISIS,
      "crisis-force-share": CRISIS,
      "crisis-dispositions": CRISIS,
      "crisis-cit-coverage": CRISIS,
      "crisis-cit-response": CRISIS,
      "crisis-by-precinct": CRISIS,
      "crisis-by-call-type": CRISIS,
    },
  },
  "use-of-force": {
    path: "/use-of-force",
    charts: {
      "uof-incidents-by-level": UOF,
      "uof-officers": UOF,
      "uof-by-precinct": UOF,
      "uof-by-sector": UOF,
      "uof-subject-race": UOF,
      "uof-subject-gender": UOF,
      "uof-concentration": UOF,
    },
  },
  "beat-map": { path: "/use-of-force", charts: { "uof-beat-map": UOF } },
  metrics: {
    path: "/metrics",
    charts: {
      "kpi-force-rate": CRISIS,
      "kpi-referral-rate": CRISIS,
      "kpi-cit-coverage": CRISIS,
      "kpi-level2-share": UOF,
    },
  },
  alternative: {
    path: "/alternative-response",
    charts: { "alt-call-types": CRISIS, "alt-risk-groups": CRISIS, "alt-eras": CRISIS },
  },
  /** The coverage model's charts on the alternative-response page: they also take the simulator's parameters. */
  coverage: {
    path: "/alternative-response",
    charts: {
      "alt-heatmap": CRISIS,
      "alt-sim-outcomes": CRISIS,
      "alt-sim-rules": CRISIS,
      "alt-sim-cost": CRISIS,
      "alt-sim-windows": CRISIS,
    },
  },
  cit: {
    path: "/cit",
    charts: {
      "cit-call-risk": CRISIS,
      "cit-force-model": CRISIS,
      "cit-raw-rates": CRISIS,
      "cit-dispositions": CRISIS,
      "cit-dispatch-balance": CRISIS,
      "cit-by-era": CRISIS,
    },
  },
  community: {
    path: "/community",
    charts: {
      "community-population-ratios": UOF,
      "community-rate-trend": UOF,
      "community-terry-ratios": UOF,
      "community-benchmark-comparison": UOF,
      "community-gender-rates": UOF,
      "community-by-precinct": UOF,
      "community-by-beat": UOF,
    },
  },
} as const;

export type ChartBlock = keyof typeof CHART_BLOCKS;
export type ChartIdOf<B extends ChartBlock> = keyof (typeof CHART_BLOCKS)[B]["charts"] & string;
export type ChartId = { [B in ChartBlock]: ChartIdOf<B> }[ChartBlock];

export interface ChartEntry {
  id: ChartId;
  block: ChartBlock;
  /** The public page that shows the chart. */
  path: string;
  datasets: readonly ChartDataset[];
}

export const CHARTS: readonly ChartEntry[] = (Object.keys(CHART_BLOCKS) as ChartBlock[]).flatMap((block) =>
  Object.entries(CHART_BLOCKS[block].charts).map(([id, datasets]) => ({
    id: id as ChartId,
    block,
    path: CHART_BLOCKS[block].path,
    datasets,
  })),
);

const BY_ID = new Map<string, ChartEntry>(CHARTS.map((c) => [c.id, c]));

/** The registry entry of a chart id, or undefined for an id no page serves. */
export const chartEntry = (id: string): ChartEntry | undefined => BY_ID.get(id);

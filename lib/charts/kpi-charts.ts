import { crisisSpan, type CrisisCube } from "@/lib/trends/crisis-cube";
import { inPeriod, periodOf } from "@/lib/trends/filters";
import type { UofAggregates } from "@/lib/trends/uof-aggregates";
import { filterCrisisCells, totalsBy, type Totals } from "@/lib/trends/crisis-totals";
import type { ChartIdOf } from "@/lib/chart-registry";
import { chartBase, type ChartContext } from "./context";
import { COLORS, completeRange, partialPeriods, pct, rateCells } from "./helpers";
import type { ChartData, Row } from "./types";

/**
 * The department metrics, quarter by quarter: each is a rate with a 95% Wilson interval, its definition, and the
 * change between the first and the last complete quarter shown.
 */
interface KpiSpec {
  id: ChartIdOf<"metrics">;
  title: string;
  label: string;
  color: string;
  definition: string;
  explainerHref: string;
  better: "lower" | "higher" | "neither";
  counts: Map<string, { k: number; n: number }>;
  /** Last month (YYYY-MM) or, where known, last date (YYYY-MM-DD) of the data (lib/charts/helpers.ts lastCompleteIndex). */
  lastMonth: string;
  /** Earliest date of the data (ISO), when known: a quarter the data start inside is partial. */
  firstDate: string | null;
  /** The dataset the metric is computed from: its source (and synthetic status) is the chart's, not the page's. */
  dataset: "seattle-crisis" | "seattle-uof";
}

function kpiChart(spec: KpiSpec, ctx: ChartContext): ChartData {
  const periods = [...spec.counts.keys()].sort();
  const rows: Row[] = periods.map((p) => {
    const { k, n } = spec.counts.get(p)!;
    return { period: p, numerator: k, denominator: n, ...rateCells("rate", k, n, ctx.threshold) };
  });
  // Neither end of the comparison may be a quarter the data cover only in part (a quarter with 10 incidents from
  // 27 January is no baseline).
  const partial = partialPeriods(periods, spec.firstDate, spec.lastMonth || undefined, "quarter");
  const { first, last } = completeRange(periods, partial);
  const a = first >= 0 ? rows[first] : undefined;
  const b = last >= 0 ? rows[last] : undefined;
  const takeaway =
    a && b && a.rate !== null && b.rate !== null
      ? `${spec.label}: ${pct(b.rate as number)} in ${b.period} (95% interval ${pct(b.rateLow as number)}-${pct(b.rateHigh as number)}), against ${pct(a.rate as number)} in ${a.period}.`
      : "Too little data for these filters.";
  return {
    ...chartBase(ctx, spec.id),
    title: spec.title,
    takeaway,
    type: "line",
    xKey: "period",
    xLabel: "quarter",
    yLabel: spec.label,
    yFormat: "percent",
    series: [{ key: "rate", label: spec.label, color: spec.color, interval: { low: "rateLow", high: "rateHigh" } }],
    rows,
    columns: [
      { key: "period", label: "Quarter", format: "text" },
      // Both counts name their unit (crisis contacts or use-of-force incidents), like every other chart CSV.
      { key: "numerator", label: spec.label, format: "int" },
      {
        key: "denominator",
        label: spec.dataset === "seattle-crisis" ? "All crisis contacts" : "All incidents",
        format: "int",
      },
      { key: "rate", label: "Rate", format: "percent" },
      { key: "rateLow", label: "95% low", format: "percent" },
      { key: "rateHigh", label: "95% high", format: "percent" },
    ],
    definitions: [
      spec.definition,
      spec.better === "neither"
        ? "Neither direction is good or bad in itself."
        : `A ${spec.better} value is the aim, but read it with the context below.`,
    ],
    notes: [],
    partialPeriods: partial,
    sources: ctx.sources.filter((s) => s.label.startsWith(`${spec.dataset}@`)),
    markers: [], // from published annotations (lib/charts/notes.ts)
    unstableCells: 0,
    explainerHref: spec.explainerHref,
  };
}

type Counts = KpiSpec["counts"];

/** What a crisis metric needs: the crisis contacts per quarter under the page's filters, and the data's span. */
interface CrisisQuarters {
  byQ: Map<string, Totals>;
  lastMonth: string;
  firstDate: string | null;
}

/** What the metrics share: per quarter, from each dataset that is published (null when it is not). */
interface KpiView {
  ctx: ChartContext;
  crisis: CrisisQuarters | null;
  uof: { counts: Counts; lastMonth: string; firstDate: string | null } | null;
}

function crisisQuarters(cube: CrisisCube, f: ChartContext["filters"]): CrisisQuarters {
  const cells = filterCrisisCells(cube, f);
  const byQ = totalsBy(cells, (c) => periodOf(c.month, "quarter"));
  const span = crisisSpan(cube, cells);
  return { byQ, lastMonth: span.last ?? "", firstDate: f.from ? null : span.first };
}

function uofQuarters(uof: UofAggregates, f: ChartContext["filters"]): NonNullable<KpiView["uof"]> {
  const inc = uof.incidents.filter((c) => inPeriod(c.month, f) && (!f.precinct || c.precinct === f.precinct));
  const counts: Counts = new Map();
  for (const c of inc) {
    const q = periodOf(c.month, "quarter");
    const e = counts.get(q) ?? { k: 0, n: 0 };
    e.n += c.incidents;
    if (c.level >= 2) e.k += c.incidents;
    counts.set(q, e);
  }
  const lastMonth = inc.reduce((m, c) => (c.month > m ? c.month : m), "");
  return { counts: new Map([...counts].sort()), lastMonth, firstDate: f.from ? null : uof.firstDate };
}

/** A crisis metric's counts: `num` of the quarter's contacts over all of them. */
const crisisCounts = ({ byQ }: CrisisQuarters, num: (t: Totals) => number): Counts =>
  new Map([...byQ].map(([q, t]) => [q, { k: num(t), n: t.templates }]));

function forceRateChart({ ctx, crisis }: KpiView): ChartData | null {
  if (!crisis) return null;
  return kpiChart(
    {
      id: "kpi-force-rate",
      title: "Force per crisis contact",
      label: "Crisis contacts with force",
      color: COLORS.darkRed,
      better: "lower",
      explainerHref: "/explainers/counting",
      lastMonth: crisis.lastMonth,
      firstDate: crisis.firstDate,
      dataset: "seattle-crisis",
      definition: "Crisis contacts (Template IDs) in which any officer reported force, divided by all crisis contacts.",
      counts: crisisCounts(crisis, (t) => t.withForce),
    },
    ctx,
  );
}

function referralRateChart({ ctx, crisis }: KpiView): ChartData | null {
  if (!crisis) return null;
  return kpiChart(
    {
      id: "kpi-referral-rate",
      title: "Referral to services",
      label: "Crisis contacts referred to services",
      color: COLORS.green,
      better: "higher",
      explainerHref: "/methodology#dispositions",
      lastMonth: crisis.lastMonth,
      firstDate: crisis.firstDate,
      dataset: "seattle-crisis",
      definition:
        "Crisis contacts whose most serious disposition is a referral to services (mobile crisis team, case manager, treatment, DMHP, ...), divided by all crisis contacts.",
      counts: crisisCounts(crisis, (t) => t.referral),
    },
    ctx,
  );
}

function citCoverageChart({ ctx, crisis }: KpiView): ChartData | null {
  if (!crisis) return null;
  return kpiChart(
    {
      id: "kpi-cit-coverage",
      title: "CIT coverage",
      label: "Crisis contacts with a CIT-certified officer",
      color: COLORS.indigo,
      better: "higher",
      explainerHref: "/explainers/data-limits#cit",
      lastMonth: crisis.lastMonth,
      firstDate: crisis.firstDate,
      dataset: "seattle-crisis",
      definition:
        "Crisis contacts with at least one CIT-certified officer (40-hour course), divided by all crisis contacts.",
      counts: crisisCounts(crisis, (t) => t.citCertified),
    },
    ctx,
  );
}

function level2ShareChart({ ctx, uof }: KpiView): ChartData | null {
  if (!uof) return null;
  return kpiChart(
    {
      id: "kpi-level2-share",
      title: "Share of force at Level 2 or above",
      label: "Incidents at Level 2 or above",
      color: COLORS.vermillion,
      better: "neither",
      explainerHref: "/explainers/counting",
      lastMonth: uof.lastMonth,
      firstDate: uof.firstDate,
      dataset: "seattle-uof",
      definition:
        "Use-of-force incidents whose most serious level is 2, 3 or OIS, divided by all use-of-force incidents (all incidents, not only crisis contacts: the two datasets cannot be linked).",
      counts: uof.counts,
    },
    ctx,
  );
}

/** The metrics page's charts, in page order: one builder per chart id (null when its dataset is not published). */
export const KPI_CHARTS = {
  "kpi-force-rate": forceRateChart,
  "kpi-referral-rate": referralRateChart,
  "kpi-cit-coverage": citCoverageChart,
  "kpi-level2-share": level2ShareChart,
} satisfies Record<ChartIdOf<"metrics">, (v: KpiView) => ChartData | null>;

export function kpiCharts(cube: CrisisCube | null, uof: UofAggregates | null, ctx: ChartContext): ChartData[] {
  const f = { ...ctx.filters, granularity: "quarter" as const };
  const view: KpiView = {
    ctx,
    crisis: cube ? crisisQuarters(cube, f) : null,
    uof: uof ? uofQuarters(uof, f) : null,
  };
  return Object.values(KPI_CHARTS)
    .map((build) => build(view))
    .filter((c): c is ChartData => c !== null);
}

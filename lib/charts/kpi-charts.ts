import { crisisSpan, type CrisisCube } from "@/lib/trends/crisis-cube";
import { inPeriod, periodOf } from "@/lib/trends/filters";
import type { UofAggregates } from "@/lib/trends/uof-aggregates";
import { filterCrisisCells, totalsBy } from "@/lib/trends/crisis-totals";
import { chartBase, type ChartContext } from "./context";
import { COLORS, completeRange, partialPeriods, pct, rateCells } from "./helpers";
import type { ChartData, Row } from "./types";

/**
 * The department metrics, quarter by quarter: each is a rate with a 95% Wilson interval, its definition, and the
 * change between the first and the last complete quarter shown.
 */
interface KpiSpec {
  id: string;
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

export function kpiCharts(cube: CrisisCube | null, uof: UofAggregates | null, ctx: ChartContext): ChartData[] {
  const f = { ...ctx.filters, granularity: "quarter" as const };
  const out: ChartData[] = [];
  if (cube) {
    const cells = filterCrisisCells(cube, f);
    const byQ = totalsBy(cells, (c) => periodOf(c.month, "quarter"));
    const span = crisisSpan(cube, cells);
    const [lastMonth, crisisFirst] = [span.last ?? "", f.from ? null : span.first];
    const counts = (num: (t: ReturnType<typeof byQ.get> & object) => number) =>
      new Map([...byQ].map(([q, t]) => [q, { k: num(t), n: t.templates }]));
    out.push(
      kpiChart(
        {
          id: "kpi-force-rate",
          title: "Force per crisis contact",
          label: "Crisis contacts with force",
          color: COLORS.red,
          better: "lower",
          explainerHref: "/explainers/counting",
          lastMonth,
          firstDate: crisisFirst,
          dataset: "seattle-crisis",
          definition:
            "Crisis contacts (Template IDs) in which any officer reported force, divided by all crisis contacts.",
          counts: counts((t) => t.withForce),
        },
        ctx,
      ),
      kpiChart(
        {
          id: "kpi-referral-rate",
          title: "Referral to services",
          label: "Crisis contacts referred to services",
          color: COLORS.green,
          better: "higher",
          explainerHref: "/methodology#dispositions",
          lastMonth,
          firstDate: crisisFirst,
          dataset: "seattle-crisis",
          definition:
            "Crisis contacts whose most serious disposition is a referral to services (mobile crisis team, case manager, treatment, DMHP, ...), divided by all crisis contacts.",
          counts: counts((t) => t.referral),
        },
        ctx,
      ),
      kpiChart(
        {
          id: "kpi-cit-coverage",
          title: "CIT coverage",
          label: "Crisis contacts with a CIT-certified officer",
          color: COLORS.purple,
          better: "higher",
          explainerHref: "/explainers/data-limits#cit",
          lastMonth,
          firstDate: crisisFirst,
          dataset: "seattle-crisis",
          definition:
            "Crisis contacts with at least one CIT-certified officer (40-hour course), divided by all crisis contacts.",
          counts: counts((t) => t.citCertified),
        },
        ctx,
      ),
    );
  }
  if (uof) {
    const inc = uof.incidents.filter((c) => inPeriod(c.month, f) && (!f.precinct || c.precinct === f.precinct));
    const counts = new Map<string, { k: number; n: number }>();
    for (const c of inc) {
      const q = periodOf(c.month, "quarter");
      const e = counts.get(q) ?? { k: 0, n: 0 };
      e.n += c.incidents;
      if (c.level >= 2) e.k += c.incidents;
      counts.set(q, e);
    }
    const lastMonth = inc.reduce((m, c) => (c.month > m ? c.month : m), "");
    out.push(
      kpiChart(
        {
          id: "kpi-level2-share",
          title: "Share of force at Level 2 or above",
          label: "Incidents at Level 2 or above",
          color: COLORS.orange,
          better: "neither",
          explainerHref: "/explainers/counting",
          lastMonth,
          firstDate: f.from ? null : uof.firstDate,
          dataset: "seattle-uof",
          definition:
            "Use-of-force incidents whose most serious level is 2, 3 or OIS, divided by all use-of-force incidents (all incidents, not only crisis contacts: the two datasets cannot be linked).",
          counts: new Map([...counts].sort()),
        },
        ctx,
      ),
    );
  }
  return out;
}

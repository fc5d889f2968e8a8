import { crisisSpan, type CrisisCube } from "@/lib/trends/crisis-cube";
import { filterCrisisCells, totalsBy, type Totals } from "@/lib/trends/crisis-totals";
import { periodOf } from "@/lib/trends/filters";
import { chartBase, type ChartContext } from "./context";
import type { ChartIdOf } from "@/lib/chart-registry";
import { COLORS, completeRange, int, partialPeriods, pct, rateCells, shareCell } from "./helpers";
import type { ChartData, Row } from "./types";

const DEFINITION_CONTACT =
  "A crisis contact is one crisis template (one person in one crisis contact), counted by Template ID. The source has one row per disposition; rows are never counted as contacts.";

/** What the crisis page's charts share: the cube's cells under the page's filters, summed per period. */
interface CrisisView {
  cube: CrisisCube;
  ctx: ChartContext;
  f: ChartContext["filters"];
  cells: ReturnType<typeof filterCrisisCells>;
  byPeriod: Map<string, Totals>;
  periods: string[];
  partial: string[];
  firstIdx: number;
  lastIdx: number;
  /** The last complete period and the first (the comparison's base), if any. */
  last: string | undefined;
  base0: string | undefined;
  T: number;
  /** "all precincts" or the filters, for takeaways. */
  scope: string;
}

export function crisisView(cube: CrisisCube, ctx: ChartContext): CrisisView {
  const f = ctx.filters;
  const cells = filterCrisisCells(cube, f);
  const byPeriod = totalsBy(cells, (c) => periodOf(c.month, f.granularity));
  const periods = [...byPeriod.keys()];
  // Day precision at both ends where the data start or end (a first contact on the 27th makes its period partial).
  const span = crisisSpan(cube, cells);
  const partial = partialPeriods(periods, span.first, span.last, f.granularity);
  const { first: firstIdx, last: lastIdx } = completeRange(periods, partial);
  const scope = [
    f.precinct ? `${f.precinct} precinct` : "all precincts",
    f.callType ? `initial call type "${f.callType}"` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return {
    cube,
    ctx,
    f,
    cells,
    byPeriod,
    periods,
    partial,
    firstIdx,
    lastIdx,
    last: lastIdx >= 0 ? periods[lastIdx] : undefined,
    base0: firstIdx >= 0 ? periods[firstIdx] : undefined,
    T: ctx.threshold,
    scope,
  };
}

// Markers come from published annotations, added by the data access layer (lib/charts/notes.ts).

function contactsChart({ ctx, f, byPeriod, periods, partial, lastIdx, last, scope }: CrisisView): ChartData {
  const contactRows: Row[] = periods.map((p) => ({ period: p, contacts: byPeriod.get(p)!.templates }));
  const yearBefore = last
    ? periods[lastIdx - (f.granularity === "month" ? 12 : f.granularity === "quarter" ? 4 : 1)]
    : undefined;
  const lastN = last ? byPeriod.get(last)!.templates : 0;
  const prevN = yearBefore ? byPeriod.get(yearBefore)!.templates : 0;
  return {
    ...chartBase(ctx, "crisis-contacts"),
    title: "Crisis contacts over time",
    takeaway: last
      ? `${int(lastN)} crisis contacts were recorded in ${last} (${scope})${prevN ? `, ${lastN >= prevN ? "up" : "down"} ${pct(Math.abs(lastN - prevN) / prevN)} from ${int(prevN)} in ${yearBefore}` : ""}.`
      : "No crisis contacts match these filters.",
    type: "bar",
    xKey: "period",
    xLabel: f.granularity,
    yLabel: "Crisis contacts (Template IDs)",
    yFormat: "int",
    series: [{ key: "contacts", label: "Crisis contacts", color: COLORS.blue }],
    rows: contactRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
    ],
    definitions: [DEFINITION_CONTACT],
    notes: [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

function forceShareChart({ ctx, f, byPeriod, periods, partial, T, scope }: CrisisView): ChartData {
  const forceRows: Row[] = periods.map((p) => {
    const t = byPeriod.get(p)!;
    return {
      period: p,
      contacts: t.templates,
      withForce: t.withForce,
      ...rateCells("forceShare", t.withForce, t.templates, T),
    };
  });
  const allT = [...byPeriod.values()].reduce((s, t) => ({ n: s.n + t.templates, k: s.k + t.withForce }), {
    n: 0,
    k: 0,
  });
  return {
    ...chartBase(ctx, "crisis-force-share"),
    title: "Share of crisis contacts with reported use of force",
    takeaway: allT.n
      ? `Force was reported in ${pct(allT.k / allT.n)} of crisis contacts (${int(allT.k)} of ${int(allT.n)}; ${scope}), about ${Math.round((1000 * allT.k) / allT.n)} in every 1,000.`
      : "No crisis contacts match these filters.",
    type: "line",
    xKey: "period",
    xLabel: f.granularity,
    yLabel: "Share with force",
    yFormat: "percent",
    series: [
      {
        key: "forceShare",
        label: "Share with force",
        color: COLORS.darkRed,
        interval: { low: "forceShareLow", high: "forceShareHigh" },
      },
    ],
    rows: forceRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "withForce", label: "With force", format: "int" },
      { key: "forceShare", label: "Share", format: "percent" },
      { key: "forceShareLow", label: "95% low", format: "percent" },
      { key: "forceShareHigh", label: "95% high", format: "percent" },
    ],
    definitions: [
      DEFINITION_CONTACT,
      "With force: at least one officer record of the contact has Use of Force Indicator = Y. Intervals are 95% Wilson intervals.",
    ],
    notes: [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

function dispositionsChart({ ctx, f, byPeriod, periods, partial, T, last, base0 }: CrisisView): ChartData {
  const dispositionKeys = [
    ["arrest", "Arrest", COLORS.darkRed],
    ["emergentDetention", "Emergent detention", COLORS.vermillion],
    ["referral", "Referral to services", COLORS.green],
    ["noAction", "No action", COLORS.grey],
    ["dispositionUnknown", "Not recorded", COLORS.lavender],
  ] as const;
  const dispRows: Row[] = periods.map((p) => {
    const t = byPeriod.get(p)!;
    const row: Row = { period: p, contacts: t.templates };
    for (const [k] of dispositionKeys) Object.assign(row, shareCell(k, t[k], t.templates, T));
    return row;
  });
  const refFirst = base0 ? byPeriod.get(base0)! : null;
  const refLast = last ? byPeriod.get(last)! : null;
  return {
    ...chartBase(ctx, "crisis-dispositions"),
    title: "How crisis contacts ended",
    takeaway:
      refFirst && refLast && refFirst.templates && refLast.templates
        ? `Referral to services was the outcome of ${pct(refLast.referral / refLast.templates)} of contacts in ${last}, against ${pct(refFirst.referral / refFirst.templates)} in ${base0}; arrests ${pct(refLast.arrest / refLast.templates)} against ${pct(refFirst.arrest / refFirst.templates)}.`
        : "No crisis contacts match these filters.",
    type: "stacked-bar",
    xKey: "period",
    xLabel: f.granularity,
    yLabel: "Share of contacts",
    yFormat: "percent",
    series: dispositionKeys.map(([key, label, color]) => ({ key, label, color })),
    rows: dispRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      ...dispositionKeys.map(([key, label]) => ({ key, label, format: "percent" as const })),
    ],
    definitions: [
      DEFINITION_CONTACT,
      "Each contact is counted once, at its most serious disposition: arrest > emergent detention > referral to services > no action. The mapping of the source's dispositions to these groups is on the methodology page.",
    ],
    notes: [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/methodology#dispositions",
  };
}

/** CIT rows per period, shared by the coverage and response charts. */
function citRowsOf({ byPeriod, periods, T }: CrisisView): Row[] {
  return periods.map((p) => {
    const t = byPeriod.get(p)!;
    return {
      period: p,
      contacts: t.templates,
      ...rateCells("citCertified", t.citCertified, t.templates, T),
      ...rateCells("requested", t.citRequested, t.templates, T),
      ...rateCells("dispatched", t.citDispatched, t.templates, T),
      ...rateCells("arrived", t.citArrived, t.templates, T),
    };
  });
}

function citCoverageChart(v: CrisisView): ChartData {
  const { ctx, f, partial, firstIdx, lastIdx, last, base0 } = v;
  const citRows = citRowsOf(v);
  const firstCit = firstIdx >= 0 ? (citRows[firstIdx]?.citCertified as number | null | undefined) : null;
  const lastCit = last ? (citRows[lastIdx]?.citCertified as number | null) : null;
  return {
    ...chartBase(ctx, "crisis-cit-coverage"),
    title: "Contacts handled by a CIT-certified officer",
    takeaway:
      firstCit != null && lastCit != null
        ? `${pct(lastCit)} of crisis contacts in ${last} had a CIT-certified officer, against ${pct(firstCit)} in ${base0}.`
        : "Too few contacts match these filters to show a share.",
    type: "line",
    xKey: "period",
    xLabel: f.granularity,
    yLabel: "Share of contacts",
    yFormat: "percent",
    series: [
      {
        key: "citCertified",
        label: "CIT-certified officer",
        color: COLORS.indigo,
        interval: { low: "citCertifiedLow", high: "citCertifiedHigh" },
      },
    ],
    rows: citRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "citCertified", label: "CIT-certified", format: "percent" },
      { key: "citCertifiedLow", label: "95% low", format: "percent" },
      { key: "citCertifiedHigh", label: "95% high", format: "percent" },
    ],
    definitions: [
      "CIT-certified: at least one responding officer's CIT Certified Indicator is Y (completed the 40-hour course). Seattle's open data does not separate officers with only the 8-hour yearly training from untrained officers: an empty indicator means not certified or unknown.",
    ],
    notes: [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/data-limits#cit",
  };
}

function citResponseChart(v: CrisisView): ChartData {
  const { ctx, f, byPeriod, partial, scope } = v;
  const citRows = citRowsOf(v);
  return {
    ...chartBase(ctx, "crisis-cit-response"),
    title: "CIT officer requested, dispatched and arrived",
    takeaway: (() => {
      const s = [...byPeriod.values()].reduce(
        (a, t) => ({ n: a.n + t.templates, r: a.r + t.citRequested, d: a.d + t.citDispatched, a: a.a + t.citArrived }),
        { n: 0, r: 0, d: 0, a: 0 },
      );
      return s.n
        ? `A CIT officer was requested in ${pct(s.r / s.n)} of contacts, dispatched in ${pct(s.d / s.n)} and arrived in ${pct(s.a / s.n)} (${scope}).`
        : "No crisis contacts match these filters.";
    })(),
    type: "line",
    xKey: "period",
    xLabel: f.granularity,
    yLabel: "Share of contacts",
    yFormat: "percent",
    series: [
      { key: "requested", label: "Requested", color: COLORS.blue },
      { key: "dispatched", label: "Dispatched", color: COLORS.vermillion },
      { key: "arrived", label: "Arrived", color: COLORS.green },
    ],
    rows: citRows,
    columns: [
      { key: "period", label: "Period", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "requested", label: "Requested", format: "percent" },
      { key: "dispatched", label: "Dispatched", format: "percent" },
      { key: "arrived", label: "Arrived", format: "percent" },
    ],
    definitions: [
      "From the CIT Officer Requested / Dispatched / Arrived indicators; a contact counts if any of its officer records says Y.",
    ],
    notes: [],
    partialPeriods: partial,
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/data-limits#cit",
  };
}

const breakdownRow = (label: string, t: Totals, T: number): Row => ({
  group: label,
  contacts: t.templates,
  ...rateCells("forceShare", t.withForce, t.templates, T),
  ...rateCells("referralShare", t.referral, t.templates, T),
});
const BREAKDOWN_COLUMNS = [
  { key: "contacts", label: "Crisis contacts", format: "int" as const },
  { key: "forceShare", label: "Share with force", format: "percent" as const },
  { key: "forceShareLow", label: "95% low", format: "percent" as const },
  { key: "forceShareHigh", label: "95% high", format: "percent" as const },
  { key: "referralShare", label: "Share referred to services", format: "percent" as const },
];

function byPrecinctChart({ ctx, cells, T }: CrisisView): ChartData {
  const byPrecinct = totalsBy(cells, (c) => c.precinct);
  const precinctRows = [...byPrecinct].map(([p, t]) => breakdownRow(p, t, T));
  const top = [...byPrecinct].sort((a, b) => b[1].templates - a[1].templates)[0];
  return {
    ...chartBase(ctx, "crisis-by-precinct"),
    title: "Crisis contacts by precinct",
    takeaway: top
      ? `${top[0]} precinct recorded the most crisis contacts in the selected period (${int(top[1].templates)}).`
      : "No crisis contacts match these filters.",
    type: "bar",
    xKey: "group",
    xLabel: "Precinct",
    yLabel: "Crisis contacts",
    yFormat: "int",
    series: [{ key: "contacts", label: "Crisis contacts", color: COLORS.blue }],
    rows: precinctRows,
    columns: [{ key: "group", label: "Precinct", format: "text" }, ...BREAKDOWN_COLUMNS],
    definitions: [DEFINITION_CONTACT, "Precinct is where the call was located; Unknown when not recorded."],
    notes: [],
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

function byCallTypeChart({ cube, ctx, cells, T }: CrisisView): ChartData {
  const byCall = [...totalsBy(cells, (c) => c.callType)].sort((a, b) => b[1].templates - a[1].templates).slice(0, 15);
  const callRows = byCall.map(([c, t]) => breakdownRow(c, t, T));
  const topForce = [...byCall]
    .filter(([, t]) => t.templates >= 100)
    .sort((a, b) => b[1].withForce / b[1].templates - a[1].withForce / a[1].templates)[0];
  return {
    ...chartBase(ctx, "crisis-by-call-type"),
    title: "The 15 most common initial call types",
    takeaway: topForce
      ? `Among common call types, "${topForce[0]}" had the highest share with force: ${pct(topForce[1].withForce / topForce[1].templates)} of ${int(topForce[1].templates)} contacts.`
      : "Too few contacts match these filters to compare call types.",
    type: "bar",
    xKey: "group",
    xLabel: "Initial call type",
    yLabel: "Crisis contacts",
    yFormat: "int",
    series: [{ key: "contacts", label: "Crisis contacts", color: COLORS.pink }],
    rows: callRows,
    columns: [{ key: "group", label: "Initial call type", format: "text" }, ...BREAKDOWN_COLUMNS],
    definitions: [
      DEFINITION_CONTACT,
      "Initial call type is the communication center's classification at dispatch, before any officer decision.",
    ],
    notes: [`Showing the 15 most common of ${cube.callTypes.length} initial call types in the data.`],
    markers: [],
    unstableCells: 0,
    explainerHref: "/explainers/counting",
  };
}

/** The crisis page's charts, in page order: one builder per chart id. */
export const CRISIS_CHARTS = {
  "crisis-contacts": contactsChart,
  "crisis-force-share": forceShareChart,
  "crisis-dispositions": dispositionsChart,
  "crisis-cit-coverage": citCoverageChart,
  "crisis-cit-response": citResponseChart,
  "crisis-by-precinct": byPrecinctChart,
  "crisis-by-call-type": byCallTypeChart,
} satisfies Record<ChartIdOf<"crisis">, (v: CrisisView) => ChartData>;

export function crisisCharts(cube: CrisisCube, ctx: ChartContext): ChartData[] {
  const view = crisisView(cube, ctx);
  return Object.values(CRISIS_CHARTS).map((build) => build(view));
}

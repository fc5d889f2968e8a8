import { CALL_RISK_LABELS, callRiskOf } from "@/lib/analysis/call-risk";
import { CLASSIFICATION_LABELS, type AlternativeRule } from "@/lib/trends/alternative-rule";
import { noCandidateReason, ruleVerdict } from "@/lib/trends/rule-verdict";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { callTypeTable, filterCrisisCells, type Totals } from "@/lib/trends/crisis-totals";
import type { ChartIdOf } from "@/lib/chart-registry";
import { chartBase, type ChartContext } from "./context";
import { COLORS, int, pct, rateCells, shareCell } from "./helpers";
import type { ChartData, Row } from "./types";

const DEF =
  "Crisis contacts are counted by Template ID. Outcomes are the contact's most serious disposition; force means any officer reported force. Arrest-or-force counts a contact once if it had either.";
const CAVEATS = [
  "A call's outcome is not known at dispatch: these shares describe how past calls of each type ended, not how the next one will.",
  "Police presence may itself shape the outcome (an arrest or force can follow from how an encounter unfolds), so outcomes under a civilian response could differ.",
  "Initial call type is the dispatcher's first classification; the same label covers very different situations.",
];

const base = (ctx: ChartContext, id: string, query: string) => ({
  ...chartBase(ctx, id, { query }),
  explainerHref: "/explainers/counting",
});

/** What the alternative-response charts share: the call-type table under the page's filters and rule. */
interface AlternativeView {
  cube: CrisisCube;
  ctx: ChartContext;
  rule: AlternativeRule;
  /** The rule's parameters as a query, carried by the CSV link and permalink. */
  ruleQuery: string;
  table: ReturnType<typeof callTypeTable>;
  candidates: ReturnType<typeof callTypeTable>;
  T: number;
}

function callTypesChart({ cube, ctx, rule, ruleQuery, table, candidates, T }: AlternativeView): ChartData {
  const years = new Set(filterCrisisCells(cube, ctx.filters).map((c) => c.month.slice(0, 4)));
  const perYear = (n: number) => n / Math.max(1, years.size);
  const covered = candidates.reduce((s, r) => s + r.totals.templates, 0);
  const all = table.reduce((s, r) => s + r.totals.templates, 0);
  const ruleText = `arrest or force in less than ${rule.threshold}% of contacts${rule.basis === "upper" ? " (upper end of the 95% interval)" : ""}, with at least ${int(rule.minContacts)} contacts`;
  const none = noCandidateReason(ruleVerdict(table, rule), rule);
  const judged = rule.basis === "upper" ? "the upper end of its 95% interval" : "its observed share";

  const rows: Row[] = table.map((r) => {
    const t = r.totals;
    return {
      group: r.callType,
      contacts: t.templates,
      perYear: Math.round(perYear(t.templates)),
      ...rateCells("arrestOrForce", t.arrestOrForce, t.templates, T),
      ...shareCell("noAction", t.noAction, t.templates, T),
      ...shareCell("referral", t.referral, t.templates, T),
      ...shareCell("emergentDetention", t.emergentDetention, t.templates, T),
      ...shareCell("arrest", t.arrest, t.templates, T),
      ...shareCell("force", t.withForce, t.templates, T),
      ...shareCell("citRequested", t.citRequested, t.templates, T),
      ...shareCell("citDispatched", t.citDispatched, t.templates, T),
      ...shareCell("citArrived", t.citArrived, t.templates, T),
      classification: CLASSIFICATION_LABELS[r.classification.classification],
    };
  });
  return {
    ...base(ctx, "alt-call-types", ruleQuery),
    title: "How crisis contacts ended, by initial call type",
    takeaway: `Under the rule (${ruleText}), ${candidates.length} of ${table.length} call types are candidates, covering ${int(Math.round(perYear(covered)))} contacts a year (${pct(all ? covered / all : 0)} of crisis contacts).${none ? ` ${none}` : ""}`,
    type: "bar",
    xKey: "group",
    xLabel: "Initial call type",
    yLabel: "Share ending in arrest or force",
    yFormat: "percent",
    series: [
      {
        key: "arrestOrForce",
        label: "Arrest or force",
        color: COLORS.darkRed,
        interval: { low: "arrestOrForceLow", high: "arrestOrForceHigh" },
      },
    ],
    rows,
    columns: [
      { key: "group", label: "Initial call type", format: "text" },
      { key: "classification", label: "Rule", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "perYear", label: "Per year", format: "int" },
      { key: "arrestOrForce", label: "Arrest or force", format: "percent" },
      { key: "arrestOrForceLow", label: "95% low", format: "percent" },
      { key: "arrestOrForceHigh", label: "95% high", format: "percent" },
      { key: "noAction", label: "No action", format: "percent" },
      { key: "referral", label: "Referral", format: "percent" },
      { key: "emergentDetention", label: "Emergent detention", format: "percent" },
      { key: "arrest", label: "Arrest", format: "percent" },
      { key: "force", label: "Force", format: "percent" },
      { key: "citRequested", label: "CIT requested", format: "percent" },
      { key: "citDispatched", label: "CIT dispatched", format: "percent" },
      { key: "citArrived", label: "CIT arrived", format: "percent" },
    ],
    definitions: [
      DEF,
      `The rule: ${ruleText}. Readers can change it above; the default and its rationale are on this page.`,
      `The dashed line marks the rule's threshold, ${rule.threshold}% (the CSV's "Rule threshold" column). A call type is a candidate when ${judged} is under it${rule.basis === "upper" ? ", so a bar short of the line can still fail when its interval (95% low / high in the table) reaches past it" : ""}.`,
    ],
    notes: CAVEATS,
    markers: [],
    referenceLines: [{ value: rule.threshold / 100, label: `Rule threshold ${rule.threshold}%` }],
    csvContext: [
      { label: "Rule threshold", value: `${rule.threshold}%` },
      { label: "Rule judged on", value: rule.basis === "upper" ? "upper end of the 95% interval" : "observed share" },
      { label: "Rule minimum contacts", value: String(rule.minContacts) },
    ],
    unstableCells: 0,
  };
}

function riskGroupsChart({ ctx, ruleQuery, table, T }: AlternativeView): ChartData {
  const byRisk = new Map<string, Totals>();
  for (const r of table) {
    const g = CALL_RISK_LABELS[callRiskOf(r.callType).group];
    const acc = byRisk.get(g);
    if (!acc) byRisk.set(g, { ...r.totals });
    else for (const k of Object.keys(acc) as (keyof Totals)[]) acc[k] += r.totals[k];
  }
  const riskRows: Row[] = [...byRisk]
    .sort((a, b) => b[1].templates - a[1].templates)
    .map(([group, t]) => ({
      group,
      contacts: t.templates,
      ...rateCells("arrestOrForce", t.arrestOrForce, t.templates, T),
      ...shareCell("noAction", t.noAction, t.templates, T),
      ...shareCell("referral", t.referral, t.templates, T),
      ...shareCell("emergentDetention", t.emergentDetention, t.templates, T),
      citArrived: t.citArrived / t.templates,
    }));
  const lowest = [...riskRows].sort((a, b) => (a.arrestOrForce as number) - (b.arrestOrForce as number))[0];
  return {
    ...base(ctx, "alt-risk-groups", ruleQuery),
    title: "Outcomes by call risk group",
    takeaway: lowest
      ? `${lowest.group}s ended in arrest or force least often: ${pct(lowest.arrestOrForce as number)} of ${int(lowest.contacts as number)} contacts.`
      : "No contacts.",
    type: "bar",
    xKey: "group",
    xLabel: "Call risk group",
    yLabel: "Share ending in arrest or force",
    yFormat: "percent",
    series: [{ key: "arrestOrForce", label: "Arrest or force", color: COLORS.darkRed }],
    rows: riskRows,
    columns: [
      { key: "group", label: "Call risk group", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "arrestOrForce", label: "Arrest or force", format: "percent" },
      { key: "arrestOrForceLow", label: "95% low", format: "percent" },
      { key: "arrestOrForceHigh", label: "95% high", format: "percent" },
      { key: "noAction", label: "No action", format: "percent" },
      { key: "referral", label: "Referral", format: "percent" },
      { key: "emergentDetention", label: "Emergent detention", format: "percent" },
      { key: "citArrived", label: "CIT arrived", format: "percent" },
    ],
    definitions: [DEF, "Call types are grouped by the same reviewed mapping the CIT models use (methodology page)."],
    notes: CAVEATS,
    markers: [],
    unstableCells: 0,
  };
}

function erasChart({ cube, ctx, ruleQuery, candidates, T }: AlternativeView): ChartData {
  const eraRows: Row[] = ["Before 2020", "2020 and after"].map((era) => {
    const cells = filterCrisisCells(cube, ctx.filters).filter((c) =>
      era === "Before 2020" ? c.month < "2020-01" : c.month >= "2020-01",
    );
    const isCandidate = new Set(candidates.map((c) => c.callType));
    const cand = cells.filter((c) => isCandidate.has(c.callType)).reduce((s, c) => s + c.templates, 0);
    const total = cells.reduce((s, c) => s + c.templates, 0);
    const aof = cells.reduce((s, c) => s + c.arrestOrForce, 0);
    return {
      era,
      contacts: total,
      ...rateCells("candidateShare", cand, total, T),
      ...rateCells("arrestOrForce", aof, total, T),
    };
  });
  const [before, after] = eraRows as [Row, Row];
  const spans = before.candidateShare !== null && after.candidateShare !== null;
  // With no candidate call type the green bars would all be zero: drawn without a word they read as "no change".
  const noCandidates = candidates.length === 0;
  const aofText = `arrest or force ended ${pct(before.arrestOrForce as number)} of all contacts before 2020 and ${pct(after.arrestOrForce as number)} from 2020`;
  return {
    ...base(ctx, "alt-eras", ruleQuery),
    title: "Has the mix shifted since 2020?",
    takeaway: !spans
      ? "The selected period does not span both eras."
      : noCandidates
        ? `No call type is a candidate under this rule, so there is no candidate share to compare and only arrest or force is drawn (the rule's section above says why none qualifies); ${aofText}.`
        : `Candidate call types were ${pct(before.candidateShare as number)} of crisis contacts before 2020 and ${pct(after.candidateShare as number)} from 2020; ${aofText}.`,
    type: "bar",
    xKey: "era",
    xLabel: "Era",
    yLabel: "Share of crisis contacts",
    yFormat: "percent",
    series: [
      ...(noCandidates ? [] : [{ key: "candidateShare", label: "Share in candidate call types", color: COLORS.green }]),
      { key: "arrestOrForce", label: "Share ending in arrest or force", color: COLORS.darkRed },
    ],
    rows: eraRows,
    columns: [
      { key: "era", label: "Era", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "candidateShare", label: "In candidate call types", format: "percent" },
      { key: "arrestOrForce", label: "Arrest or force", format: "percent" },
      { key: "arrestOrForceLow", label: "95% low", format: "percent" },
      { key: "arrestOrForceHigh", label: "95% high", format: "percent" },
    ],
    definitions: [DEF, "Candidate call types are classified over the whole selected period, then counted in each era."],
    notes: [
      "2020 brought COVID-19, the suspension of CIT training and changes in policing; a shift between eras has many possible causes.",
      noCandidates
        ? "No call type is a candidate under this rule: the candidate share is 0% in both eras (in the table and CSV) and is not drawn."
        : "",
    ].filter(Boolean),
    markers: [],
    unstableCells: 0,
  };
}

/** The alternative-response page's rule-based charts, in page order: one builder per chart id (lib/chart-registry.ts). */
export const ALTERNATIVE_CHARTS = {
  "alt-call-types": callTypesChart,
  "alt-risk-groups": riskGroupsChart,
  "alt-eras": erasChart,
} satisfies Record<ChartIdOf<"alternative">, (v: AlternativeView) => ChartData>;

export function alternativeCharts(
  cube: CrisisCube,
  ctx: ChartContext,
  rule: AlternativeRule,
  ruleQuery: string,
): ChartData[] {
  const table = callTypeTable(cube, ctx.filters, rule);
  const candidates = table.filter((r) => r.classification.classification === "candidate");
  const view: AlternativeView = { cube, ctx, rule, ruleQuery, table, candidates, T: ctx.threshold };
  return Object.values(ALTERNATIVE_CHARTS).map((build) => build(view));
}

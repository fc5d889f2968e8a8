import { dispatchDifferenceText } from "./units";
import { levelLabel, termLabel } from "@/lib/analysis/cit-spec";
import type { CitResults, CitTerm } from "@/lib/analysis/cit-types";
import { formatEstimate as est } from "@/lib/format";
import { inSentence, labelOf } from "@/lib/labels";
import type { ChartIdOf } from "@/lib/chart-registry";
import { chartBase, type ChartContext } from "./context";
import { COLORS, int, pct } from "./helpers";
import type { ChartData, Row } from "./types";

/**
 * Chart data for the CIT comparison page, from the stored model results. Every odds ratio row carries its 95%
 * interval, p-value and the absolute difference per 1,000 contacts, so the table never shows an odds ratio alone.
 */
const ODDS_HREF = "/explainers/odds-ratios";
const CAUSAL_HREF = "/explainers/association-causation";

const base = (ctx: ChartContext, id: string) => ({
  ...chartBase(ctx, id, { methodologyHref: "/methodology#models" }),
  markers: [],
  unstableCells: 0,
});

const forestColumns = [
  { key: "label", label: "Term", format: "text" as const },
  { key: "oddsRatio", label: "Odds ratio", format: "estimate" as const },
  { key: "ciLow", label: "95% low", format: "estimate" as const },
  { key: "ciHigh", label: "95% high", format: "estimate" as const },
  { key: "p", label: "p", format: "estimate" as const },
  { key: "perThousand", label: "Difference per 1,000 officer contacts", format: "estimate" as const },
];

export function termRows(terms: CitTerm[]): Row[] {
  return terms
    .filter((t) => t.term !== "(Intercept)" && t.flag !== "separation")
    .map((t) => ({
      // Relabelled from the term's fields (lib/labels.ts), so results stored before a label changed read the same.
      label: termLabel({ name: t.term, variable: t.variable, level: t.level, reference: t.reference }),
      term: t.term,
      oddsRatio: t.oddsRatio,
      ciLow: t.ciLow,
      ciHigh: t.ciHigh,
      p: t.p,
      perThousand: t.ame?.perThousand ?? null,
    }));
}

/**
 * A model formula for readers: the terms by their labels ("CIT certified, Call risk, ..."), not the R formula's
 * identifiers (the R formula is in the methodology and the exported design).
 */
function modelTerms(formula: string, form: "sentence" | "list" = "sentence"): string {
  const [outcome, rhs = ""] = formula.split("~").map((p) => p.trim());
  const terms = rhs
    .split("+")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) =>
      t
        .split(":")
        .map((v) => inSentence(labelOf("variable", v)))
        .join(" x "),
    );
  const list = terms.join(", ");
  return form === "list" ? list : `Model of ${outcome === "force" ? "use of force" : outcome} on ${list}.`;
}

/** Numbers of a model are shown only when it converged: a failed or separated fit is reported, never plotted. */
const usable = (m: { diagnostics: { status: string } }) => m.diagnostics.status === "converged";

/** What the CIT page's charts share: the stored results, the page's links and the force model's usable terms. */
interface CitView {
  cit: CitResults;
  ctx: ChartContext;
  /** The force model's terms, or none when it did not converge. */
  force: CitTerm[];
}

/** The fields the three odds-ratio (forest) charts share. */
const forest = () => ({
  type: "bar" as const,
  xKey: "label",
  xLabel: "Term",
  yLabel: "Odds ratio (log scale)",
  yFormat: "estimate" as const,
  series: [{ key: "oddsRatio", label: "Odds ratio", color: COLORS.blue }],
  columns: forestColumns,
  explainerHref: ODDS_HREF,
  notes: [],
});

function callRiskChart({ cit, ctx, force }: CitView): ChartData {
  const risk = force.filter((t) => t.variable === "call_risk_group");
  const topRisk = [...risk].sort((a, b) => b.oddsRatio - a.oddsRatio)[0];
  return {
    ...base(ctx, "cit-call-risk"),
    ...forest(),
    title: "The call matters most: odds of force by call risk group",
    takeaway: topRisk
      ? `Contacts from a ${inSentence(labelOf("callRisk", topRisk.level ?? ""))} had ${est(topRisk.oddsRatio)} times the odds of force of a ${inSentence(labelOf("callRisk", topRisk.reference ?? ""))}, about ${Math.round(topRisk.ame?.perThousand ?? 0)} more uses of force per 1,000 contacts, holding the other factors fixed.`
      : "The call risk terms could not be estimated.",
    rows: termRows(risk),
    definitions: [
      `Call risk group comes from the Initial Call Type (dispatch) through a documented mapping; reference: ${inSentence(labelOf("callRisk", cit.referenceLevels.call_risk_group ?? "welfare_or_service"))}.`,
      `Force model on ${int(cit.force.n)} officer contacts; ${cit.seMethod} standard errors.`,
    ],
  };
}

function forceModelChart({ cit, ctx, force }: CitView): ChartData {
  const citTerm = force.find((t) => t.term === "cit_certified");
  return {
    ...base(ctx, "cit-force-model"),
    ...forest(),
    title: "The force model: every factor",
    takeaway: citTerm
      ? `CIT certification is associated with an odds ratio of ${est(citTerm.oddsRatio)} (95% interval ${est(citTerm.ciLow)} to ${est(citTerm.ciHigh)}), about ${est(Math.abs(citTerm.ame?.perThousand ?? 0))} ${(citTerm.ame?.perThousand ?? 0) >= 0 ? "more" : "fewer"} uses of force per 1,000 contacts: small next to the call's risk.`
      : "The CIT term could not be estimated.",
    rows: termRows(force),
    definitions: [
      modelTerms(cit.force.formula),
      `Reference levels: ${Object.entries(cit.referenceLevels)
        .map(([k, v]) => `${inSentence(labelOf("variable", k))}: ${inSentence(levelLabel(k, v))}`)
        .join("; ")}.`,
      "Association, not causation: officers choose CIT certification.",
    ],
    explainerHref: CAUSAL_HREF,
  };
}

function rawRatesChart({ cit, ctx }: CitView): ChartData {
  const rates = cit.rawRates;
  const rateRows: Row[] = rates.map((r) => ({
    group: labelOf("citModality", r.modality),
    contacts: r.contacts,
    force: r.force.share,
    forceLow: r.force.ciLow,
    forceHigh: r.force.ciHigh,
    perThousand: r.force.perThousand,
  }));
  return {
    ...base(ctx, "cit-raw-rates"),
    title: "Raw rates of force by CIT status",
    takeaway:
      rates.length >= 2
        ? `Before any adjustment, force was reported in ${rates.map((r) => `${pct(r.force.share)} of the contacts of ${labelOf("citModalityOfficers", r.modality)}`).join(" and ")}.`
        : "No rates.",
    type: "bar",
    xKey: "group",
    xLabel: "CIT status",
    yLabel: "Share of contacts with force",
    yFormat: "percent",
    series: [
      {
        key: "force",
        label: "Share with force",
        color: COLORS.darkRed,
        interval: { low: "forceLow", high: "forceHigh" },
      },
    ],
    rows: rateRows,
    columns: [
      { key: "group", label: "CIT status", format: "text" },
      { key: "contacts", label: "Officer contacts", format: "int" },
      { key: "force", label: "Share with force", format: "percent" },
      { key: "forceLow", label: "95% low", format: "percent" },
      { key: "forceHigh", label: "95% high", format: "percent" },
      { key: "perThousand", label: "Force per 1,000 officer contacts", format: "estimate" },
    ],
    definitions: [cit.modality.note, "Raw rates do not adjust for the calls each group handled; the models do."],
    notes: [],
    explainerHref: "/explainers/counting",
  };
}

function dispositionsChart({ cit, ctx }: CitView): ChartData {
  const rates = cit.rawRates;
  const groups = Object.keys(rates[0]?.disposition ?? {});
  const dispRows: Row[] = groups.map((g) =>
    Object.fromEntries([
      ["group", labelOf("dispositionGroup", g)],
      ...rates.map((r, i) => [`m${i}`, r.disposition[g]?.share ?? null]),
    ]),
  );
  return {
    ...base(ctx, "cit-dispositions"),
    title: "How contacts ended, by CIT status",
    takeaway: (() => {
      if (!usable(cit.disposition))
        return `The disposition model could not be estimated: ${cit.disposition.diagnostics.warnings.join("; ")}`;
      const arrest = cit.disposition.outcomes.arrest?.terms.find((t) => t.term === "cit_certified");
      const referral = cit.disposition.outcomes.referral?.terms.find((t) => t.term === "cit_certified");
      return arrest && referral
        ? `Against taking no action, certified officers' contacts had ${est(arrest.oddsRatio)} times the odds of arrest and ${est(referral.oddsRatio)} times the odds of a referral to services (multinomial model, reference: no action).`
        : "The disposition model could not be estimated.";
    })(),
    type: "bar",
    xKey: "group",
    xLabel: "Disposition",
    yLabel: "Share of contacts",
    yFormat: "percent",
    series: rates.map((r, i) => ({
      key: `m${i}`,
      label: labelOf("citModality", r.modality),
      color: [COLORS.indigo, COLORS.grey, COLORS.pink][i] ?? COLORS.blue,
    })),
    rows: dispRows,
    columns: [
      { key: "group", label: "Disposition", format: "text" },
      ...rates.map((r, i) => ({ key: `m${i}`, label: labelOf("citModality", r.modality), format: "percent" as const })),
    ],
    definitions: [
      "Shares of officer contacts by their most serious disposition.",
      `Multinomial model of the disposition on ${modelTerms(cit.disposition.formula, "list")}; odds ratios compare each outcome with no action, not with every other outcome.`,
    ],
    notes: [],
    explainerHref: ODDS_HREF,
  };
}

function dispatchBalanceChart({ cit, ctx }: CitView): ChartData {
  const bal = cit.dispatchBalance;
  const balRows: Row[] = bal.groups.map((g) =>
    Object.fromEntries([
      ["group", labelOf("callRisk", g)],
      ...bal.rows.map((r, i) => [`m${i}`, r.shares[g]?.share ?? null]),
    ]),
  );
  return {
    ...base(ctx, "cit-dispatch-balance"),
    title: "Do CIT officers get harder calls?",
    takeaway: `${bal.violentShareDifferencePp !== null ? `${dispatchDifferenceText(bal.violentShareDifferencePp)}; ` : ""}${bal.test.method}: p ${bal.test.p < 0.001 ? "< 0.001" : `= ${est(bal.test.p)}`}, Cramér's V = ${est(bal.test.cramersV)} (a V near 0 means the mixes are nearly the same).`,
    type: "bar",
    xKey: "group",
    xLabel: "Call risk group",
    yLabel: "Share of each group's contacts",
    yFormat: "percent",
    series: bal.rows.map((r, i) => ({
      key: `m${i}`,
      label: labelOf("citModality", r.modality),
      color: [COLORS.indigo, COLORS.grey, COLORS.pink][i] ?? COLORS.blue,
    })),
    rows: balRows,
    columns: [
      { key: "group", label: "Call risk group", format: "text" },
      ...bal.rows.map((r, i) => ({
        key: `m${i}`,
        label: labelOf("citModality", r.modality),
        format: "percent" as const,
      })),
    ],
    definitions: [
      bal.note,
      "With many contacts even a tiny difference is 'significant': read the size of the difference, not only p.",
    ],
    notes: [],
    explainerHref: CAUSAL_HREF,
  };
}

function byEraChart({ cit, ctx }: CitView): ChartData {
  const eraRows: Row[] = (usable(cit.forceEraInteraction) ? cit.forceEraInteraction.citByEra : []).map((e) => ({
    label: labelOf("era", e.era),
    oddsRatio: e.oddsRatio,
    ciLow: e.ciLow,
    ciHigh: e.ciHigh,
    p: e.p,
    perThousand: e.ame?.perThousand ?? null,
  }));
  return {
    ...base(ctx, "cit-by-era"),
    ...forest(),
    title: "Sensitivity: the CIT association before and after 2020",
    takeaway:
      eraRows.length === 2
        ? `The CIT odds ratio is ${est(eraRows[0]!.oddsRatio as number)} ${inSentence(String(eraRows[0]!.label))} and ${est(eraRows[1]!.oddsRatio as number)} ${inSentence(String(eraRows[1]!.label))} (model with a CIT x era interaction).`
        : "The era model could not be estimated.",
    rows: eraRows,
    definitions: [
      modelTerms(cit.forceEraInteraction.formula),
      "2020 brought COVID-19, the suspension of CIT training and the protests: a different association by era does not say which of them mattered.",
    ],
    explainerHref: CAUSAL_HREF,
  };
}

/** The CIT page's charts, in page order: one builder per chart id (lib/chart-registry.ts). */
export const CIT_CHARTS = {
  "cit-call-risk": callRiskChart,
  "cit-force-model": forceModelChart,
  "cit-raw-rates": rawRatesChart,
  "cit-dispositions": dispositionsChart,
  "cit-dispatch-balance": dispatchBalanceChart,
  "cit-by-era": byEraChart,
} satisfies Record<ChartIdOf<"cit">, (v: CitView) => ChartData>;

export function citCharts(cit: CitResults, ctx: ChartContext): ChartData[] {
  const view: CitView = { cit, ctx, force: usable(cit.force) ? cit.force.terms : [] };
  return Object.values(CIT_CHARTS).map((build) => build(view));
}

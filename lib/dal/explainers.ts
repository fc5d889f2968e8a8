import "server-only";
import type { CitTerm } from "@/lib/analysis/cit-types";
import { env } from "@/lib/env";
import { getActiveDatasets } from "./datasets";
import { loadResult } from "./results";

/**
 * Live figures for the explainers, read from the stored results of the current dataset versions. Nothing on an
 * explainer page is typed in by hand: if a number below changes with the data, the page changes with it.
 */
/** The part of a CIT model term the explainers quote. */
export interface ExplainerTerm {
  term: string;
  oddsRatio: number;
  ciLow: number;
  ciHigh: number;
  p: number;
  ame: { perThousand: number } | null;
}
const explainerTerm = (t: CitTerm): ExplainerTerm => ({
  term: t.term,
  oddsRatio: t.oddsRatio,
  ciLow: t.ciLow,
  ciHigh: t.ciHigh,
  p: t.p,
  ame: t.ame ? { perThousand: t.ame.perThousand } : null,
});

export interface ExplainerFigures {
  crisis: null | {
    templates: number;
    contacts: number;
    rows: number;
    contactsWithForce: number;
    /** Share of officer contacts (Template ID + Officer ID, the CIT models' unit) with force. */
    forceRate: number;
    /** Share of crisis contacts (Template IDs, the trend pages' unit) with force on any officer record. */
    templateForceRate: number;
    /** Share of officer contacts / of crisis contacts with a CIT-certified officer. */
    citCertifiedShare: number;
    templateCitCertifiedShare: number;
    label: string;
    synthetic: boolean;
  };
  uof: null | {
    rows: number;
    incidents: number;
    officers: number;
    notSpecifiedShare: number;
    unknownPrecinctShare: number;
    label: string;
  };
  cit: null | {
    n: number;
    force: ExplainerTerm | null;
    arrest: ExplainerTerm | null;
    referral: ExplainerTerm | null;
    violentCall: ExplainerTerm | null;
    dispatchDifferencePp: number | null;
    dispatchP: number | null;
  };
  smallCountThreshold: number;
}

export async function getExplainerFigures(): Promise<ExplainerFigures> {
  const [crisisYearly, uofYearly, uofAgg, datasets, cit] = await Promise.all([
    loadResult("crisis.yearly"),
    loadResult("uof.yearly"),
    loadResult("uof.aggregates"),
    getActiveDatasets(),
    loadResult("crisis.cit"),
  ]);
  const crisisDs = datasets.find((d) => d.dataset === "seattle-crisis");
  const uofDs = datasets.find((d) => d.dataset === "seattle-uof");
  const term = (terms: CitTerm[] | undefined, name: string) => {
    const found = terms?.find((t) => t.term === name);
    return found ? explainerTerm(found) : null;
  };
  const subjects = uofAgg?.subjects ?? [];
  const subjectTotal = subjects.reduce((s, x) => s + x.subjects, 0);
  const notSpecified = subjects.filter((s) => s.race === "Not Specified").reduce((s, x) => s + x.subjects, 0);
  const places = uofAgg?.places ?? [];
  const placeTotal = places.reduce((s, x) => s + x.incidents, 0);
  const unknownPlace = places
    .filter((p) => p.precinct === "Unknown" || p.precinct === "Out of jurisdiction")
    .reduce((s, x) => s + x.incidents, 0);
  return {
    crisis:
      crisisYearly && crisisDs
        ? {
            templates: crisisYearly.totals.templates,
            contacts: crisisYearly.totals.contacts,
            rows: crisisYearly.totals.rows,
            contactsWithForce: crisisYearly.totals.contactsWithForce,
            forceRate: crisisYearly.totals.contactsWithForce / Math.max(1, crisisYearly.totals.contacts),
            citCertifiedShare:
              crisisYearly.years.reduce((s, y) => s + y.contactsCitCertified, 0) /
              Math.max(1, crisisYearly.totals.contacts),
            templateForceRate: crisisYearly.totals.templatesWithForce / Math.max(1, crisisYearly.totals.templates),
            templateCitCertifiedShare:
              crisisYearly.years.reduce((s, y) => s + y.templatesCitCertified, 0) /
              Math.max(1, crisisYearly.totals.templates),
            label: crisisDs.label,
            synthetic: crisisDs.synthetic,
          }
        : null,
    uof:
      uofYearly && uofDs
        ? {
            rows: uofYearly.totals.rows,
            incidents: uofYearly.totals.incidents,
            officers: uofYearly.totals.officers,
            notSpecifiedShare: subjectTotal ? notSpecified / subjectTotal : 0,
            unknownPrecinctShare: placeTotal ? unknownPlace / placeTotal : 0,
            label: uofDs.label,
          }
        : null,
    cit: cit
      ? {
          n: cit.n,
          force: term(cit.force.terms, "cit_certified"),
          arrest: term(cit.disposition.outcomes.arrest?.terms, "cit_certified"),
          referral: term(cit.disposition.outcomes.referral?.terms, "cit_certified"),
          violentCall: term(cit.force.terms, "call_risk_groupviolent_or_weapon"),
          dispatchDifferencePp: cit.dispatchBalance?.violentShareDifferencePp ?? null,
          dispatchP: cit.dispatchBalance?.test.p ?? null,
        }
      : null,
    smallCountThreshold: env().SMALL_COUNT_THRESHOLD,
  };
}

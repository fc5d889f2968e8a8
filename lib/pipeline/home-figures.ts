import { formatInt, formatPercent } from "@/lib/format";
import { UNIT } from "@/lib/charts/units";
import type { CrisisYearly } from "./crisis-summary";
import type { UseOfForceYearly } from "./uof-summary";

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export interface HomeFigure {
  id: string;
  value: string;
  label: string;
  detail: string;
  href?: string;
  /** The dataset the figure is computed from: the page badges figures from a synthetic sample. */
  source: "seattle-uof" | "seattle-crisis";
}

/** The headline numbers, written from the stored results (never pasted): pure, so tests can check each one. */
export function homeFigures(uof: UseOfForceYearly | null, crisis: CrisisYearly | null): HomeFigure[] {
  const out: HomeFigure[] = [];
  if (uof && uof.years.length) {
    const full = uof.partialLastYear ? uof.years.slice(0, -1) : uof.years;
    const latest = full.at(-1);
    const previous = full.at(-2);
    if (latest) {
      const change =
        previous && previous.incidents > 0 ? (latest.incidents - previous.incidents) / previous.incidents : null;
      out.push({
        id: "uof-latest-year",
        source: "seattle-uof",
        href: "/use-of-force",
        value: formatInt(latest.incidents),
        label: `Use-of-force incidents in ${latest.year}`,
        detail:
          change === null
            ? "First full year in the data."
            : `${change >= 0 ? "Up" : "Down"} ${formatPercent(Math.abs(change))} from ${formatInt(previous!.incidents)} in ${previous!.year}.`,
      });
      const serious = latest.incidentsByLevel["2"] + latest.incidentsByLevel["3"] + latest.incidentsByLevel["4"];
      out.push({
        id: "uof-level2-share",
        source: "seattle-uof",
        href: "/metrics#kpi-level2-share",
        value: formatPercent(latest.incidents ? serious / latest.incidents : 0),
        label: `Share of ${latest.year} incidents at Level 2 or above`,
        detail: `${formatInt(serious)} of ${formatInt(latest.incidents)} incidents caused or were expected to cause injury.`,
      });
    }
    out.push({
      id: "uof-total",
      source: "seattle-uof",
      href: "/use-of-force#uof-concentration",
      value: formatInt(uof.totals.incidents),
      label: "Use-of-force incidents in the data",
      detail: `${formatInt(uof.totals.rows)} officer-subject rows, ${formatInt(uof.totals.officers)} officers, ${uof.years[0]!.year}-${uof.years.at(-1)!.year}.`,
    });
  }
  if (crisis && crisis.years.length) {
    out.push({
      id: "crisis-total",
      source: "seattle-crisis",
      href: "/crisis",
      value: formatInt(crisis.totals.templates),
      label: `${cap(UNIT.crisisContact.many)} in the data`,
      detail: `Counted by Template ID, from ${formatInt(crisis.totals.rows)} disposition rows, ${crisis.years[0]!.year}-${crisis.years.at(-1)!.year}.`,
    });
    // The same unit as the /crisis charts (crisis contacts = Template IDs); the officer-contact figure, the unit of
    // the CIT models, is given beside it because the two differ.
    const t = crisis.totals;
    out.push({
      id: "crisis-force-share",
      source: "seattle-crisis",
      href: "/crisis#crisis-force-share",
      value: formatPercent(t.templates ? t.templatesWithForce / t.templates : 0),
      label: `${cap(UNIT.crisisContact.many)} with reported use of force`,
      detail: `${formatInt(t.templatesWithForce)} of ${formatInt(t.templates)} ${UNIT.crisisContact.qualified}; counted by ${UNIT.officerContact.qualified}, ${formatInt(t.contactsWithForce)} of ${formatInt(t.contacts)}.`,
    });
    // The last year the data cover to December (a partial year is never the latest figure), against the first.
    const complete =
      crisis.periodEnd && crisis.periodEnd.slice(5, 7) !== "12" ? crisis.years.slice(0, -1) : crisis.years;
    const lastYear = complete.at(-1) ?? crisis.years.at(-1)!;
    const firstYear = crisis.years[0]!;
    const citShare = (y: typeof lastYear) => formatPercent(y.templates ? y.templatesCitCertified / y.templates : 0);
    out.push({
      id: "crisis-cit-coverage",
      source: "seattle-crisis",
      href: "/crisis#crisis-cit-coverage",
      value: citShare(lastYear),
      label: `${cap(UNIT.crisisContact.many)} with a CIT-certified officer in ${lastYear.year}`,
      detail: `Against ${citShare(firstYear)} in ${firstYear.year} (${UNIT.crisisContact.qualified}). Certification means the 40-hour course; the data cannot show the 8-hour yearly training.`,
    });
  }
  return out;
}

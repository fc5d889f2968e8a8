import { formatInt, formatPercent } from "@/lib/format";
import type { CrisisYearly } from "./crisis-summary";
import type { UseOfForceYearly } from "./uof-summary";

export interface HomeFigure {
  id: string;
  value: string;
  label: string;
  detail: string;
  href?: string;
}

/** The headline numbers, written from the stored results (never pasted): pure, so tests can check each one. */
export function homeFigures(uof: UseOfForceYearly | null, crisis: CrisisYearly | null): HomeFigure[] {
  const out: HomeFigure[] = [];
  if (uof && uof.years.length) {
    const full = uof.partialLastYear ? uof.years.slice(0, -1) : uof.years;
    const latest = full.at(-1);
    const previous = full.at(-2);
    if (latest) {
      const change = previous && previous.incidents > 0 ? (latest.incidents - previous.incidents) / previous.incidents : null;
      out.push({
        id: "uof-latest-year",
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
        href: "/metrics#kpi-level2-share",
        value: formatPercent(latest.incidents ? serious / latest.incidents : 0),
        label: `Share of ${latest.year} incidents at Level 2 or above`,
        detail: `${formatInt(serious)} of ${formatInt(latest.incidents)} incidents caused or were expected to cause injury.`,
      });
    }
    out.push({
      id: "uof-total",
      href: "/use-of-force#uof-concentration",
      value: formatInt(uof.totals.incidents),
      label: "Use-of-force incidents in the data",
      detail: `${formatInt(uof.totals.rows)} officer-subject rows, ${formatInt(uof.totals.officers)} officers, ${uof.years[0]!.year}-${uof.years.at(-1)!.year}.`,
    });
  }
  if (crisis && crisis.years.length) {
    out.push({
      id: "crisis-total",
      href: "/crisis",
      value: formatInt(crisis.totals.templates),
      label: "Crisis contacts in the data",
      detail: `Counted by Template ID, from ${formatInt(crisis.totals.rows)} disposition rows, ${crisis.years[0]!.year}-${crisis.years.at(-1)!.year}.`,
    });
    out.push({
      id: "crisis-force-share",
      href: "/crisis#crisis-force-share",
      value: formatPercent(crisis.totals.contacts ? crisis.totals.contactsWithForce / crisis.totals.contacts : 0),
      label: "Crisis contacts with reported use of force",
      detail: `${formatInt(crisis.totals.contactsWithForce)} of ${formatInt(crisis.totals.contacts)} officer contacts (Template ID + officer).`,
    });
    const lastYear = crisis.years.at(-1)!;
    const firstYear = crisis.years[0]!;
    out.push({
      id: "crisis-cit-coverage",
      href: "/crisis#crisis-cit-coverage",
      value: formatPercent(lastYear.contacts ? lastYear.contactsCitCertified / lastYear.contacts : 0),
      label: `Officer contacts by a CIT-certified officer in ${lastYear.year}`,
      detail: `Against ${formatPercent(firstYear.contacts ? firstYear.contactsCitCertified / firstYear.contacts : 0)} in ${firstYear.year}. Certification means the 40-hour course; the data cannot show the 8-hour yearly training.`,
    });
  }
  return out;
}

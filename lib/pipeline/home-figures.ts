import { formatterFor } from "@/lib/format";
import { INTL_LOCALES, type Locale } from "@/lib/i18n/config";
import { translator, type Say } from "@/lib/i18n/messages";
import type { CrisisYearly } from "./crisis-summary";
import type { UseOfForceYearly } from "./uof-summary";

export interface HomeFigure {
  id: string;
  value: string;
  label: string;
  detail: string;
  href?: string;
  /** The dataset the figure is computed from: the page badges figures from a synthetic sample. */
  source: "seattle-uof" | "seattle-crisis";
}

/**
 * The headline numbers, written from the stored results (never pasted): pure, so tests can check each one. The words
 * are the catalogue's templates (homeFigures.* in lib/i18n/messages; the units as lib/charts/units.ts names them),
 * the numbers formatted for the locale.
 */
export function homeFigures(
  uof: UseOfForceYearly | null,
  crisis: CrisisYearly | null,
  locale: Locale = "en",
  t: Say = translator(locale, "homeFigures"),
): HomeFigure[] {
  const { int: formatInt, percent } = formatterFor(INTL_LOCALES[locale]);
  const formatPercent = (x: number) => percent(x);
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
        label: t("uofLatestLabel", { year: String(latest.year) }),
        detail:
          change === null
            ? t("uofFirstYear")
            : t("uofChange", {
                up: String(change >= 0),
                change: formatPercent(Math.abs(change)),
                previous: formatInt(previous!.incidents),
                previousYear: String(previous!.year),
              }),
      });
      const serious = latest.incidentsByLevel["2"] + latest.incidentsByLevel["3"] + latest.incidentsByLevel["4"];
      out.push({
        id: "uof-level2-share",
        source: "seattle-uof",
        href: "/metrics#kpi-level2-share",
        value: formatPercent(latest.incidents ? serious / latest.incidents : 0),
        label: t("uofSeriousLabel", { year: String(latest.year) }),
        detail: t("uofSeriousDetail", { serious: formatInt(serious), incidents: formatInt(latest.incidents) }),
      });
    }
    out.push({
      id: "uof-total",
      source: "seattle-uof",
      href: "/use-of-force#uof-concentration",
      value: formatInt(uof.totals.incidents),
      label: t("uofTotalLabel"),
      detail: t("uofTotalDetail", {
        rows: formatInt(uof.totals.rows),
        officers: formatInt(uof.totals.officers),
        first: String(uof.years[0]!.year),
        last: String(uof.years.at(-1)!.year),
      }),
    });
  }
  if (crisis && crisis.years.length) {
    out.push({
      id: "crisis-total",
      source: "seattle-crisis",
      href: "/crisis",
      value: formatInt(crisis.totals.templates),
      label: t("crisisTotalLabel"),
      detail: t("crisisTotalDetail", {
        rows: formatInt(crisis.totals.rows),
        first: String(crisis.years[0]!.year),
        last: String(crisis.years.at(-1)!.year),
      }),
    });
    // The same unit as the /crisis charts (crisis contacts = Template IDs); the officer-contact figure, the unit of
    // the CIT models, is given beside it because the two differ.
    const tot = crisis.totals;
    out.push({
      id: "crisis-force-share",
      source: "seattle-crisis",
      href: "/crisis#crisis-force-share",
      value: formatPercent(tot.templates ? tot.templatesWithForce / tot.templates : 0),
      label: t("crisisForceLabel"),
      detail: t("crisisForceDetail", {
        withForce: formatInt(tot.templatesWithForce),
        templates: formatInt(tot.templates),
        contactsWithForce: formatInt(tot.contactsWithForce),
        contacts: formatInt(tot.contacts),
      }),
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
      label: t("crisisCitLabel", { year: String(lastYear.year) }),
      detail: t("crisisCitDetail", { first: citShare(firstYear), firstYear: String(firstYear.year) }),
    });
  }
  return out;
}

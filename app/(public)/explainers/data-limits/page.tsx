import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import { UNIT } from "@/lib/charts/units";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatPercent } from "@/lib/format";

export const generateMetadata = pageMetadata("What the data cannot answer", "/explainers/data-limits");

export default async function DataLimitsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/data-limits", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  return (
    <article className="explainer">
      <h1>What the data cannot answer</h1>
      <PageHead frame={page.frame} />
      <p className="lede">Questions the open data cannot settle, and what future reports should add to settle them.</p>
      <ol className="limits">
        <li id="cit">
          <h2>The 8-hour CIT-trained modality</h2>
          <p data-testid="limit-cit">
            SPD officers are CIT-certified after a 40-hour course and are meant to take 8 hours of crisis training a
            year. The open Crisis Data has only &quot;CIT Certified Indicator&quot; (Y or empty), so it separates
            certified officers from everyone else: trained-only, untrained and unknown are mixed.
            {f.crisis &&
              ` In the current data ${formatPercent(f.crisis.citCertifiedShare)} of ${UNIT.officerContact.qualified} have the indicator set, and ${formatPercent(f.crisis.templateCitCertifiedShare)} of ${UNIT.crisisContact.qualified} had at least one such officer.`}{" "}
            <em>Should add:</em> each officer&apos;s training hours and dates.
          </p>
        </li>
        <li id="injury-weapons">
          <h2>Injuries, weapons and the person&apos;s state</h2>
          <p>
            No field records a weapon, intoxication, injuries to anyone, or how the encounter unfolded.{" "}
            <em>Should add:</em> these fields in the crisis template.
          </p>
        </li>
        <li id="link">
          <h2>A link between Crisis Data and Use of Force</h2>
          <p>
            The two datasets use different officer ID spaces and no shared incident key, so a crisis contact cannot be
            matched to its use-of-force report. <em>Should add:</em> a shared, anonymised incident and officer key.
          </p>
        </li>
        <li id="era">
          <h2>2020 and COVID-19</h2>
          <p>
            CIT training was suspended in 2020 and resumed in 2021, while COVID-19 and the 2020 protests changed
            policing. Trends across 2020 mix all of these. <em>Should add:</em> training and staffing data by quarter.
          </p>
        </li>
        <li id="reporting">
          <h2>Reporting changes over time</h2>
          <p>
            Forms, definitions and call-type labels changed over the decade; some shifts in the data are changes in
            recording. <em>Should add:</em> a published log of reporting changes (the portal&apos;s annotations start
            one).
          </p>
        </li>
        <li id="missing">
          <h2>Missing and unspecified values</h2>
          <p data-testid="limit-missing">
            {f.uof
              ? `${formatPercent(f.uof.notSpecifiedShare)} of people who received force have race "Not Specified", and ${formatPercent(f.uof.unknownPrecinctShare)} of incidents have no precinct or were out of jurisdiction. `
              : ""}
            The portal shows these shares instead of dropping them.
          </p>
        </li>
        <li id="small-counts">
          <h2>Small counts</h2>
          <p>
            Counts below {f.smallCountThreshold} are shown but flagged unstable (open, lighter marks; the unstable
            column of every download), and small rates carry wide intervals; precinct-by-month views are often too small
            to read.
          </p>
        </li>
      </ol>
    </article>
  );
}

import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import { UNIT } from "@/lib/charts/units";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatInt } from "@/lib/format";

export const generateMetadata = pageMetadata("How we count", "/explainers/counting");

export default async function CountingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/counting", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  return (
    <article className="explainer">
      <h1>A row is not a contact, and a contact is not an incident</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        The same data can give very different numbers depending on what is counted. This is how the portal counts each
        figure.
      </p>
      <h2 id="rows-contacts">Crisis Data: rows, templates and officer contacts</h2>
      {f.crisis ? (
        <p data-testid="crisis-counts">
          The current Crisis Data (<code>{f.crisis.label}</code>) has <strong>{formatInt(f.crisis.rows)}</strong> rows,
          one per disposition. They describe <strong>{formatInt(f.crisis.templates)}</strong>{" "}
          {UNIT.crisisContact.qualified} (one person in one crisis template, the source&apos;s own counting unit) and{" "}
          <strong>{formatInt(f.crisis.contacts)}</strong> {UNIT.officerContact.qualified}, because several officers can
          record the same template. Counting rows would overstate {UNIT.crisisContact.many} by{" "}
          {formatInt(f.crisis.rows - f.crisis.templates)}.
        </p>
      ) : (
        <p>No crisis data is loaded.</p>
      )}
      <ul>
        <li>
          <strong>Trend pages</strong>, the home page and the metrics count {UNIT.crisisContact.qualified}: each person
          in crisis once.
        </li>
        <li>
          <strong>The CIT models</strong> use {UNIT.officerContact.qualified}: the question is about officers&apos;
          training, so each officer who handled a template is one observation, with standard errors that allow for many{" "}
          {UNIT.officerContact.many} per officer.
        </li>
        <li>
          An {UNIT.officerContact.one} used force if any of its rows says so, a {UNIT.crisisContact.one} if any of its
          officer contacts did; its disposition is the most serious of its rows.
        </li>
      </ul>
      <h2 id="incidents">Use of Force: rows and incidents</h2>
      {f.uof ? (
        <p data-testid="uof-counts">
          The current Use of Force data (<code>{f.uof.label}</code>) has <strong>{formatInt(f.uof.rows)}</strong> rows,
          one per officer and subject, describing <strong>{formatInt(f.uof.incidents)}</strong>{" "}
          {UNIT.incident.qualified} and {formatInt(f.uof.officers)} officers. An incident is counted once, at its most
          serious level.
        </p>
      ) : (
        <p>No use-of-force data is loaded.</p>
      )}
      <h2 id="not-linked">The two datasets cannot be linked</h2>
      <p>
        Use of Force covers all incidents, not only crisis contacts, and its officer IDs are a different ID space from
        the Crisis Data&apos;s. The portal never joins them, so it cannot say how many crisis contacts led to a
        use-of-force report beyond the Crisis Data&apos;s own Use of Force Indicator.
      </p>
      <h2 id="small-counts">Small numbers and intervals</h2>
      <p>
        Counts below {f.smallCountThreshold}, and rates on fewer than {f.smallCountThreshold} events or contacts, are
        shown but flagged unstable (nothing is withheld: the row-level data are public), and rates are shown with 95%
        Wilson intervals: a rate on a few dozen contacts can move a lot by chance. A change that stays inside the
        interval band may be noise.
      </p>
    </article>
  );
}

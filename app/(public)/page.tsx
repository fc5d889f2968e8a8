import { KeyFigure } from "@/components/key-figure";
import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { UseOfForceYearTable } from "@/components/uof-year-table";
import { getHomePage } from "@/lib/dal/home";
import { formatDate, formatInt, formatPercent } from "@/lib/format";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";

// The site's own title (the root layout's), with tags naming the page's address and release.
export const generateMetadata = pageMetadata(null, "/");

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/", searchParams, getHomePage, { datasets: ["seattle-uof", "seattle-crisis"] });
  if (!page.ok) return <ReleaseParamError page={page} />;
  const { uof, crisis, datasets, figures, lastUpdated } = page.data;
  return (
    <>
      <section className="intro">
        <h1>Crisis response and use of force in Seattle</h1>
        <PageHead frame={page.frame} />
        <p className="lede">
          Figures on how the Seattle Police Department responds to people in crisis and when officers use force,
          computed from the city&apos;s open data. Every number names its dataset version; none of them, on its own,
          says why something happened.
        </p>
        <p className="meta">
          Data last updated {lastUpdated ? formatDate(lastUpdated) : "never"}.{" "}
          {uof?.payload.periodStart && (
            <>
              Use of force: {formatDate(uof.payload.periodStart, "month")} to{" "}
              {formatDate(uof.payload.periodEnd, "month")}.{" "}
            </>
          )}
          {crisis?.payload.periodStart && (
            <>
              Crisis contacts: {formatDate(crisis.payload.periodStart, "month")} to{" "}
              {formatDate(crisis.payload.periodEnd, "month")}.
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures">Key figures</h2>
        {figures.length === 0 ? (
          <p>
            No data has been loaded yet. Run <code>npm run demo</code> or the ingest command to load the data.
          </p>
        ) : (
          <div className="key-figures">
            {figures.map((f) => (
              <KeyFigure
                key={f.id}
                {...f}
                href={f.href && keepPin(page.frame, f.href)}
                synthetic={datasets.some((d) => d.dataset === f.source && d.synthetic)}
              />
            ))}
          </div>
        )}
      </section>

      {uof && (
        <section aria-labelledby="uof-by-year">
          <h2 id="uof-by-year">Use-of-force incidents per year</h2>
          <p>
            An incident is counted once, at its most serious level, however many officers and subjects it involved.
            Level 1 is force that causes at most transient pain; Level 2 causes or is expected to cause injury; Level 3
            causes substantial injury; OIS is an officer-involved shooting.
          </p>
          <UseOfForceYearTable data={uof.payload} />
          <p className="source-note">
            Source: {datasets.find((d) => d.dataset === "seattle-uof")?.sourceName}, version{" "}
            <code>{datasets.find((d) => d.dataset === "seattle-uof")?.label}</code>, computed{" "}
            {formatDate(uof.computedAt)} (methodology {uof.methodologyVersion}). Rows in the source:{" "}
            {formatInt(uof.payload.totals.rows)}.{uof.payload.partialLastYear && " The last year is partial."}
          </p>
        </section>
      )}
      {crisis && (
        <p className="meta">
          Crisis contacts are counted by Template ID, not by rows: the source has one row per disposition (
          {formatInt(crisis.payload.totals.rows)} rows for {formatInt(crisis.payload.totals.templates)} templates,{" "}
          {formatPercent(crisis.payload.totals.rows / Math.max(1, crisis.payload.totals.templates) - 1, 0)} more rows
          than contacts).
        </p>
      )}
    </>
  );
}

import { PageFreshness } from "@/components/page-data-status";
import { KeyFigure } from "@/components/key-figure";
import { PageNotes } from "@/components/annotations/page-notes";
import { getPageNotes } from "@/lib/dal/annotations";
import { UseOfForceYearTable } from "@/components/uof-year-table";
import { getActiveDatasets } from "@/lib/dal/datasets";
import { getResult } from "@/lib/dal/results";
import { formatDate, formatInt, formatPercent } from "@/lib/format";
import { homeFigures } from "@/lib/pipeline/home-figures";

export default async function HomePage() {
  const [uof, crisis, datasets] = await Promise.all([
    getResult("uof.yearly"),
    getResult("crisis.yearly"),
    getActiveDatasets(),
  ]);
  const figures = homeFigures(uof?.payload ?? null, crisis?.payload ?? null);
  const lastUpdated =
    datasets
      .map((d) => d.activatedAt)
      .filter(Boolean)
      .sort()
      .at(-1) ?? null;
  return (
    <>
      <section className="intro">
        <h1>Crisis response and use of force in Seattle</h1>
        <PageNotes notes={await getPageNotes("/")} />
        <PageFreshness datasets={["seattle-uof", "seattle-crisis"]} />
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
              <KeyFigure key={f.id} {...f} synthetic={datasets.some((d) => d.dataset === f.source && d.synthetic)} />
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

import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import Link from "next/link";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { ForestPlot } from "@/components/forest-plot";
import { getCitPage } from "@/lib/dal/charts";
import { formatInt } from "@/lib/format";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("CIT comparison", "/cit");

const FOREST = new Set(["cit-call-risk", "cit-force-model", "cit-by-era"]);

export default async function CitPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/cit", searchParams, getCitPage, { datasets: ["seattle-crisis"], dataStatus: true });
  if (!page.ok) return <ReleaseParamError page={page} />;
  const { charts, cit } = page.data;
  return (
    <>
      <h1>Do outcomes differ with crisis intervention training?</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Contacts handled by CIT-certified officers compared with other contacts, adjusting for the call, the place, the
        officer and the period. These are associations in observational data: they do not show what training causes.{" "}
        <Link href={keepPin(page.frame, "/explainers/association-causation")}>Why not?</Link>
      </p>
      {cit ? (
        <>
          <div className="callout" role="note" aria-label="What the data can separate">
            <p>
              <strong>Two groups, not three.</strong> {cit.modalityNote}
            </p>
          </div>
          <p className="meta" data-testid="cit-n">
            {formatInt(cit.n)} officer contacts from {formatInt(cit.clusters)} officers; standard errors {cit.seMethod}.{" "}
            {cit.exclusions.quarantinedAtIngest.rows > 0 &&
              `${formatInt(cit.exclusions.quarantinedAtIngest.rows)} rows with impossible experience values were quarantined at ingest. `}
            {cit.exclusions.excluded
              .map((e) => `${formatInt(e.contacts)} contacts excluded: ${e.description}`)
              .join(" ")}{" "}
            Odds ratios are not probabilities:{" "}
            <Link href={keepPin(page.frame, "/explainers/odds-ratios")}>how to read them</Link>.
          </p>
          {charts.map((c) => (
            <ChartBlock key={c.id} chart={c} figure={FOREST.has(c.id) ? <ForestPlot rows={c.rows} /> : undefined} />
          ))}
          <section aria-labelledby="cit-caveats">
            <h2 id="cit-caveats">Before drawing conclusions</h2>
            <ul>
              {cit.caveats.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </section>
        </>
      ) : (
        <p>
          The CIT models have not been computed for the current data yet (run the pipeline:{" "}
          <code>npm run cli -- compute</code>).
        </p>
      )}
    </>
  );
}

import { UNIT } from "@/lib/charts/units";
import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { getExtractPage } from "@/lib/extracts/page-data";
import { formatInt } from "@/lib/format";
import { DatasetForm, ExtractFiltersForm } from "./extract-form";
import "./extracts.css";

export const generateMetadata = pageMetadata("Download data", "/extracts");

/**
 * The extract builder: choose a dataset, filters and columns; the page counts the rows before anything is
 * downloaded and links the CSV, JSON, manifest, data dictionary and ZIP of exactly that selection. The page URL is
 * the permalink that reproduces the extract.
 */
export default async function ExtractsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/extracts", searchParams, getExtractPage);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const data = page.data;
  const api = `/api/v1/extracts/${data.dataset}`;
  const q = data.query;
  const withFormat = (format: string) => (q ? `${q}&format=${format}` : `?format=${format}`);
  const permalink = `/extracts?dataset=${data.dataset}${q ? `&${q.slice(1)}` : ""}`;
  const ready = data.rowCount !== null && data.errors.length === 0;
  // Links to other answers keep the page's release (dictionaries and the OpenAPI document are pinnable too).
  const pin = (href: string) => keepPin(page.frame, href);
  return (
    <>
      <h1>Download data</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Extracts of the data behind this site for reporting and research: the rows as Seattle publishes them, the
        contact view the figures count, and the numbers behind every chart. Each download names its dataset version and
        comes with a manifest and a data dictionary, so a figure can be cited and reproduced.
      </p>

      <h2 id="choose">1. Dataset</h2>
      <DatasetForm data={data} />

      <h2 id="filters">2. Filters and columns</h2>
      <ExtractFiltersForm data={data} />

      <section aria-labelledby="result" className="extract-result">
        <h2 id="result">3. Your extract</h2>
        {ready ? (
          <>
            <p data-testid="row-count" className="extract-count">
              <strong>{formatInt(data.rowCount!)}</strong> {data.rowCount === 1 ? "row" : "rows"} match
              {data.templateCount != null && data.templateCount !== data.rowCount && (
                <span data-testid="unit-count">
                  {" "}
                  = <strong>{formatInt(data.templateCount)}</strong> {UNIT.crisisContact.qualified}
                </span>
              )}
              , from version <code>{data.version}</code>.
            </p>
            <p className="meta">Filters: {data.summary}.</p>
            {data.aggregate && data.aggregate.chart.unstableCells > 0 && (
              <p className="meta">
                {formatInt(data.aggregate.chart.unstableCells)} values rest on counts below{" "}
                {data.aggregate.chart.smallCountThreshold}: shown, and listed in the <code>unstable</code> column, as in
                the chart.
              </p>
            )}
            <ul className="download-list">
              <li>
                <a href={`${api}${q}`} download>
                  Download CSV
                </a>{" "}
                (UTF-8; the file name carries the dataset version)
              </li>
              <li>
                <a href={`${api}/zip${q}`} download>
                  Download ZIP
                </a>{" "}
                (CSV, data dictionary and manifest with the CSV&apos;s SHA-256)
              </li>
              <li>
                <a href={`${api}/manifest${q}`}>Manifest</a> (JSON: version, source, retrieval date, source SHA-256,
                filters, row count)
              </li>
              <li>
                Data dictionary: <a href={pin(`/api/v1/dictionary/${data.dataset}?format=csv`)}>CSV</a> or{" "}
                <a href={pin(`/api/v1/dictionary/${data.dataset}`)}>JSON</a>
              </li>
              <li>
                <a href={`${api}${withFormat("json")}`}>JSON</a> (
                {data.aggregate ? (
                  "all rows in one answer"
                ) : (
                  <>
                    pages of {formatInt(1000)} rows with a <code>nextCursor</code>
                  </>
                )}
                ; see the <a href={pin("/api/v1/openapi.json")}>API description</a>)
              </li>
            </ul>
            <p>
              <a href={permalink} data-testid="permalink">
                Permalink to this extract
              </a>
              :{" "}
              {!data.release
                ? "the same link always gives this selection from the current version of the data."
                : data.aggregate
                  ? `the same link always gives this selection as release ${data.release} published it.`
                  : `the same link gives this selection from release ${data.release} for as long as that release's version of the data is the current one; after a newer load it says the rows are no longer kept.`}
            </p>
            {data.aggregate && (
              <p>
                Shown on <Link href={pin(`${data.aggregate.page}#${data.aggregate.chart.id}`)}>its page</Link>; also at
                the stable address <code>/api/v1/charts/{data.aggregate.chart.id}</code>.
              </p>
            )}
          </>
        ) : (
          <p>Fix the problems above to see the row count and the download links.</p>
        )}
      </section>

      <section aria-labelledby="public">
        <h2 id="public">What is in the extracts</h2>
        <ul>
          <li>
            Only fields Seattle already publishes, plus documented derived columns (force level, disposition group, the
            contact key). Officer IDs appear as Seattle publishes them; nothing from staff tools is ever included.
          </li>
          <li>
            Aggregates flag small counts exactly as the charts do: nothing is withheld, and the <code>unstable</code>{" "}
            column lists values resting on small counts.
          </li>
          <li>
            Dates are Seattle local time as published (ISO 8601 without an offset). Provenance of every version:{" "}
            <Link href={pin("/data")}>Data &amp; versions</Link>.
          </li>
          <li>
            For scripts: the <a href={pin("/api/v1/openapi.json")}>OpenAPI description</a>. Downloads are limited per
            client to a number of requests a minute; a 429 answer says when to try again.
          </li>
        </ul>
      </section>
    </>
  );
}

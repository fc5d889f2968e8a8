import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { getRelease, isReleaseId, type ReleaseDatasetDto } from "@/lib/dal/releases";
import { ROW_DATASET_IDS, ROW_DATASETS } from "@/lib/extracts/datasets";
import { formatDate, formatInt } from "@/lib/format";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const id = decodeURIComponent((await params).id);
  return pageMetadata(`Release ${id.slice(0, 40)}`, `/releases/${encodeURIComponent(id)}`)({ searchParams });
}

const delta = (n: number) => (n > 0 ? `+${formatInt(n)}` : n < 0 ? `-${formatInt(-n)}` : "±0");

/** Whether this release's rows of one source can still be extracted pinned (the rule of lib/extracts/resolve.ts). */
function RowPinning({ d, release }: { d: ReleaseDatasetDto; release: string }) {
  const ids = ROW_DATASET_IDS.filter((id) => ROW_DATASETS[id].source === d.dataset);
  if (ids.length === 0) return null;
  const names = ids.map((id, i) => (
    <span key={id}>
      {i > 0 && ", "}
      {d.current ? <a href={`/extracts?dataset=${id}&release=${release}`}>{id}</a> : <code>{id}</code>}
    </span>
  ));
  return d.current ? (
    <li>
      Row-level extracts of {d.dataset} ({names}): served pinned to this release, because its version{" "}
      <code>{d.label}</code> is still the current one. Once a newer version is loaded they are not: the rows of
      superseded versions are not kept.
    </li>
  ) : (
    <li>
      Row-level extracts of {d.dataset} ({names}): no longer available for this release. Its version{" "}
      <code>{d.label}</code> has been superseded
      {d.currentLabel && (
        <>
          {" "}
          by <code>{d.currentLabel}</code>
        </>
      )}{" "}
      and its rows are not kept, so such a request answers 400 (<code>release_rows_unavailable</code>). The SHA-256 and
      row counts above let a copy of the source file be checked against this release.
    </li>
  );
}

export default async function ReleasePage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  // Through the page frame like every public page: `?release=` pins its notes, and the notes of /releases apply.
  const page = await publicPage(`/releases/${encodeURIComponent(id)}`, searchParams, () => getRelease(id), {
    notesOf: "/releases",
  });
  if (!page.ok) return <ReleaseParamError page={page} />;
  if (!isReleaseId(id))
    return (
      <article className="explainer release-page">
        <h1>Not a release id</h1>
        <p data-testid="release-id-error">
          &quot;{id.slice(0, 40)}&quot; is not a release id. A release id looks like 2026.12.1: the year, the month and
          the release&apos;s number in that month. <Link href="/releases">Every release</Link> is listed.
        </p>
      </article>
    );
  const r = page.data;
  if (!r) notFound();
  const c = r.changelog;
  const missing = [...new Set(ROW_DATASET_IDS.map((id) => ROW_DATASETS[id].source))].filter(
    (source) => !r.datasets.some((d) => d.dataset === source),
  );
  return (
    <article className="explainer release-page">
      <h1>Release {r.number}</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Made {formatDate(r.createdAt)} ({r.latest ? "the latest release" : "not the latest release"}); methodology
        version <a href={`/methodology?release=${r.number}`}>{r.methodologyVersion}</a>; {r.notes.published} published
        and {r.notes.retired} retired notes.{" "}
        <a href={`/?release=${r.number}`} data-testid="release-site-link">
          See the site as published in this release
        </a>
        : every page takes <code>?release={r.number}</code> (see <Link href="/releases">Releases</Link>).
      </p>
      <nav aria-label="Other releases">
        {r.previous && <Link href={`/releases/${r.previous}`}>Previous: {r.previous}</Link>}
        {r.previous && r.next && " · "}
        {r.next && <Link href={`/releases/${r.next}`}>Next: {r.next}</Link>}
        {" · "}
        <Link href="/releases">All releases</Link>
      </nav>

      <section aria-labelledby="rel-sources">
        <h2 id="rel-sources">Sources</h2>
        <table className="data-table" data-testid="release-sources">
          <caption>Dataset versions in this release, with the SHA-256 of their input and row accounting</caption>
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Version</th>
              <th scope="col">Input SHA-256</th>
              <th scope="col" className="num">
                Read
              </th>
              <th scope="col" className="num">
                Loaded
              </th>
              <th scope="col" className="num">
                Quarantined
              </th>
            </tr>
          </thead>
          <tbody>
            {r.datasets.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  {d.dataset}
                  {d.synthetic && " (synthetic sample)"}
                </th>
                <td>
                  <code>{d.label}</code>
                </td>
                <td>
                  <code className="hash">{d.sha256}</code>
                </td>
                <td className="num">{formatInt(d.rowsRead)}</td>
                <td className="num">{formatInt(d.rowsLoaded)}</td>
                <td className="num">{formatInt(d.rowsQuarantined)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="rel-changelog">
        <h2 id="rel-changelog">Changelog</h2>
        <p>
          {c.first
            ? "The first release: everything in it is new."
            : `Computed from the data against release ${r.previous ?? "(pruned)"}.`}
        </p>
        {c.sources.length > 0 && (
          <table className="data-table" data-testid="changelog-sources">
            <caption>Rows per source: change in rows read, loaded and quarantined</caption>
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" className="num">
                  Rows read
                </th>
                <th scope="col" className="num">
                  Rows loaded
                </th>
                <th scope="col" className="num">
                  Quarantined
                </th>
              </tr>
            </thead>
            <tbody>
              {c.sources.map((s) => (
                <tr key={s.dataset}>
                  <th scope="row">{s.dataset}</th>
                  <td>{s.from ? <code>{s.from.label}</code> : "(none)"}</td>
                  <td>{s.to ? <code>{s.to.label}</code> : "(none)"}</td>
                  <td className="num">{delta(s.rowsRead.change)}</td>
                  <td className="num">{delta(s.rowsLoaded.change)}</td>
                  <td className="num">{delta(s.rowsQuarantined.change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!c.first && (
          <table className="data-table" data-testid="changelog-figures">
            <caption>Published headline figures that moved</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {c.figures.length === 0 ? (
                <tr>
                  <td colSpan={4}>No headline figure moved.</td>
                </tr>
              ) : (
                c.figures.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">{f.label}</th>
                    <td>{f.from ?? "(none)"}</td>
                    <td>{f.to ?? "(none)"}</td>
                    <td>{f.change ?? "not comparable (new label)"}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        )}
        <h3>Every change</h3>
        <ul data-testid="changelog-lines">
          {r.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rel-pinning">
        <h2 id="rel-pinning">What can be pinned to this release</h2>
        <ul data-testid="release-pinning">
          <li>
            Every page, every chart&apos;s CSV (<code>/api/v1/charts/ID?release={r.number}</code>) and embed, and the
            numbers behind every chart in <Link href={`/extracts?release=${r.number}`}>Download data</Link> (the{" "}
            <code>aggregate-</code> extracts with their manifests, data dictionaries and the OpenAPI document): each
            release keeps its computed results, so these show exactly what it published.
          </li>
          {r.datasets.map((d) => (
            <RowPinning key={d.id} d={d} release={r.number} />
          ))}
          {missing.length > 0 && (
            <li>
              This release has no {missing.join(" or ")} data (it was made before that dataset was loaded): its row
              extracts pinned to this release answer 400.
            </li>
          )}
        </ul>
      </section>
    </article>
  );
}

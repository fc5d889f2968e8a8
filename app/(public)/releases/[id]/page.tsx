import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getRelease, isReleaseId } from "@/lib/dal/releases";
import { formatDate, formatInt } from "@/lib/format";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Release ${(await params).id}` };
}

const delta = (n: number) => (n > 0 ? `+${formatInt(n)}` : n < 0 ? `-${formatInt(-n)}` : "±0");

export default async function ReleasePage({ params }: Props) {
  const id = decodeURIComponent((await params).id);
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
  const r = await getRelease(id);
  if (!r) notFound();
  const c = r.changelog;
  return (
    <article className="explainer release-page">
      <h1>Release {r.number}</h1>
      <p className="lede">
        Made {formatDate(r.createdAt)} ({r.latest ? "the latest release" : "not the latest release"}); methodology
        version <Link href="/methodology">{r.methodologyVersion}</Link>; {r.notes.published} published and{" "}
        {r.notes.retired} retired notes. Every chart&apos;s CSV download shows this release with{" "}
        <code>?release={r.number}</code>
        (see <Link href="/releases">Releases</Link>).{" "}
        <a href={`/?release=${r.number}`} data-testid="release-site-link">
          See the site as published in this release
        </a>
        : every page takes <code>?release={r.number}</code>.
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
      <p>
        Row-level extracts (<Link href="/extracts">Download data</Link>) serve the current dataset versions only: the
        rows of older versions are not kept once a second newer version is loaded, so an extract cannot be pinned to a
        release. Charts and their CSVs can, since each release keeps its computed results.
      </p>
    </article>
  );
}

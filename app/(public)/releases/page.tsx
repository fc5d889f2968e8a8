import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { getReleases } from "@/lib/dal/releases";
import { formatDate } from "@/lib/format";

export const generateMetadata = pageMetadata("Releases", "/releases");

const TRIGGERS: Record<string, string> = {
  load: "new data loaded",
  recompute: "figures recomputed",
  note: "a note published, retired or changed",
};

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/releases", searchParams, getReleases);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const releases = page.data;
  return (
    <article className="explainer releases-page">
      <h1>Releases</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        A release is a numbered, unchanging set of what this site published: the dataset versions, every computed
        figure, the notes and the methodology version. A new one is made whenever any of these changes, and its
        changelog is computed from the data, so a revision of a past figure is listed here for everyone to see. Add{" "}
        <code>?release=ID</code> to the address of any page, chart download (<code>/api/v1/charts/ID</code>) or embed to
        get exactly what that release showed (its figures, the notes published then and its methodology version);
        without it you get the latest. The numbers behind every chart (in Download data) can be pinned the same way;
        row-level extracts only while the release&apos;s version of the data is still the current one (older
        versions&apos; rows are not kept), and each release&apos;s page says which. Feed:{" "}
        <a href="/feeds/releases.atom">releases.atom</a>.
      </p>
      {releases.length === 0 ? (
        <p>No release has been made yet: no data has been loaded.</p>
      ) : (
        <table className="data-table" data-testid="release-list">
          <caption>Every kept release, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Release</th>
              <th scope="col">Date</th>
              <th scope="col">Why</th>
              <th scope="col">What changed</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((r, i) => (
              <tr key={r.number}>
                <th scope="row">
                  <Link href={`/releases/${r.number}`}>{r.number}</Link>
                  {i === 0 && " (latest)"}
                </th>
                <td>{formatDate(r.createdAt)}</td>
                <td>{TRIGGERS[r.trigger] ?? r.trigger}</td>
                <td>
                  <ul className="plain-list">
                    {r.lines.slice(0, 4).map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                    {r.lines.length > 4 && <li>and {r.lines.length - 4} more (see the release)</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Old releases are removed only on purpose, by the portal team (<code>releases prune --keep N</code>); a removed
        release&apos;s id then answers &quot;not found&quot;.
      </p>
    </article>
  );
}

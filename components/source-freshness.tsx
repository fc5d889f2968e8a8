import type { DatasetVersionDto } from "@/lib/dal/datasets";
import { formatDate } from "@/lib/format";

/**
 * /data's freshness facts for one source (two dt/dd pairs of its fact list): the date the data last changed and
 * which date that is (the publisher's, or the newest record's for a local file), then the fresh/stale sentence
 * against the source's expected cadence (lib/ingest/freshness.ts). Always shown here, stale or not; other pages only
 * speak up when a source is stale (components/page-frame.tsx).
 */
export function SourceFreshness({ d }: { d: DatasetVersionDto }) {
  const f = d.freshness;
  if (f.state === "synthetic")
    return (
      <>
        <dt>Freshness</dt>
        <dd data-testid={`freshness-${d.dataset}`}>
          Not judged: a generated sample has no publication date and is never current Seattle data.
        </dd>
      </>
    );
  if (f.state === "unknown")
    return (
      <>
        <dt>Freshness</dt>
        <dd data-testid={`freshness-${d.dataset}`}>
          Not judged: no date of the data&apos;s last change is known for this version.
        </dd>
      </>
    );
  return (
    <>
      <dt>Last updated</dt>
      <dd data-testid={`updated-${d.dataset}`}>
        <time dateTime={f.updatedAt}>{formatDate(f.updatedAt)}</time> ({f.basisLabel})
      </dd>
      <dt>Freshness</dt>
      <dd data-testid={`freshness-${d.dataset}`}>
        {f.state === "stale" ? (
          <span className="badge badge--warn">not updated recently</span>
        ) : (
          <span className="badge">current</span>
        )}{" "}
        {f.sentence} Expected cadence: {d.cadence?.label ?? "unknown"} (stale after {f.cadenceDays} days without a
        change).
      </dd>
    </>
  );
}

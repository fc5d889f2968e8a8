import Link from "next/link";
import { QUEUE_STATUS_LABELS, type FreshnessDto, type QueueItemDto } from "@/lib/dal/staff-eis-queue";
import { formatDate, formatInt } from "@/lib/format";

/** How old the data and the latest run are, with a warning when no load has come in for longer than the cadence. */
export function EisFreshness({ f }: { f: FreshnessDto }) {
  return (
    <div
      className={f.stale ? "alert alert--error eis-freshness--stale" : "meta"}
      data-testid="eis-freshness"
      data-stale={f.stale}
      role={f.stale ? "note" : undefined}
    >
      <p>
        Latest data: <strong>{formatDate(f.dataEnd)}</strong>; latest run: <strong>{formatDate(f.latestRun)}</strong>;
        today (Seattle): {formatDate(f.today)}.
      </p>
      {f.stale && f.dataAgeDays !== null && (
        <p>
          The newest Use of Force data are {formatInt(f.dataAgeDays)} days old, while a weekly load is expected. Flags
          describe the officers as of the latest run, not today; ask an administrator to load the current data.
        </p>
      )}
    </div>
  );
}

/** Open flags in the user's scope across all runs, oldest first: each stays here until it is reviewed and acted on. */
export function EisQueue({ items }: { items: QueueItemDto[] }) {
  if (items.length === 0) {
    return (
      <p data-testid="eis-queue-empty">
        No open flag in your scope: every flag of every stored run has been reviewed, and every intervention recommended
        has been assigned and completed.
      </p>
    );
  }
  return (
    <div className="table-scroll" role="region" aria-label="Open flags" tabIndex={0}>
      <table className="data-table" data-testid="eis-queue">
        <caption className="visually-hidden">Open flags in your scope, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Officer ID</th>
            <th scope="col">Run as of</th>
            <th scope="col" className="num">
              Age (days)
            </th>
            <th scope="col">Unit then</th>
            <th scope="col">Why</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.scoreId} data-score-id={i.scoreId} data-officer={i.officerId} data-status={i.status}>
              <th scope="row">
                <Link href={`/staff/eis/officers/${encodeURIComponent(i.officerId)}?score=${i.scoreId}`}>
                  {i.officerId}
                </Link>
              </th>
              <td data-col="asOf">{i.runAsOf}</td>
              <td className="num" data-col="age">
                {formatInt(i.ageDays)}
              </td>
              <td>{i.precinct ?? "Unknown"}</td>
              <td data-col="reasons">{i.reasons.map((r) => r.plain).join(" ")}</td>
              <td data-col="status">
                {QUEUE_STATUS_LABELS[i.status]}
                {i.due && ` (due ${formatDate(i.due.date)}${i.due.overdue ? ", overdue" : ""})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { formatDate, formatInt } from "@/lib/format";
import type { EisRunMetaDto } from "@/lib/dal/staff-eis";

/** Which run a page shows: as-of date, data version, method version, department-wide counts. */
export function EisRunLine({ run }: { run: EisRunMetaDto }) {
  const w = run.windows;
  return (
    <p className="meta" data-testid="eis-run" data-run-id={run.runId} data-as-of={run.asOf}>
      Run as of <strong>{formatDate(run.asOf)}</strong> (incidents before that date), Use of Force dataset version{" "}
      {run.datasetLabel}, method {run.methodologyVersion}. Department-wide: {formatInt(run.officersScored)} officers
      scored, {formatInt(run.officersFlagged)} flagged.
      {w && (
        <>
          {" "}
          Windows: incident score from {formatDate(w.incident.start)}, subject score from {formatDate(w.subject.start)},
          escalation from {formatDate(w.escalation.start)}.
        </>
      )}
    </p>
  );
}

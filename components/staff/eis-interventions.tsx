import { formatDate } from "@/lib/format";
import type { InterventionDto } from "@/lib/dal/staff-eis-interventions";
import { OUTCOME_HORIZONS, type PeriodCounts } from "@/lib/staff/eis-intervention-outcome";
import { formatSeattleTime } from "@/lib/staff/seattle-time";

const share = (p: PeriodCounts) =>
  p.seriousShare === null ? "no incidents" : `${Math.round(p.seriousShare * 100)}% at Level 2+`;
const period = (p: PeriodCounts) =>
  `${p.incidents} incident${p.incidents === 1 ? "" : "s"}, ${p.serious} at Level 2+ (${share(p)})`;

/** An officer's interventions, open and completed, each with its follow-up from the later Use of Force data. */
export function EisInterventions({
  interventions,
  dataEnd,
}: {
  interventions: InterventionDto[];
  dataEnd: string | null;
}) {
  if (interventions.length === 0)
    return <p data-testid="no-interventions">No intervention has been assigned for this officer.</p>;
  return (
    <ol className="eis-interventions" data-testid="interventions">
      {interventions.map((iv) => (
        <li key={iv.id} data-intervention-id={iv.id} data-status={iv.status}>
          <p>
            <strong>{iv.typeLabel}</strong> ({iv.status === "completed" ? "completed" : "open"}), owner {iv.owner}, due{" "}
            {formatDate(iv.dueDate)}; after the flag of {formatDate(iv.flagAsOf)}. Assigned by {iv.assignedByEmail} on{" "}
            {formatSeattleTime(iv.assignedAt)}.
          </p>
          {iv.status === "completed" && (
            <>
              <p data-field="completion">
                Completed on {formatDate(iv.completedOn)} (recorded by {iv.completedByEmail}): {iv.completionNote}
              </p>
              <table className="data-table" data-testid="intervention-follow-up">
                <caption>Follow-up: this officer&apos;s incidents before and after the completion date</caption>
                <thead>
                  <tr>
                    <th scope="col">Months</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {OUTCOME_HORIZONS.map((h) => {
                    const o = iv.followUp?.horizons[h] ?? null;
                    return (
                      <tr key={h} data-months={h}>
                        <th scope="row">{h}</th>
                        {o ? (
                          <>
                            <td data-col="before">{period(o.before)}</td>
                            <td data-col="after">{period(o.after)}</td>
                          </>
                        ) : (
                          <td colSpan={2}>
                            Not yet: the data{dataEnd ? ` end on ${formatDate(dataEnd)}` : " do not cover it"}, before{" "}
                            {h} months after completion.
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

import type { EisOfficerDto } from "@/lib/dal/staff-eis-officer";
import { formatSeattleTime } from "@/lib/staff/seattle-time";

/** Reviews of the selected flag, newest first: the first one is the current decision; none is ever edited. */
export function EisReviews({ data }: { data: EisOfficerDto }) {
  const { reviews } = data;
  const reasonText = new Map(data.reasons.map((r) => [r.code, r.plain]));
  if (reviews.length === 0) return <p data-testid="no-reviews">This flag has not been reviewed yet.</p>;
  return (
    <ol className="eis-reviews" data-testid="reviews" reversed>
      {reviews.map((r, i) => (
        <li key={r.id} data-review-id={r.id} data-decision={r.flagDecision}>
          <p>
            <strong>{i === 0 ? "Current decision: " : "Earlier review: "}</strong>
            {r.flagDecision === "agree"
              ? "agreed with the flag (confirmed)"
              : "disagreed with the flag (dismissed)"} by {r.reviewerEmail} on {formatSeattleTime(r.at)}; intervention{" "}
            {r.interventionRecommended ? "recommended" : "not recommended"}.
          </p>
          {r.dismissalReason && <p data-field="dismissal-reason">Reason for dismissal: {r.dismissalReason}</p>}
          {r.reasonDecisions.length > 0 && (
            <ul>
              {r.reasonDecisions.map((d) => (
                <li key={d.code}>
                  {d.decision === "agree" ? "Agreed" : "Disagreed"} with: {reasonText.get(d.code) ?? d.code}
                </li>
              ))}
            </ul>
          )}
          {r.notes && <p>Notes: {r.notes}</p>}
        </li>
      ))}
    </ol>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { EisAboutBox } from "@/components/staff/eis-about-box";
import { EisFollowUpTable, EisReviewTable } from "@/components/staff/eis-accuracy-tables";
import { EisInterventionAggregate } from "@/components/staff/eis-intervention-aggregate";
import { getEisAccuracy } from "@/lib/dal/staff-eis-accuracy";
import { interventionAggregate } from "@/lib/dal/staff-eis-interventions";
import { staffPage } from "@/lib/http/staff-page";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Early Intervention: how well it works" };

export default async function EisAccuracyPage() {
  const [data, interventions] = await staffPage("/staff/eis/accuracy", () =>
    Promise.all([getEisAccuracy(), interventionAggregate()]),
  );
  return (
    <>
      <p className="meta">
        <Link href="/staff/eis">Early Intervention</Link> / How well it works
      </p>
      <h1>How well the Early Intervention System works</h1>
      <p className="lede">
        Department-wide figures for every stored run: what reviewers decided about the flags, and whether flagged
        officers went on to use serious force more often than the officers who were not flagged. Aggregates only: no
        officer is named on this page.
      </p>
      <EisAboutBox compact />
      <section aria-labelledby="definitions">
        <h2 id="definitions">Definitions</h2>
        <ul>
          <li>
            <strong>Outcome:</strong> at least one Use of Force row at Level {data.outcomeMinLevel} or above (Level 2,
            Level 3, Level 3 - OIS) in the months after the run&apos;s as-of date (from the as-of date, inclusive).
          </li>
          <li>
            <strong>Who counts:</strong> the officers scored in the run; officers with no force in the run&apos;s
            windows are not scored and do not count.
          </li>
          <li>
            <strong>Precision:</strong> of the flagged officers, the share with the outcome. <strong>Recall:</strong> of
            the officers with the outcome, the share that had been flagged. <strong>Base rate:</strong> the share of all
            scored officers with the outcome. Intervals are 95% Wilson intervals.
          </li>
          <li>
            <strong>Complete follow-up only:</strong> a run counts for a follow-up period only when that period ends
            inside the data
            {data.dataEnd
              ? ` (the active Use of Force version ${data.datasetLabel} ends on ${formatDate(data.dataEnd)})`
              : ""}
            .
          </li>
          <li>
            <strong>Reviews:</strong> the latest review of each flag is its decision: agreed = confirmed, disagreed =
            dismissed.
          </li>
        </ul>
      </section>
      {data.runs.length === 0 ? (
        <p data-testid="eis-no-run">No Early Intervention run has been stored yet.</p>
      ) : (
        <>
          <section aria-labelledby="reviews" data-testid="review-tally">
            <h2 id="reviews">Flags and reviews by run</h2>
            <EisReviewTable data={data} />
          </section>
          <EisFollowUpTable data={data} months={6} />
          <EisFollowUpTable data={data} months={12} />
          <EisInterventionAggregate data={interventions} />
        </>
      )}
    </>
  );
}

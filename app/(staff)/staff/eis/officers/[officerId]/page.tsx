import type { Metadata } from "next";
import Link from "next/link";
import { EisAboutBox } from "@/components/staff/eis-about-box";
import { AssignInterventionForm, CompleteInterventionForm } from "@/components/staff/eis-intervention-forms";
import { EisInterventions } from "@/components/staff/eis-interventions";
import { EisOfficerHistory } from "@/components/staff/eis-officer-history";
import { EisOfficerIncidents } from "@/components/staff/eis-officer-incidents";
import { EisOfficerScores } from "@/components/staff/eis-officer-scores";
import { FlagReviewForm } from "@/components/staff/eis-review-form";
import { EisReviews } from "@/components/staff/eis-reviews";
import { EisRunLine } from "@/components/staff/eis-run-line";
import { getEisOfficer } from "@/lib/dal/staff-eis-officer";
import { getEisOfficerInterventions } from "@/lib/dal/staff-eis-interventions";
import { staffPage } from "@/lib/http/staff-page";
import { formatDate } from "@/lib/format";
import { INTERVENTION_TYPES } from "@/lib/staff/eis-intervention-input";
import { submitReviewAction } from "./actions";
import { assignInterventionAction, completeInterventionAction } from "./intervention-actions";

export const metadata: Metadata = { title: "Early Intervention: officer" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where the unit comes from, in words that agree with the incident list below it. */
function unitWords(p: { total: number; known: number; inUnit: number }, unit: string | null): string {
  if (!unit)
    return "No incident of this officer in the run's windows has a recorded precinct, so only analysts and admins see this officer.";
  if (p.inUnit > 0 && p.inUnit * 2 >= p.known)
    return `the precinct of most of this officer's incidents with a recorded precinct (${p.inUnit} of the ${p.known} of the past year that have one; ${p.total - p.known} have none).`;
  return `taken from the officer's incidents over the run's longest window (up to 3 years): ${p.known === 0 ? "none" : `only ${p.known}`} of the ${p.total} incident${p.total === 1 ? "" : "s"} of the past year ${p.known === 1 ? "has" : "have"} a recorded precinct (Seattle's data leave it blank on almost every row since 2025).`;
}

export default async function EisOfficerPage({
  params,
  searchParams,
}: {
  params: Promise<{ officerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { officerId } = await params;
  const query = await searchParams;
  const score = first(query.score) ?? "";
  const path = `/staff/eis/officers/${encodeURIComponent(officerId)}`;
  const [data, interventions] = await staffPage(path, async () => {
    const officer = await getEisOfficer(officerId, { score, period: first(query.period) ?? "" });
    return [officer, await getEisOfficerInterventions(officerId)] as const;
  });
  const latest = data.history[0]!;
  const selected = data.score;
  const reviewed = data.reviews.length > 0;
  const open = interventions.filter((i) => i.status === "assigned");
  return (
    <>
      <p className="meta">
        <Link href="/staff/eis">Early Intervention</Link> / Officer {data.officerId}
      </p>
      <h1>Officer {data.officerId}: Early Intervention scores</h1>
      <p className="lede">
        Use of Force officer ID (not the crisis-data ID space). Unit:{" "}
        <strong data-testid="eis-unit">{latest.precinct ?? "unknown"}</strong>
        {latest.precinct ? ", " : ". "}
        <span data-testid="eis-unit-why">{unitWords(data.yearPrecincts, latest.precinct)}</span>
      </p>
      <EisRunLine run={data.run} />
      {selected.scoreId !== latest.scoreId && (
        <p className="alert alert--ok" role="status">
          You are looking at the run as of {formatDate(selected.asOf)}. <Link href={path}>Back to the latest run</Link>.
        </p>
      )}
      <div className="eis-officer-grid">
        <section aria-labelledby="flag" className="eis-officer-grid__reasons">
          <h2 id="flag">{selected.flagged ? "Flagged for review" : "Not flagged in this run"}</h2>
          {selected.flagged ? (
            <ul data-testid="flag-reasons" className="eis-reasons">
              {data.reasons.map((r) => (
                <li key={r.code} data-reason={r.code}>
                  <p data-testid="reason-plain">{r.plain}</p>
                  <details>
                    <summary>The statistics behind this</summary>
                    <p data-testid="reason-stats">{r.text}</p>
                  </details>
                </li>
              ))}
            </ul>
          ) : (
            <p>No score of this officer crossed a flag threshold in this run.</p>
          )}
        </section>
        <aside className="eis-officer-grid__panel" aria-labelledby="review" id="review-section">
          <h2 id="review">Review and intervention</h2>
          {selected.flagged ? (
            <>
              <EisReviews data={data} />
              {data.canReview ? (
                <FlagReviewForm
                  scoreId={selected.scoreId}
                  asOf={selected.asOf}
                  reasons={data.reasons.map((r) => ({ code: r.code, text: r.plain }))}
                  action={submitReviewAction}
                />
              ) : (
                <p>Your role does not review flags.</p>
              )}
            </>
          ) : (
            <p>Nothing to review in this run.</p>
          )}
          <h3>Interventions</h3>
          <EisInterventions interventions={interventions} dataEnd={data.run.dataEnd} />
          {data.canReview &&
            open.map((iv) => (
              <CompleteInterventionForm
                key={iv.id}
                interventionId={iv.id}
                minDate={iv.flagAsOf}
                action={completeInterventionAction}
              />
            ))}
          {data.canReview && selected.flagged && reviewed && (
            <AssignInterventionForm
              scoreId={selected.scoreId}
              types={INTERVENTION_TYPES}
              minDate={selected.asOf}
              action={assignInterventionAction}
            />
          )}
          {data.canReview && selected.flagged && !reviewed && (
            <p className="meta">Review the flag first; an intervention can then be assigned here.</p>
          )}
        </aside>
        <div className="eis-officer-grid__evidence">
          <EisOfficerIncidents data={data} scoreParam={score} />
          <EisOfficerScores data={data} />
          <EisAboutBox />
          <EisOfficerHistory data={data} />
        </div>
      </div>
    </>
  );
}

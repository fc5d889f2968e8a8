import type { Metadata } from "next";
import Link from "next/link";
import { EisAboutBox } from "@/components/staff/eis-about-box";
import { EisOfficerHistory } from "@/components/staff/eis-officer-history";
import { EisOfficerIncidents } from "@/components/staff/eis-officer-incidents";
import { EisOfficerScores } from "@/components/staff/eis-officer-scores";
import { FlagReviewForm } from "@/components/staff/eis-review-form";
import { EisReviews } from "@/components/staff/eis-reviews";
import { EisRunLine } from "@/components/staff/eis-run-line";
import { getEisOfficer } from "@/lib/dal/staff-eis-officer";
import { staffPage } from "@/lib/dal/staff-page";
import { formatDate } from "@/lib/format";
import { submitReviewAction } from "./actions";

export const metadata: Metadata = { title: "Early Intervention: officer" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function EisOfficerPage({ params, searchParams }: { params: Promise<{ officerId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { officerId } = await params;
  const query = await searchParams;
  const score = first(query.score) ?? "";
  const path = `/staff/eis/officers/${encodeURIComponent(officerId)}`;
  const data = await staffPage(path, () => getEisOfficer(officerId, { score, period: first(query.period) ?? "" }));
  const latest = data.history[0]!;
  const selected = data.score;
  return (
    <>
      <p className="meta">
        <Link href="/staff/eis">Early Intervention</Link> / Officer {data.officerId}
      </p>
      <h1>Officer {data.officerId}: Early Intervention scores</h1>
      <p className="lede">
        Use of Force officer ID (not the crisis-data ID space). Unit: <strong data-testid="eis-unit">{latest.precinct ?? "unknown"}</strong>, the precinct
        where most of the officer&apos;s incidents in the latest run&apos;s window occurred.
      </p>
      <EisRunLine run={data.run} />
      {selected.scoreId !== latest.scoreId && (
        <p className="alert alert--ok" role="status">
          You are looking at the run as of {formatDate(selected.asOf)}. <Link href={path}>Back to the latest run</Link>.
        </p>
      )}
      <section aria-labelledby="flag">
        <h2 id="flag">{selected.flagged ? "Flagged for review" : "Not flagged in this run"}</h2>
        {selected.flagged ? (
          <ul data-testid="flag-reasons">
            {selected.reasons.map((r) => (
              <li key={r.code} data-reason={r.code}>
                {r.text}
              </li>
            ))}
          </ul>
        ) : (
          <p>No score of this officer crossed a flag threshold in this run.</p>
        )}
      </section>
      <EisAboutBox />
      <EisOfficerScores data={data} />
      <EisOfficerIncidents data={data} scoreParam={score} />
      <EisOfficerHistory data={data} />
      {selected.flagged && (
        <section aria-labelledby="review" id="review-section">
          <h2 id="review">Review</h2>
          <EisReviews data={data} />
          {data.canReview ? (
            <FlagReviewForm scoreId={selected.scoreId} asOf={selected.asOf} reasons={selected.reasons} action={submitReviewAction} />
          ) : (
            <p>Your role does not review flags.</p>
          )}
        </section>
      )}
    </>
  );
}

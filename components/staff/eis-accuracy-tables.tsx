import { DataTable } from "@/components/data-table";
import type { ColumnSpec, Row } from "@/lib/charts/types";
import type { EisAccuracyDto, FollowUpMonths } from "@/lib/dal/staff-eis-accuracy";
import { formatPercent } from "@/lib/format";
import type { Rate } from "@/lib/staff/eis-accuracy";

const REVIEW_COLUMNS: ColumnSpec[] = [
  { key: "asOf", label: "Run as of", format: "text" },
  { key: "scored", label: "Officers scored", format: "int" },
  { key: "flags", label: "Flags raised", format: "int" },
  { key: "reviewed", label: "Reviewed", format: "int" },
  { key: "confirmed", label: "Confirmed (agreed)", format: "int" },
  { key: "dismissed", label: "Dismissed", format: "int" },
  { key: "intervention", label: "Intervention recommended", format: "int" },
];

const FOLLOW_UP_COLUMNS: ColumnSpec[] = [
  { key: "asOf", label: "Run as of", format: "text" },
  { key: "flagged", label: "Flagged", format: "int" },
  { key: "flaggedWith", label: "Flagged, with a Level 2+ incident after", format: "int" },
  { key: "precision", label: "Precision", format: "percent" },
  { key: "precisionCi", label: "Precision 95% interval", format: "text" },
  { key: "notFlagged", label: "Not flagged", format: "int" },
  { key: "notFlaggedWith", label: "Not flagged, with a Level 2+ incident after", format: "int" },
  { key: "rateNotFlagged", label: "Rate among not flagged", format: "percent" },
  { key: "recall", label: "Recall", format: "percent" },
  { key: "baseRate", label: "Base rate (all scored)", format: "percent" },
];

const interval = (r: Rate | null) => (r ? `${formatPercent(r.low)} to ${formatPercent(r.high)}` : "n/a");

export function EisReviewTable({ data }: { data: EisAccuracyDto }) {
  const rows: Row[] = data.runs.map((r) => ({
    asOf: r.asOf,
    scored: r.officersScored,
    flags: r.reviews.flagsRaised,
    reviewed: r.reviews.reviewed,
    confirmed: r.reviews.confirmed,
    dismissed: r.reviews.dismissed,
    intervention: r.reviews.interventionRecommended,
  }));
  return <DataTable columns={REVIEW_COLUMNS} rows={rows} caption="Flags and their reviews by run, newest first" />;
}

export function EisFollowUpTable({ data, months }: { data: EisAccuracyDto; months: FollowUpMonths }) {
  const rows: Row[] = data.runs.flatMap((r) => {
    const m = r.followUp[months];
    if (!m) return [];
    return [
      {
        asOf: r.asOf,
        flagged: m.flagged,
        flaggedWith: m.flaggedWithOutcome,
        precision: m.precision?.rate ?? null,
        precisionCi: interval(m.precision),
        notFlagged: m.notFlagged,
        notFlaggedWith: m.notFlaggedWithOutcome,
        rateNotFlagged: m.rateNotFlagged?.rate ?? null,
        recall: m.recall?.rate ?? null,
        baseRate: m.baseRate?.rate ?? null,
      },
    ];
  });
  const p = data.pooled[months];
  const pct = (v: number | null) => (v === null ? "n/a" : formatPercent(v));
  return (
    <section aria-labelledby={`follow-${months}`} data-testid={`follow-up-${months}`}>
      <h2 id={`follow-${months}`}>{months} months after each run</h2>
      {rows.length === 0 ? (
        <p>No run is old enough: a run counts once its {months}-month follow-up ends inside the data.</p>
      ) : (
        <>
          <p data-testid={`pooled-${months}`}>
            Pooled over the {p.runs} run{p.runs === 1 ? "" : "s"} with a complete {months}-month follow-up: precision{" "}
            {pct(p.precision)} ({p.flaggedWithOutcome} of {p.flagged} flags), recall {pct(p.recall)}, rate among
            officers not flagged {pct(p.rateNotFlagged)}, base rate {pct(p.baseRate)}. Runs a week apart share most of
            their officers, so the pooled figures are not independent observations and carry no interval.
          </p>
          <DataTable
            columns={FOLLOW_UP_COLUMNS}
            rows={rows}
            caption={`${months}-month follow-up by run, newest first`}
          />
        </>
      )}
    </section>
  );
}

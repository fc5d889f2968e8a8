import { DataTable } from "@/components/data-table";
import type { ColumnSpec, Row } from "@/lib/charts/types";
import { REVIEW_STATUSES } from "@/lib/dal/staff-eis";
import type { EisOfficerDto } from "@/lib/dal/staff-eis-officer";
import { EisHistoryChart } from "./eis-history-chart";

const COLUMNS: ColumnSpec[] = [
  { key: "asOf", label: "Run as of", format: "text" },
  { key: "flagged", label: "Flagged", format: "text" },
  { key: "reasons", label: "Reasons", format: "text" },
  { key: "review", label: "Review", format: "text" },
  { key: "incident", label: "Incident score", format: "decimal" },
  { key: "subject", label: "Subject score", format: "decimal" },
  { key: "lambda", label: "Escalation λ", format: "decimal" },
  { key: "top5", label: "Chance of top 5%", format: "percent" },
  { key: "precinct", label: "Unit in that run", format: "text" },
];

/** Every stored run that scored this officer: a small chart per key score and the full table (newest first). */
export function EisOfficerHistory({ data }: { data: EisOfficerDto }) {
  const base = `/staff/eis/officers/${encodeURIComponent(data.officerId)}`;
  const chronological = [...data.history].reverse();
  const rows: Row[] = data.history.map((h) => ({
    asOf: h.asOf,
    href: `${base}?score=${h.scoreId}#scores`,
    flagged: h.flagged ? "Yes" : "No",
    reasons: h.reasons.map((r) => r.code.replace(/_/g, " ")).join(", ") || "none",
    review: h.reviewStatus === "not_flagged" ? "" : REVIEW_STATUSES[h.reviewStatus],
    incident: h.incidentScore,
    subject: h.subjectScore,
    lambda: h.escalation?.lambda ?? null,
    top5: h.escalation?.pTop5 ?? null,
    precinct: h.precinct ?? "Unknown",
  }));
  return (
    <section aria-labelledby="history" data-testid="eis-history">
      <h2 id="history">Scores across runs</h2>
      <div className="eis-history-grid">
        <EisHistoryChart
          id="history-incident"
          title="Incident score by run"
          points={chronological.map((h) => ({ asOf: h.asOf, value: h.incidentScore, flagged: h.flagged }))}
        />
        <EisHistoryChart
          id="history-top5"
          title="Escalation: chance of being in the top 5% of peers, by run"
          points={chronological.map((h) => ({ asOf: h.asOf, value: h.escalation?.pTop5 ?? null, flagged: h.flagged }))}
        />
      </div>
      <p className="meta">
        Open a run&apos;s date to see that run&apos;s scores and, for a flagged run, to review its flag.
      </p>
      <DataTable columns={COLUMNS} rows={rows} caption="Scores across runs, newest first" links={{ asOf: "href" }} />
    </section>
  );
}

import Link from "next/link";
import { DataTable } from "@/components/data-table";
import type { ColumnSpec, Row } from "@/lib/charts/types";
import type { EisOfficerDto, Period } from "@/lib/dal/staff-eis-officer";
import { formatDate } from "@/lib/format";
import { incidentName, levelLabel } from "@/lib/staff/eis-levels";

const PERIOD_LABEL: Record<Period, string> = { week: "Past week", month: "Past month", year: "Past year" };

const COLUMNS: ColumnSpec[] = [
  { key: "date", label: "Date", format: "text" },
  { key: "incident", label: "Incident (date, this officer's level, precinct)", format: "text" },
  { key: "precinct", label: "Precinct", format: "text" },
  { key: "level", label: "This officer's level", format: "text" },
  { key: "diff", label: "Level minus the others' mean", format: "decimal" },
  { key: "officers", label: "Officers in the data", format: "int" },
  { key: "subjects", label: "Subjects", format: "int" },
];

/** The officer's incidents before the run's as-of date: counts for the week / month / year, and one period's list. */
export function EisOfficerIncidents({ data, scoreParam }: { data: EisOfficerDto; scoreParam: string }) {
  const { incidents } = data;
  const base = `/staff/eis/officers/${encodeURIComponent(data.officerId)}`;
  const href = (p: Period) =>
    `${base}?${new URLSearchParams({ ...(scoreParam ? { score: scoreParam } : {}), period: p })}#incidents`;
  const rows: Row[] = incidents.rows.map((i) => ({
    date: i.occurredAt.slice(0, 10),
    incident: incidentName(i.occurredAt, i.officerLevel, i.precinct),
    href: `/staff/eis/incidents/${encodeURIComponent(i.key)}`,
    precinct: i.precinct ?? "Unknown",
    level: levelLabel(i.officerLevel),
    diff: i.levelVsOthers ?? "only officer in the data",
    officers: i.officers.length,
    subjects: i.subjects,
  }));
  return (
    <section aria-labelledby="incidents" data-testid="eis-incidents">
      <h2 id="incidents">Incidents before {formatDate(data.run.asOf)}</h2>
      <nav aria-label="Incident period">
        <ul className="period-links">
          {(Object.keys(PERIOD_LABEL) as Period[]).map((p) => (
            <li key={p}>
              <Link href={href(p)} aria-current={incidents.period === p ? "page" : undefined} data-period={p}>
                {PERIOD_LABEL[p]}: {incidents.counts[p]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="meta">
        {PERIOD_LABEL[incidents.period]}: {formatDate(incidents.start)} up to {formatDate(incidents.end)} (not
        included), from Use of Force dataset version {incidents.datasetLabel ?? "none"}. Open an incident to see every
        officer present and their level.
      </p>
      {rows.length === 0 ? (
        <p>No incidents in this period.</p>
      ) : (
        <DataTable
          columns={COLUMNS}
          rows={rows}
          caption={`${PERIOD_LABEL[incidents.period]}: incidents`}
          links={{ incident: "href" }}
        />
      )}
    </section>
  );
}

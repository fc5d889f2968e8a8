import type { Metadata } from "next";
import Link from "next/link";
import { getEisIncident } from "@/lib/dal/staff-eis-officer";
import { staffPage } from "@/lib/http/staff-page";
import { formatDate } from "@/lib/format";
import { incidentName, levelLabel } from "@/lib/staff/eis-levels";

export const metadata: Metadata = { title: "Early Intervention: incident" };

/** Route params may arrive percent-encoded ("+" joins incident numbers); a malformed escape is left as typed. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export default async function EisIncidentPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const incident = await staffPage(`/staff/eis/incidents/${encodeURIComponent(key)}`, () =>
    getEisIncident(safeDecode(key)),
  );
  const openable = new Set(incident.openable);
  // Named by date, highest level and precinct; the report numbers (often several, merged into one incident) are below.
  const top = Math.max(0, ...incident.officers.map((o) => o.level));
  const title = `Incident of ${incidentName(incident.occurredAt, top, incident.precinct)}`;
  return (
    <>
      <p className="meta">
        <Link href="/staff/eis">Early Intervention</Link> / Incident
      </p>
      <h1>{title}</h1>
      <dl className="facts" data-testid="incident-facts">
        <dt>Date</dt>
        <dd>{formatDate(incident.occurredAt)}</dd>
        <dt>Precinct</dt>
        <dd>{incident.precinct ?? "Unknown"}</dd>
        <dt>Officers in the data</dt>
        <dd>{incident.officers.length}</dd>
        <dt>Subjects</dt>
        <dd>{incident.subjects}</dd>
        <dt>Report numbers</dt>
        <dd data-testid="incident-numbers">{incident.incidentNums.join(", ") || "n/a"}</dd>
        <dt>Source</dt>
        <dd>
          Use of Force dataset version {incident.datasetLabel} (incident numbers{" "}
          {incident.incidentNums.join(", ") || "n/a"})
        </dd>
      </dl>
      <p className="meta">
        Seattle&apos;s Use of Force data lists the officers who used force; officers present without using force are not
        recorded. The scores compare each officer&apos;s level with the others&apos; at incidents like this one.
      </p>
      <div className="table-scroll" role="region" aria-label="Officers at this incident" tabIndex={0}>
        <table className="data-table" data-testid="incident-officers">
          <caption>Officers at this incident and the highest level each used</caption>
          <thead>
            <tr>
              <th scope="col">Officer ID</th>
              <th scope="col">Level</th>
              <th scope="col" className="num">
                Rows in the data
              </th>
              <th scope="col" className="num">
                Subjects
              </th>
            </tr>
          </thead>
          <tbody>
            {incident.officers.map((o) => (
              <tr key={o.officerId} data-officer={o.officerId} data-level={o.level}>
                <th scope="row">
                  {openable.has(o.officerId) ? (
                    <Link href={`/staff/eis/officers/${encodeURIComponent(o.officerId)}`}>{o.officerId}</Link>
                  ) : (
                    o.officerId
                  )}
                </th>
                <td>{levelLabel(o.level)}</td>
                <td className="num">{o.rows}</td>
                <td className="num">{o.subjects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {openable.size < incident.officers.length && (
        <p className="meta">Officers without a link are outside your units or were never scored.</p>
      )}
    </>
  );
}

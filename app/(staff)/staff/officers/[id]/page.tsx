import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatInt } from "@/lib/format";
import { getOfficerUnitSummary, type OfficerUnitSummaryDto } from "@/lib/dal/staff-officers";
import { staffPage } from "@/lib/http/staff-page";

export const metadata: Metadata = { title: "Officer unit summary" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Contacts by month as a year × month grid (compact enough to read a decade at a glance). */
function byYear(months: OfficerUnitSummaryDto["months"]) {
  const years = new Map<string, { counts: number[]; total: number; withForce: number }>();
  for (const m of months) {
    const [year, month] = m.month.split("-");
    const row = years.get(year!) ?? { counts: Array(12).fill(0), total: 0, withForce: 0 };
    row.counts[Number(month) - 1] = m.contacts;
    row.total += m.contacts;
    row.withForce += m.withForce;
    years.set(year!, row);
  }
  return [...years.entries()];
}

export default async function OfficerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const summary = await staffPage(`/staff/officers/${encodeURIComponent(id)}`, () => getOfficerUnitSummary(id));
  const { unit } = summary;
  return (
    <>
      <p className="meta">
        <Link href="/staff/officers">Officers</Link> / {summary.officerId}
      </p>
      <h1>Officer {summary.officerId}</h1>
      <p className="lede">
        Crisis Data officer ID (not the Use of Force ID space). Dataset version {summary.datasetLabel}.
      </p>
      <section aria-labelledby="unit">
        <h2 id="unit">Unit</h2>
        <dl className="facts" data-testid="officer-unit">
          <dt>Precinct</dt>
          <dd data-field="precinct">{unit.precinct ?? "none in the last 12 months"}</dd>
          <dt>Squad</dt>
          <dd data-field="squad">{unit.squad ?? "none in the last 12 months"}</dd>
          <dt>Window</dt>
          <dd>
            {formatDate(summary.window.start)} to {formatDate(summary.window.end)} (the last 12 months of the data)
          </dd>
          <dt>Contacts in window</dt>
          <dd>{formatInt(unit.contactsInWindow)}</dd>
        </dl>
        <p className="meta">
          The unit is the precinct where most of this officer&apos;s contacts in the window occurred (ties go to the
          most recent), and the squad is the HR squad recorded on most of them. Supervisors see an officer when either
          is one of their units.
        </p>
        {unit.precinctCounts.length > 0 && (
          <table className="data-table">
            <caption>Contacts in the window by precinct</caption>
            <thead>
              <tr>
                <th scope="col">Precinct</th>
                <th scope="col" className="num">
                  Contacts
                </th>
              </tr>
            </thead>
            <tbody>
              {unit.precinctCounts.map((p) => (
                <tr key={p.precinct}>
                  <th scope="row">{p.precinct}</th>
                  <td className="num">{formatInt(p.contacts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="months">
        <h2 id="months">Contacts by month</h2>
        <p>
          {formatInt(summary.totalContacts)} crisis contacts in the data (a contact is one template handled by this
          officer). Months are as reported, Seattle time.
        </p>
        <div className="table-scroll" role="region" aria-label="Contacts by month table" tabIndex={0}>
          <table className="data-table" data-testid="contacts-by-month">
            <thead>
              <tr>
                <th scope="col">Year</th>
                {MONTHS.map((m) => (
                  <th key={m} scope="col" className="num">
                    {m}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  With force
                </th>
              </tr>
            </thead>
            <tbody>
              {byYear(summary.months).map(([year, row]) => (
                <tr key={year} data-year={year}>
                  <th scope="row">{year}</th>
                  {row.counts.map((n, i) => (
                    <td key={i} className="num" data-month={i + 1}>
                      {n === 0 ? "–" : formatInt(n)}
                    </td>
                  ))}
                  <td className="num" data-col="total">
                    {formatInt(row.total)}
                  </td>
                  <td className="num">{formatInt(row.withForce)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

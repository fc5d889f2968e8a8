import type { Metadata } from "next";
import Link from "next/link";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { getAuditLog, type AuditFilter } from "@/lib/dal/staff-audit";
import { staffPage } from "@/lib/http/staff-page";

export const metadata: Metadata = { title: "Audit log" };

function pageHref(filter: AuditFilter, page: number): string {
  const q = new URLSearchParams();
  for (const key of ["action", "user", "from", "to"] as const) if (filter[key]) q.set(key, filter[key]!);
  q.set("page", String(page));
  return `/staff/admin/audit?${q}`;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { entries, total, filter, pageSize } = await staffPage("/staff/admin/audit", () => getAuditLog(params));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <h1>Audit log</h1>
      <p className="lede">
        Sign-ins, failed sign-ins, views of officer information, refused requests and account changes: who, what, when
        (UTC) and from where. The application only ever adds entries; the database refuses changes and deletions.
      </p>
      <form method="get" action="/staff/admin/audit" className="filter-bar" aria-label="Filter the audit log">
        <div className="form-field">
          <label htmlFor="f-action">Action</label>
          <select id="f-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">All actions</option>
            {Object.entries(AUDIT_ACTIONS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="f-user">User (email contains)</label>
          <input id="f-user" name="user" defaultValue={filter.user ?? ""} />
        </div>
        <div className="form-field">
          <label htmlFor="f-from">From (date)</label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="form-field">
          <label htmlFor="f-to">To (date)</label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
        <Link href="/staff/admin/audit">Clear</Link>
      </form>
      <p role="status" data-testid="audit-count">
        {total.toLocaleString("en-US")} entr{total === 1 ? "y" : "ies"}; page {filter.page} of {pages}.
      </p>
      <div className="table-scroll" role="region" aria-label="Audit log entries" tabIndex={0}>
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target and detail</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>{e.at.slice(0, 19).replace("T", " ")}</td>
                <td>{e.actorEmail}</td>
                <td>
                  {e.actionLabel}
                  <br />
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.target && <code>{e.target}</code>}
                  {Object.keys(e.detail).length > 0 && (
                    <div className="detail-json">
                      <code>{JSON.stringify(e.detail)}</code>
                    </div>
                  )}
                </td>
                <td>
                  {e.ip ?? ""}
                  {e.userAgent && (
                    <div className="meta" title={e.userAgent}>
                      {e.userAgent.slice(0, 60)}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="inline-form">
        {filter.page > 1 && <Link href={pageHref(filter, filter.page - 1)}>Newer entries</Link>}
        {filter.page < pages && <Link href={pageHref(filter, filter.page + 1)}>Older entries</Link>}
      </nav>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDate, formatInt } from "@/lib/format";
import { listOfficersInScope, OfficerIdSchema } from "@/lib/dal/staff-officers";
import { staffPage } from "@/lib/http/staff-page";
import { verifySession } from "@/lib/dal/staff-session";
import { formatUnits } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Officers" };

export default async function OfficersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await searchParams;
  const lookup = OfficerIdSchema.safeParse(typeof id === "string" ? id.trim() : id); // a search box: forgive spaces
  if (lookup.success) redirect(`/staff/officers/${encodeURIComponent(lookup.data)}`);
  const [user, list] = await staffPage("/staff/officers", () => Promise.all([verifySession(), listOfficersInScope()]));
  return (
    <>
      <h1>Officers</h1>
      <p className="lede">
        Crisis-data officers (Crisis Data officer IDs) with the unit their recent contacts show.{" "}
        {list.scoped
          ? `You see the officers of your units only (${formatUnits(user.units) || "none assigned"}).`
          : "Your role sees every officer."}
      </p>
      <form method="get" action="/staff/officers" className="filter-bar" role="search" aria-label="Find an officer">
        <div className="form-field">
          <label htmlFor="officer-id">Officer ID</label>
          <input id="officer-id" name="id" inputMode="numeric" defaultValue={typeof id === "string" ? id : ""} />
        </div>
        <button type="submit" className="button">
          Open
        </button>
      </form>
      {typeof id === "string" && !lookup.success && id !== "" && (
        <p className="alert alert--error" role="alert">
          An officer ID is letters, digits and dashes.
        </p>
      )}
      {list.window ? (
        <p className="meta">
          Unit = the precinct where most of the officer&apos;s contacts between {formatDate(list.window.start)} and{" "}
          {formatDate(list.window.end)} (the last 12 months of the data) occurred; squad = the HR squad on most of them.{" "}
          {formatInt(list.total)} officer{list.total === 1 ? "" : "s"} with contacts in that window{" "}
          {list.total === 1 ? "is" : "are"} in your scope
          {list.total > list.officers.length ? `; the ${list.officers.length} with the most contacts are listed` : ""}.
          {!list.scoped && " Officers without recent contacts have no unit; open them by ID."}
        </p>
      ) : (
        <p>No crisis data is loaded.</p>
      )}
      {list.officers.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Officers in your scope" tabIndex={0}>
          <table className="data-table" data-testid="officer-list">
            <thead>
              <tr>
                <th scope="col">Officer ID</th>
                <th scope="col">Precinct</th>
                <th scope="col">Squad</th>
                <th scope="col" className="num">
                  Contacts, last 12 months
                </th>
              </tr>
            </thead>
            <tbody>
              {list.officers.map((o) => (
                <tr key={o.officerId}>
                  <th scope="row">
                    <Link href={`/staff/officers/${encodeURIComponent(o.officerId)}`}>{o.officerId}</Link>
                  </th>
                  <td>{o.precinct ?? "none"}</td>
                  <td>{o.squad ?? "none"}</td>
                  <td className="num">{formatInt(o.contactsInWindow)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

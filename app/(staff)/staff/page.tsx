import type { Metadata } from "next";
import Link from "next/link";
import { can, PERMISSIONS, type Permission, type Role } from "@/lib/auth/roles";
import { staffPage } from "@/lib/http/staff-page";
import { requirePermission } from "@/lib/dal/staff-session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Staff home" };

const ROLE_SUMMARY: Record<Role, string> = {
  admin: "Administrator: manages staff accounts and data refreshes and sees everything in the staff area.",
  analyst: "Analyst: sees every officer and every Early Intervention flag, and writes annotations.",
  supervisor: "Supervisor: sees officers and flags only for the units assigned to you.",
};

// Where each permission leads, for the ones that have a page in this build.
const LINKS: Partial<Record<Permission, string>> = {
  viewOfficers: "/staff/officers",
  viewEisFlags: "/staff/eis",
  reviewEisFlags: "/staff/eis",
  draftAnnotation: "/staff/annotations",
  manageUsers: "/staff/admin/users",
  viewAuditLog: "/staff/admin/audit",
};

const NOT_YET: Partial<Record<Permission, string>> = {
  annotate: "arrives with the Early Intervention System",
  refreshData: "from the command line for now (npm run cli -- ingest / compute)",
};

export default async function StaffHomePage() {
  const user = await staffPage("/staff", () => requirePermission("viewStaffHome"));
  const permissions = Object.entries(PERMISSIONS) as [Permission, (typeof PERMISSIONS)[Permission]][];
  return (
    <>
      <h1>Staff home</h1>
      <p className="lede">
        Signed in as <strong>{user.name}</strong> ({user.email}).
      </p>
      <section aria-labelledby="role">
        <h2 id="role">Your role</h2>
        <p data-testid="role-summary">{ROLE_SUMMARY[user.role]}</p>
        {user.role === "supervisor" && (
          <>
            <h3>Your units</h3>
            {user.units.length === 0 ? (
              <p className="alert alert--error">
                No units are assigned to you yet, so you will not see any officers. Ask an administrator to assign your
                precincts or squads.
              </p>
            ) : (
              <ul data-testid="unit-scope">
                {user.units.map((u) => (
                  <li key={`${u.kind}:${u.name}`}>
                    {u.kind === "precinct" ? "Precinct" : "Squad"}: {u.name}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="access">
        <h2 id="access">What you can access</h2>
        <table className="data-table" data-testid="access-table">
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Your access</th>
            </tr>
          </thead>
          <tbody>
            {permissions.map(([key, p]) => {
              const allowed = can(user, key);
              const link = LINKS[key];
              return (
                <tr key={key} data-permission={key} data-allowed={allowed}>
                  <th scope="row">{allowed && link ? <Link href={link}>{p.label}</Link> : p.label}</th>
                  <td>
                    {allowed ? "Yes" : "No"}
                    {allowed && NOT_YET[key] ? ` (${NOT_YET[key]})` : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="session">
        <h2 id="session">Your session</h2>
        <p>
          Sessions end {env().SESSION_MAX_AGE_HOURS} hours after sign-in, and at once if an administrator deactivates
          the account. Sign-ins, views of officer information and account changes are recorded in an audit log that
          administrators review.
        </p>
      </section>
    </>
  );
}

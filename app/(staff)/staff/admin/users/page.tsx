import type { Metadata } from "next";
import { formatUnits } from "@/lib/auth/roles";
import { staffPage } from "@/lib/http/staff-page";
import { verifySession } from "@/lib/dal/staff-session";
import { listStaffAccounts } from "@/lib/dal/staff-users";
import { AccountControls, CreateAccountForm } from "./account-forms";

export const metadata: Metadata = { title: "Staff accounts" };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never");

export default async function UsersPage() {
  const [me, accounts] = await staffPage("/staff/admin/users", () =>
    Promise.all([verifySession(), listStaffAccounts()]),
  );
  return (
    <>
      <h1>Staff accounts</h1>
      <p className="lede">
        Invite staff, set their role and units, and deactivate accounts that should no longer have access. Every change
        is recorded in the audit log. Deactivating an account ends its sessions at once; accounts are never deleted, so
        the audit log keeps its meaning.
      </p>
      <section aria-labelledby="invite">
        <h2 id="invite">Invite a staff member</h2>
        <p>
          Supervisors see only officers of their units. Password accounts get a generated initial password to hand over
          in person; single sign-on accounts sign in through the department&apos;s identity provider with the same
          email.
        </p>
        <CreateAccountForm />
      </section>
      <section aria-labelledby="accounts">
        <h2 id="accounts">Accounts ({accounts.length})</h2>
        <div className="table-scroll" role="region" aria-label="Staff accounts table" tabIndex={0}>
          <table className="data-table" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Role and units</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} data-email={a.email}>
                  <th scope="row">
                    {a.name}
                    <br />
                    <span className="meta">{a.email}</span>
                  </th>
                  <td>
                    {a.role}
                    {a.role === "supervisor" && (
                      <>
                        <br />
                        <span className="meta">{formatUnits(a.units) || "no units"}</span>
                      </>
                    )}
                  </td>
                  <td data-col="status">
                    {a.active ? "active" : "deactivated"}
                    {a.lockedUntil && `, locked until ${when(a.lockedUntil)}`}
                    {!a.lockedUntil &&
                      a.failedLogins > 0 &&
                      `, ${a.failedLogins} recent failed sign-in${a.failedLogins === 1 ? "" : "s"}`}
                    <br />
                    <span className="meta">{a.signIn === "sso" ? "single sign-on" : "password"}</span>
                  </td>
                  <td>{when(a.lastSignInAt)}</td>
                  <td>
                    <AccountControls
                      id={a.id}
                      email={a.email}
                      role={a.role}
                      unitsText={formatUnits(a.units)}
                      active={a.active}
                      locked={a.lockedUntil !== null}
                      self={a.id === me.id}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

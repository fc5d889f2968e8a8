import Link from "next/link";
import { can, type StaffUser } from "@/lib/auth/roles";
import { signOutAction } from "./staff/actions";

/** The staff area's own navigation and session controls (links follow the same permissions the DAL enforces). */
export function StaffBar({ user }: { user: StaffUser }) {
  const links = [
    { href: "/staff", label: "Staff home", show: true },
    { href: "/staff/officers", label: "Officers", show: can(user, "viewOfficers") },
    { href: "/staff/eis", label: "Early Intervention", show: can(user, "viewEisFlags") },
    { href: "/staff/annotations", label: "Annotations", show: can(user, "draftAnnotation") },
    { href: "/staff/admin/users", label: "Users", show: can(user, "manageUsers") },
    { href: "/staff/admin/audit", label: "Audit log", show: can(user, "viewAuditLog") },
  ].filter((l) => l.show);
  return (
    <div className="staff-bar">
      <nav aria-label="Staff">
        <ul className="staff-bar__links">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href}>{l.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {can(user, "viewOfficers") && can(user, "viewEisFlags") && (
        <p className="staff-bar__ids" data-testid="id-spaces">
          Two ID spaces, never joined: &quot;Officers&quot; uses crisis-data officer IDs; &quot;Early Intervention&quot;
          uses Use of Force officer IDs.
        </p>
      )}
      <form action={signOutAction} className="staff-bar__session">
        <span data-testid="signed-in-as">
          {user.email} <span className="badge badge--role">{user.role}</span>
        </span>
        <button type="submit" className="button button--small">
          Sign out
        </button>
      </form>
    </div>
  );
}

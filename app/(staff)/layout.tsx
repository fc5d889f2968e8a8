import type { Metadata } from "next";
import { getStaffUser } from "@/lib/dal/staff-session";
import { StaffBar } from "./staff-bar";
import "./staff.css";

// Staff pages (EIS flags, reviews, annotations) live in this route group. They are never indexed and never stored
// by shared caches; authentication and role checks live in the data access layer (lib/auth, lib/dal), not here.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  // Display only (who is signed in, which links to offer): every page and DAL function checks access for itself.
  const user = await getStaffUser();
  return (
    <div className="staff-area">
      {user && <StaffBar user={user} />}
      {children}
    </div>
  );
}

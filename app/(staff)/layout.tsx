import type { Metadata } from "next";

// Staff pages (EIS flags, reviews, annotations) live in this route group. They are never indexed and never stored
// by shared caches; authentication and role checks live in the data access layer (lib/auth, lib/dal), not here.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function StaffLayout({ children }: { children: React.ReactNode }) {
  return <div className="staff-area">{children}</div>;
}

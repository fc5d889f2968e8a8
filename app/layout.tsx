import type { Metadata } from "next";
import localFont from "next/font/local";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { SyntheticBanner } from "@/components/synthetic-banner";
import { getActiveDatasets } from "@/lib/dal/datasets";
import { getStaffUser } from "@/lib/dal/staff-session";
import "./globals.css";

// Inter from npm (@fontsource-variable/inter): Google-hosted fonts cannot be fetched at build time offline.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Crisis Response & Use of Force in Seattle", template: "%s · Crisis Response & Use of Force" },
  description:
    "Public, reproducible figures on Seattle Police crisis contacts, crisis intervention training and use of force.",
  // Every page links the corrections feed (issue 18), so feed readers find it from wherever a reader is.
  alternates: {
    types: { "application/atom+xml": [{ url: "/feeds/notes.atom", title: "Corrections and notes (Atom)" }] },
  },
};

// Every page reads the database at request time (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // getStaffUser reads the session cookie: the response cache's renders carry none (see SiteHeader). Display only:
  // a session that cannot be read shows the signed-out header.
  const [datasets, staffUser] = await Promise.all([getActiveDatasets(), getStaffUser().catch(() => null)]);
  return (
    <html lang="en" className={inter.className}>
      <body>
        <SiteHeader notice={<SyntheticBanner datasets={datasets} />} signedIn={staffUser !== null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter datasets={datasets} />
      </body>
    </html>
  );
}

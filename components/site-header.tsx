import Link from "next/link";
import { signOutAction } from "@/app/(staff)/staff/actions";

const NAV = [
  { href: "/", label: "Key findings" },
  { href: "/crisis", label: "Crisis contacts" },
  { href: "/use-of-force", label: "Use of force" },
  { href: "/community", label: "Community impact" },
  { href: "/cit", label: "CIT comparison" },
  { href: "/metrics", label: "Metrics" },
  { href: "/alternative-response", label: "Alternative response" },
  { href: "/explainers", label: "How to read" },
  { href: "/data", label: "Data & versions" },
  { href: "/extracts", label: "Download data" },
];

/**
 * The banner landmark; `notice` (e.g. the synthetic-data banner) renders inside it so it sits in a landmark.
 * `signedIn` swaps "Staff sign in" for the staff area and a sign-out button. Only signed-in readers get that: the
 * response cache renders and stores pages for anonymous readers only (no session cookie is sent to its renders,
 * and requests with one bypass it: lib/http/page-cache.ts), so the signed-in header never reaches a cached page.
 * On staff pages the staff bar holds the session controls, so the header's sign-out is hidden there (globals.css).
 */
export function SiteHeader({ notice, signedIn = false }: { notice?: React.ReactNode; signedIn?: boolean }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header__inner">
        <Link href="/" className="site-title">
          Crisis Response &amp; Use of Force <span className="site-title__city">Seattle</span>
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
            {signedIn ? (
              <>
                <li>
                  <Link href="/staff" data-testid="header-staff-area">
                    Staff area
                  </Link>
                </li>
                <li className="nav-list__sign-out">
                  <form action={signOutAction} className="nav-form">
                    <button type="submit" className="nav-button" data-testid="header-sign-out">
                      Sign out
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <li>
                <Link href="/staff/sign-in">Staff sign in</Link>
              </li>
            )}
          </ul>
        </nav>
      </div>
      {notice}
    </header>
  );
}

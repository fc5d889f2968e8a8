import Link from "next/link";
import { signOutAction } from "@/app/(staff)/staff/actions";
import { NAV_GROUPS } from "@/lib/site/nav";
import { SiteNavCloser } from "./site-nav-closer";
import "./site-header.css";

/**
 * The banner landmark; `notice` (e.g. the synthetic-data banner) renders inside it so it sits in a landmark.
 * `signedIn` swaps "Staff sign in" for the staff area and a sign-out button. Only signed-in readers get that: the
 * response cache renders and stores pages for anonymous readers only (no session cookie is sent to its renders,
 * and requests with one bypass it: lib/http/page-cache.ts), so the signed-in header never reaches a cached page.
 * On staff pages the staff bar holds the session controls, so the header's sign-out is hidden there (globals.css).
 *
 * Navigation: one <details> "Menu" holding a <details> per group (site-header.css). On phones the menu is a
 * disclosure; from 64rem it is always shown and each group is a drop-down. <details> opens with Enter or Space
 * and works without JavaScript; the groups share a `name`, so opening one closes the others (no script needed).
 * SiteNavCloser only closes menus after navigating, on Escape or an outside click.
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
        <nav aria-label="Main" className="site-nav">
          <details className="site-nav__menu">
            <summary className="site-nav__toggle">Menu</summary>
            <ul className="nav-list">
              {NAV_GROUPS.map((group) => (
                <li key={group.label} className="nav-group">
                  <details name="site-nav-group">
                    <summary className="nav-group__label">{group.label}</summary>
                    <ul className="nav-group__links">
                      {group.links.map((item) => (
                        <li key={item.href}>
                          <Link href={item.href}>{item.label}</Link>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
              {signedIn ? (
                <>
                  <li className="nav-list__staff">
                    <Link href="/staff" data-testid="header-staff-area">
                      Staff area
                    </Link>
                  </li>
                  <li className="nav-list__staff nav-list__sign-out">
                    <form action={signOutAction} className="nav-form">
                      <button type="submit" className="nav-button" data-testid="header-sign-out">
                        Sign out
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <li className="nav-list__staff">
                  <Link href="/staff/sign-in">Staff sign in</Link>
                </li>
              )}
            </ul>
          </details>
          <SiteNavCloser />
        </nav>
      </div>
      {notice}
    </header>
  );
}

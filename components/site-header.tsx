import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(staff)/staff/actions";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/config";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";
import { NAV_GROUPS } from "@/lib/site/nav";
import { LanguageSwitch } from "./language-switch";
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
 *
 * Words come from the catalogues (lib/i18n), links keep the reader's language (localePath). The staff links stay
 * English addresses and load as documents outside English (plain <a>), so the staff area gets its English layout.
 */
export async function SiteHeader({ notice, signedIn = false }: { notice?: React.ReactNode; signedIn?: boolean }) {
  const [{ locale }, t, tn] = await Promise.all([requestLocale(), getTranslations("header"), getTranslations("nav")]);
  const other = LOCALES.find((l) => l !== locale) ?? DEFAULT_LOCALE;
  const staffLink = (href: string, label: string, testId?: string) =>
    locale === DEFAULT_LOCALE ? (
      <Link href={href} data-testid={testId}>
        {label}
      </Link>
    ) : (
      <a href={href} data-testid={testId}>
        {label}
      </a>
    );
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <div className="site-header__inner">
        <Link href={localePath(locale, "/")} className="site-title">
          {t("siteName")} <span className="site-title__city">{t("city")}</span>
        </Link>
        <nav aria-label={t("navLabel")} className="site-nav">
          <details className="site-nav__menu">
            <summary className="site-nav__toggle">{t("menu")}</summary>
            <ul className="nav-list">
              {NAV_GROUPS.map((group) => (
                <li key={group.key} className="nav-group">
                  <details name="site-nav-group">
                    <summary className="nav-group__label">{tn(`groups.${group.key}`)}</summary>
                    <ul className="nav-group__links">
                      {group.links.map((item) => (
                        <li key={item.href}>
                          <Link href={localePath(locale, item.href)}>{tn(`links.${item.key}`)}</Link>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
              {signedIn ? (
                <>
                  <li className="nav-list__staff">{staffLink("/staff", t("staffArea"), "header-staff-area")}</li>
                  <li className="nav-list__staff nav-list__sign-out">
                    <form action={signOutAction} className="nav-form">
                      <button type="submit" className="nav-button" data-testid="header-sign-out">
                        {t("signOut")}
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <li className="nav-list__staff">{staffLink("/staff/sign-in", t("staffSignIn"))}</li>
              )}
            </ul>
          </details>
          <LanguageSwitch to={other} label={t("switchTo")} hint={t("languageLabel")} />
          <SiteNavCloser />
        </nav>
      </div>
      {notice}
    </header>
  );
}

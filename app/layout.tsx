import localFont from "next/font/local";
import { getTranslations } from "next-intl/server";
import { ErrorTextProvider } from "@/components/error-text";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { SyntheticBanner } from "@/components/synthetic-banner";
import { getActiveDatasets } from "@/lib/dal/datasets";
import { getStaffUser } from "@/lib/dal/staff-session";
import { siteMetadata } from "@/lib/http/social-meta";
import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { requestLocale, requestPath } from "@/lib/i18n/locale";
import { isTranslated } from "@/lib/i18n/translated";
import "./globals.css";

// Inter from npm (@fontsource-variable/inter): Google-hosted fonts cannot be fetched at build time offline.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  display: "swap",
});

// The site's title, description and Open Graph / Twitter tags (absolute addresses: the origin as addressed).
export const generateMetadata = siteMetadata;

// Every page reads the database at request time (the data changes with each ingest, not each build).
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // getStaffUser reads the session cookie: the response cache's renders carry none (see SiteHeader). Display only:
  // a session that cannot be read shows the signed-out header.
  const [datasets, staffUser, { locale }, path, t] = await Promise.all([
    getActiveDatasets(),
    getStaffUser().catch(() => null),
    requestLocale(),
    requestPath(),
    getTranslations(),
  ]);
  // A page not translated yet still renders under /es, in English, marked as such (lang) and said so in Spanish.
  const untranslated = locale !== DEFAULT_LOCALE && !isTranslated(path);
  const errorText = { lang: locale, title: t("error.title"), body: t("error.body"), retry: t("error.retry") };
  return (
    <html lang={locale} className={inter.className}>
      <body>
        <SiteHeader notice={<SyntheticBanner datasets={datasets} />} signedIn={staffUser !== null} />
        <ErrorTextProvider text={errorText}>
          <main id="main" tabIndex={-1} lang={untranslated ? DEFAULT_LOCALE : undefined}>
            {untranslated && (
              <p className="untranslated-notice" role="note" lang={locale} data-testid="untranslated-notice">
                {t("site.untranslated")}
              </p>
            )}
            {children}
          </main>
        </ErrorTextProvider>
        <SiteFooter datasets={datasets} />
      </body>
    </html>
  );
}

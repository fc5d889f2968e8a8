import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageNotes, type PageNotesText } from "@/components/annotations/page-notes";
import { SYNTHETIC_STAMP } from "@/lib/charts/stamp";
import { pinnedHref } from "@/lib/charts/types";
import { formatDate } from "@/lib/format";
import type { PageFrame, PublicPage } from "@/lib/http/public-page";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";
import { NAV_GROUPS } from "@/lib/site/nav";

/**
 * What every public page shows under its title (lib/http/public-page.ts loads it): the pinned-release banner,
 * the page's notes as published at that release, stale sources and which figures are synthetic. Rendered from
 * props only: a server component reading the DAL itself would not see the page's pin.
 */
export async function PageHead({ frame }: { frame: PageFrame }) {
  const [{ locale }, t, nav] = await Promise.all([
    requestLocale(),
    getTranslations("common"),
    getTranslations("nav.links"),
  ]);
  const text: PageHeadText = {
    notes: {
      label: t("notesLabel"),
      summary: t("notesSummary", { count: frame.notes.length }),
      allNotes: t("allNotes"),
    },
    freshnessLabel: t("freshnessLabel"),
    notUpdated: t("notUpdated"),
    navLabel: (key) => nav(key),
  };
  return <PageHeadView frame={frame} locale={locale} text={text} />;
}

/** What PageHead says in the reader's language. */
export interface PageHeadText {
  notes: PageNotesText;
  freshnessLabel: string;
  notUpdated: string;
  navLabel: (key: NavLinkOf["key"]) => string;
}

/** The head drawn from props and words (PageHead reads the words; tests render this directly). */
export function PageHeadView({ frame, locale, text }: { frame: PageFrame; locale: Locale; text: PageHeadText }) {
  // Sentences written in English (the banner, lib/ingest's freshness sentence) are marked so in other locales.
  const english = locale === DEFAULT_LOCALE ? undefined : DEFAULT_LOCALE;
  return (
    <>
      {frame.release && (
        <PinnedBanner
          frame={frame}
          release={frame.release}
          locale={locale}
          lang={english}
          labelOf={(l) => text.navLabel(l.key)}
        />
      )}
      <PageNotes notes={frame.notes} text={text.notes} locale={locale} />
      {frame.freshness.map((sentence) => (
        <p
          key={sentence}
          className="synthetic-page-note"
          role="note"
          aria-label={text.freshnessLabel}
          data-testid="data-freshness"
        >
          <strong>{text.notUpdated}</strong> <span lang={english}>{sentence}</span>
        </p>
      ))}
      {frame.synthetic && <SyntheticNote {...frame.synthetic} lang={english} />}
    </>
  );
}

/** `href` kept on the page's release: links inside a pinned page stay pinned. */
export const keepPin = (frame: Pick<PageFrame, "release">, href: string): string =>
  frame.release ? pinnedHref(href, frame.release.number) : href;

type NavLinkOf = (typeof NAV_GROUPS)[number]["links"][number];

function PinnedBanner({
  frame,
  release,
  locale,
  lang,
  labelOf,
}: {
  frame: PageFrame;
  release: NonNullable<PageFrame["release"]>;
  locale: Locale;
  lang?: string;
  labelOf: (l: NavLinkOf) => string;
}) {
  const here = frame.path;
  return (
    <div className="pinned-release" role="note" aria-label="Release shown" data-testid="pinned-release" lang={lang}>
      <p>
        <strong>
          You are viewing release <Link href={localePath(locale, `/releases/${release.number}`)}>{release.number}</Link>{" "}
          of {formatDate(release.createdAt)}
        </strong>{" "}
        (figures, notes and methodology {release.methodologyVersion} as published then) —{" "}
        <a href={localePath(locale, frame.latestHref)} data-testid="latest-link">
          see the latest
        </a>
        .
      </p>
      {/* The root layout cannot see the query, so its menu and footer stay on the latest release: said here. */}
      <p className="pinned-release__pages" data-testid="pinned-release-pages">
        The site menu and the footer lead to the latest release (the footer names the current data versions). To stay in
        release {release.number}:{" "}
        {NAV_GROUPS.flatMap((g) => g.links)
          .filter((l) => l.href !== here)
          .map((l, i) => (
            <span key={l.href}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              <a href={localePath(locale, pinnedHref(l.href, release.number))} lang={locale}>
                {labelOf(l)}
              </a>
            </span>
          ))}
      </p>
    </div>
  );
}

function SyntheticNote({ all, realExceptions, lang }: { all: boolean; realExceptions?: string; lang?: string }) {
  return (
    <p
      className="synthetic-page-note"
      role="note"
      aria-label="Data status of this page"
      data-testid="page-data-status"
      lang={lang}
    >
      <strong>{SYNTHETIC_STAMP}.</strong>{" "}
      {all && !realExceptions
        ? "Every figure on this page is computed from a generated sample that follows the published schema. It illustrates the method and must not be cited."
        : `Every figure on this page is computed from a generated sample, except ${realExceptions ?? "those marked as real"}. Each chart says which data it uses.`}
    </p>
  );
}

/** A `?release=` that is not a release id: said plainly, with the way back (never a server error). */
export function ReleaseParamError({ page }: { page: Extract<PublicPage<unknown>, { ok: false }> }) {
  return (
    <>
      <h1>Not a release id</h1>
      <div className="callout" role="alert" data-testid="release-param-error">
        <p>
          <strong>This address asks for a release that cannot exist.</strong> {page.message}
        </p>
        <p>
          <a href={page.frame.latestHref}>See this page as it is now</a> or{" "}
          <Link href="/releases">list the releases</Link>.
        </p>
      </div>
    </>
  );
}

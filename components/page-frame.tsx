import Link from "next/link";
import { PageNotes } from "@/components/annotations/page-notes";
import { SYNTHETIC_STAMP } from "@/lib/charts/stamp";
import { pinnedHref } from "@/lib/charts/types";
import { formatDate } from "@/lib/format";
import type { PageFrame, PublicPage } from "@/lib/http/public-page";
import { NAV_GROUPS } from "@/lib/site/nav";

/**
 * What every public page shows under its title (lib/http/public-page.ts loads it): the pinned-release banner,
 * the page's notes as published at that release, stale sources and which figures are synthetic. Rendered from
 * props only: a server component reading the DAL itself would not see the page's pin.
 */
export function PageHead({ frame }: { frame: PageFrame }) {
  return (
    <>
      {frame.release && <PinnedBanner frame={frame} release={frame.release} />}
      <PageNotes notes={frame.notes} />
      {frame.freshness.map((sentence) => (
        <p
          key={sentence}
          className="synthetic-page-note"
          role="note"
          aria-label="Data freshness"
          data-testid="data-freshness"
        >
          <strong>Not updated recently.</strong> {sentence}
        </p>
      ))}
      {frame.synthetic && <SyntheticNote {...frame.synthetic} />}
    </>
  );
}

/** `href` kept on the page's release: links inside a pinned page stay pinned. */
export const keepPin = (frame: Pick<PageFrame, "release">, href: string): string =>
  frame.release ? pinnedHref(href, frame.release.number) : href;

function PinnedBanner({ frame, release }: { frame: PageFrame; release: NonNullable<PageFrame["release"]> }) {
  const here = frame.path;
  return (
    <div className="pinned-release" role="note" aria-label="Release shown" data-testid="pinned-release">
      <p>
        <strong>
          You are viewing release <Link href={`/releases/${release.number}`}>{release.number}</Link> of{" "}
          {formatDate(release.createdAt)}
        </strong>{" "}
        (figures, notes and methodology {release.methodologyVersion} as published then) —{" "}
        <a href={frame.latestHref} data-testid="latest-link">
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
              <a href={pinnedHref(l.href, release.number)}>{l.label}</a>
            </span>
          ))}
      </p>
    </div>
  );
}

function SyntheticNote({ all, realExceptions }: { all: boolean; realExceptions?: string }) {
  return (
    <p className="synthetic-page-note" role="note" aria-label="Data status of this page" data-testid="page-data-status">
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

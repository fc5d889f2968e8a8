import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { EisAboutBox } from "@/components/staff/eis-about-box";
import { EisFlagFilters } from "@/components/staff/eis-flag-filters";
import { EisRunLine } from "@/components/staff/eis-run-line";
import { formatUnits } from "@/lib/auth/roles";
import type { ColumnSpec, Row } from "@/lib/charts/types";
import { EisFreshness, EisQueue } from "@/components/staff/eis-queue";
import { getEisFlags, REVIEW_STATUSES, SORT_LABELS, type EisFlagRowDto, type EisFlagsDto } from "@/lib/dal/staff-eis";
import { getEisFreshness, getEisQueue } from "@/lib/dal/staff-eis-queue";
import { issueMessages } from "@/lib/errors/app-error";
import { staffPage } from "@/lib/http/staff-page";
import { verifySession } from "@/lib/dal/staff-session";
import { formatDate, formatInt } from "@/lib/format";

export const metadata: Metadata = { title: "Early Intervention: open flags" };

const REVIEW_LABEL: Record<EisFlagRowDto["reviewStatus"], string> = { ...REVIEW_STATUSES, not_flagged: "Not flagged" };

function columnsFor(withEngagement: boolean): ColumnSpec[] {
  return [
    { key: "officer", label: "Officer ID", format: "text" },
    { key: "precinct", label: "Precinct (unit)", format: "text" },
    { key: "reasons", label: "Reasons", format: "text" },
    { key: "review", label: "Review", format: "text" },
    { key: "recent", label: "Flagged in recent runs", format: "text" },
    { key: "change", label: "Incident score change since previous run", format: "decimal" },
    { key: "incident", label: "Incident score", format: "decimal" },
    { key: "subject", label: "Subject score", format: "decimal" },
    { key: "top5", label: "Escalation: chance of top 5% of peers", format: "percent" },
    { key: "incidents", label: "Incidents in the incident window", format: "int" },
    ...(withEngagement ? [{ key: "engagement", label: "Engagement score", format: "decimal" as const }] : []),
  ];
}

function rowOf(r: EisFlagRowDto): Row {
  return {
    officer: r.officerId,
    href: `/staff/eis/officers/${encodeURIComponent(r.officerId)}`,
    precinct: r.precinct ?? "Unknown",
    reasons: r.reasons.length ? r.reasons.map((x) => x.plain).join(" ") : "Not flagged",
    review: REVIEW_LABEL[r.reviewStatus],
    recent: `${r.flaggedRecent} of ${r.recentRuns}${r.newFlag ? " (new)" : ""}`,
    change: r.incidentScoreChange,
    incident: r.incidentScore,
    subject: r.subjectScore,
    top5: r.pTop5,
    incidents: r.incidentsInWindow,
    engagement: r.engagementAvailable ? r.engagementScore : "Not available in this data",
  };
}

/** The address of another page or "n/a" setting of the same filtered list. */
function listHref(flags: EisFlagsDto, change: Record<string, string>): string {
  const f = flags.filter;
  const q = new URLSearchParams(
    Object.entries({
      show: f.show,
      precinct: f.precinct ?? "",
      reason: f.reason ?? "",
      review: f.review ?? "",
      sort: f.sort,
      na: f.na,
      page: String(flags.paging.page),
      ...change,
    }).filter(
      ([k, v]) =>
        v !== "" &&
        !(k === "page" && v === "1") &&
        !(k === "na" && v === "hide") &&
        !(k === "sort" && v === "flag") &&
        !(k === "show" && v === "flagged"),
    ),
  );
  const qs = q.toString();
  return `/staff/eis${qs ? `?${qs}` : ""}#latest-run`;
}

export default async function EisFlagsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const [user, flags, queue, freshness] = await staffPage("/staff/eis", () =>
    Promise.all([verifySession(), getEisFlags(params), getEisQueue(), getEisFreshness()]),
  );
  const { run, filter, paging } = flags;
  const withEngagement = flags.rows.some((r) => r.engagementAvailable);
  return (
    <>
      <h1>Early Intervention: open flags</h1>
      <p className="lede">
        Use of Force officers (Use of Force officer IDs, a different ID space from the crisis-data officers under{" "}
        <Link href="/staff/officers">Officers</Link>) whose flags await a supervisor: not yet reviewed, or reviewed with
        an intervention still open. A flag stays here, whatever run raised it, until someone acts on it.{" "}
        {flags.scoped
          ? `You see the officers of your units only (${formatUnits(user.units) || "none assigned"}).`
          : "Your role sees every officer."}
      </p>
      <EisFreshness f={freshness} />
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Open flags in your scope ({formatInt(queue.length)}), oldest first</h2>
        <EisQueue items={queue} />
      </section>
      <EisAboutBox compact />
      {!run ? (
        <p data-testid="eis-no-run">
          No Early Intervention run has been stored yet. Load the Use of Force data, or run{" "}
          <code>npm run cli -- eis run --as-of YYYY-MM-DD</code>.
        </p>
      ) : (
        <section aria-labelledby="latest-run">
          <h2 id="latest-run">The latest run ({formatDate(run.asOf)})</h2>
          <EisRunLine run={run} />
          <p data-testid="eis-scope-counts">
            In your scope: {formatInt(flags.inScope.officers)} officer{flags.inScope.officers === 1 ? "" : "s"} scored,{" "}
            {formatInt(flags.inScope.flagged)} flagged.
          </p>
          <EisFlagFilters
            filter={filter}
            precincts={flags.options.precincts}
            reasons={flags.options.reasons}
            reviewStatuses={REVIEW_STATUSES}
            sorts={SORT_LABELS}
          />
          {flags.filterIssues.length > 0 && (
            <p className="alert alert--error" role="alert">
              Some filters were not understood and are not applied: {issueMessages(flags.filterIssues).join("; ")}.
            </p>
          )}
          <p role="status" data-testid="eis-row-count">
            {formatInt(paging.total)} {filter.show === "all" ? "scored" : "flagged"} officer
            {paging.total === 1 ? "" : "s"}
            {paging.pages > 1 ? `, page ${paging.page} of ${paging.pages} (${paging.pageSize} a page)` : " shown"}.
            {paging.naHidden > 0 && (
              <>
                {" "}
                <span data-testid="eis-na-hidden">
                  {formatInt(paging.naHidden)} officer{paging.naHidden === 1 ? "" : "s"} with no computable score (n/a
                  in every column) hidden; <Link href={listHref(flags, { na: "show", page: "1" })}>show them</Link>.
                </span>
              </>
            )}
          </p>
          {flags.rows.length === 0 && filter.show !== "all" && flags.inScope.flagged === 0 && (
            <p data-testid="eis-no-flags">
              No officer in your scope met a flag rule in this run. That is the usual result on Seattle&apos;s open
              data: few incidents have several officers using different levels, and the volume rule controls the
              false-discovery rate, so weak evidence raises no flag.{" "}
              <Link href="/staff/eis?show=all">Show every scored officer</Link> to see the scores themselves.
            </p>
          )}
          {flags.rows.length > 0 && (
            <div data-testid="eis-flags-table">
              <DataTable
                columns={columnsFor(withEngagement)}
                rows={flags.rows.map(rowOf)}
                caption="Officers in the latest run"
                links={{ officer: "href" }}
              />
            </div>
          )}
          {paging.pages > 1 && (
            <nav aria-label="Pages of the list" data-testid="eis-pages">
              <ul className="period-links">
                {paging.page > 1 && (
                  <li>
                    <Link href={listHref(flags, { page: String(paging.page - 1) })} rel="prev">
                      Previous page
                    </Link>
                  </li>
                )}
                <li aria-current="page">
                  Page {paging.page} of {paging.pages}
                </li>
                {paging.page < paging.pages && (
                  <li>
                    <Link href={listHref(flags, { page: String(paging.page + 1) })} rel="next">
                      Next page
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
          <p className="meta">
            Scores are not available (n/a) when an officer had fewer qualifying incidents or subjects than the minimum.
            Engagement is not available in this data: Seattle&apos;s Use of Force data does not list officers who were
            present without using force. &quot;Flagged in recent runs&quot; counts the latest run and up to three before
            it. See also <Link href="/staff/eis/accuracy">how well the EIS works</Link>.
          </p>
        </section>
      )}
    </>
  );
}

import { smallCountRule } from "@/lib/charts/publish";
import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { CallRiskTable } from "@/components/call-risk-table";
import { MethodologyBasics } from "@/components/methodology-basics";
import { getNotesPage } from "@/lib/dal/annotations";
import { env } from "@/lib/env";
import { UOF_LEVEL_LABELS, UOF_LEVELS } from "@/lib/ingest/sources/seattle-uof";
import { ASSUMPTION_NOTES } from "@/lib/coverage/params";
import { METHODOLOGY_CHANGELOG, methodologySince } from "@/lib/pipeline/methodology-changelog";
import { METHODOLOGY_VERSION } from "@/lib/pipeline/results";
import { DEFAULT_RULE } from "@/lib/trends/alternative-rule";

export const generateMetadata = pageMetadata("Methodology", "/methodology");

export default async function MethodologyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/methodology", searchParams, getNotesPage);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const { published } = page.data;
  const dated = published.filter((n) => n.dateStart).sort((a, b) => a.dateStart!.localeCompare(b.dateStart!));
  // Pinned: the version and changelog text the release recorded (lib/pipeline/releases.ts), and what changed since.
  const pin = page.frame.release;
  const version = pin?.methodologyVersion ?? METHODOLOGY_VERSION;
  const changelog = pin ? pin.methodology : METHODOLOGY_CHANGELOG;
  const since = pin ? methodologySince(pin.methodologyVersion) : [];
  return (
    <article className="explainer">
      <h1>Methodology</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        How every figure is computed (methodology version <code data-testid="methodology-version">{version}</code>
        {pin ? `, as in release ${pin.number}` : ""}). The tables below are rendered from the same code the pipeline
        runs. The dataset versions in use are on <Link href={keepPin(page.frame, "/data")}>Data &amp; versions</Link>.
      </p>
      {pin && (
        <p className="callout" data-testid="methodology-since">
          {since.length === 0
            ? `The method has not changed since release ${pin.number}: the definitions below are the ones it used.`
            : `The definitions below are today's (methodology ${METHODOLOGY_VERSION}). Since release ${pin.number} the method changed in ${since.map((e) => e.version).join(", ")}: see "Changed since this release" at the end of this page; the changelog of the release itself follows it.`}
        </p>
      )}
      <MethodologyBasics />
      <CallRiskTable />
      <section id="force-levels" aria-labelledby="force-levels-title">
        <h2 id="force-levels-title">Use-of-force levels</h2>
        <div className="table-scroll" role="region" aria-label="Table: force levels" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Incident_Type in the source</th>
                <th scope="col">Level used by the portal</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(UOF_LEVELS).map(([raw, level]) => (
                <tr key={raw}>
                  <th scope="row">
                    {raw
                      .replace(/\b([A-Z])([A-Z]+)\b/g, (_, a: string, b: string) => a + b.toLowerCase())
                      .replace("Ois", "OIS")}
                  </th>
                  <td>
                    {level} ({UOF_LEVEL_LABELS[level]})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section id="metrics" aria-labelledby="metrics-title">
        <h2 id="metrics-title">Metric definitions</h2>
        <dl className="facts">
          <dt>Crisis contacts</dt>
          <dd>Distinct Template IDs with a reported date in the period.</dd>
          <dt>Share with force</dt>
          <dd>Crisis contacts in which any officer record has Use of Force Indicator = Y, over all crisis contacts.</dd>
          <dt>Referral rate</dt>
          <dd>Crisis contacts whose most serious disposition is a referral to services, over all crisis contacts.</dd>
          <dt>CIT coverage</dt>
          <dd>Crisis contacts with at least one CIT-certified officer, over all crisis contacts.</dd>
          <dt>Level 2+ share</dt>
          <dd>Use-of-force incidents at Level 2, 3 or OIS, over all use-of-force incidents.</dd>
          <dt>Top-10% concentration</dt>
          <dd>
            Distinct incidents involving the 10% of officers with the most incidents in the period, over all incidents
            with a known officer.
          </dd>
          <dt>Alternative-response rule</dt>
          <dd>
            A call type is a candidate when its contacts ended in arrest or force less than {DEFAULT_RULE.threshold}% of
            the time (upper end of the 95% interval) with at least {DEFAULT_RULE.minContacts} contacts; readers can
            change the rule.
          </dd>
          <dt>Intervals</dt>
          <dd>95% Wilson score intervals for every rate.</dd>
          <dt id="small-counts">Small counts</dt>
          <dd>
            {smallCountRule(env().SMALL_COUNT_THRESHOLD)} The same rule applies to pages, chart CSVs, the aggregates
            API, embeds and exported images. The alternative, privacy-style suppression, would need complementary
            suppression across every table that shares a margin, and would still be undone by the public row-level
            files; it is not used.
          </dd>
        </dl>
      </section>
      <section id="models" aria-labelledby="models-title">
        <h2 id="models-title">The CIT models</h2>
        <p>
          One observation is one officer contact (Template ID + Officer ID). Standard errors are cluster-robust by
          officer (HC1), because each officer contributes many contacts.
        </p>
        <ul>
          <li>
            <strong>Force model</strong> (logistic regression): force ~ CIT certified + years of experience + call risk
            group + precinct + officer race + officer gender + era (before 2020 / 2020 and after). A sensitivity model
            adds CIT x era.
          </li>
          <li>
            <strong>Disposition model</strong> (multinomial logistic regression, reference: no action): disposition
            group ~ CIT certified + call risk group + precinct + era.
          </li>
          <li>
            <strong>Dispatch balance</strong>: the mix of call risk groups for certified and other officers, with a
            chi-square test.
          </li>
          <li>
            Contacts with impossible experience values are quarantined at ingest and counted; contacts without
            experience are excluded from the models and counted.
          </li>
        </ul>
      </section>
      <section id="coverage-model" aria-labelledby="coverage-model-title">
        <h2 id="coverage-model-title">The coverage model (alternative response)</h2>
        <p>
          The simulator on{" "}
          <Link href={keepPin(page.frame, "/alternative-response#coverage-model")}>Alternative response</Link> replays
          one year&apos;s eligible crisis contacts at their reported times against a team schedule. Nobody waits: each
          eligible contact is, in this order, outside the teams&apos; hours, outside the covered precincts, missed
          because every team is still on an earlier contact, or reached; so reached + missed = eligible, always. The
          same parameters give the same figures (no randomness). Its defaults, each an assumption you can change on the
          page:
        </p>
        <ul>
          {Object.entries(ASSUMPTION_NOTES).map(([key, text]) => (
            <li key={key}>{text}</li>
          ))}
        </ul>
      </section>
      <section id="eis" aria-labelledby="eis-title">
        <h2 id="eis-title">Early Intervention System (staff only), in public terms</h2>
        <p>
          SPD staff see officer-level flags that compare each officer with peers who faced the same incidents (the other
          officers at the same incident, or with the same person), not with raw counts. Flags are non-disciplinary,
          reviewed by a supervisor, and the system reports its own accuracy. No officer-level score is published on this
          site.
        </p>
        <ul>
          <li>
            Incident- and subject-based scores: the level of force an officer used minus what the other officers at the
            same incident, or with the same person, used.
          </li>
          <li>
            Escalation propensity: a statistical model (Ridgeway&apos;s conditional ordinal stereotype model, 2025) that
            compares officers only within shared incidents, so the situation cancels out; each estimate comes with its
            uncertainty, and a flag needs a high probability of being in the top 5% of peers.
          </li>
          <li>
            Volume: incidents compared with officers of the same precinct, shrunk towards the peer average so that a few
            incidents are not mistaken for a pattern, with false-discovery-rate control.
          </li>
          <li>
            Seattle&apos;s open Use of Force data lists only officers who used force, and has a separate incident number
            for almost every officer&apos;s report; the portal treats reports about the same person on the same day as
            one incident. A flag is a prompt for a supervisor&apos;s review, not a finding.
          </li>
        </ul>
      </section>
      <section id="context" aria-labelledby="context-title">
        <h2 id="context-title">Context marked on time axes</h2>
        <p>
          Published notes with a date are marked on the time axes of the charts they apply to. Every note, and the ones
          since retired, is on <Link href={keepPin(page.frame, "/notes")}>Corrections and notes</Link>.
        </p>
        {dated.length === 0 ? (
          <p>No dated notes are published.</p>
        ) : (
          <ul data-testid="context-notes">
            {dated.map((n) => (
              <li key={n.id}>
                <strong>{n.dateLabel}</strong>: <Link href={n.href}>{n.title}</Link> ({n.kindLabel.toLowerCase()};{" "}
                {n.scopeLabel.toLowerCase()}).{n.sourceLabel ? ` Source: ${n.sourceLabel}.` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      {since.length > 0 && (
        <section id="changed-since" aria-labelledby="changed-since-title" data-testid="changed-since">
          <h2 id="changed-since-title">Changed since this release</h2>
          <ChangelogEntries entries={since} />
        </section>
      )}
      <section id="changelog" aria-labelledby="changelog-title" data-testid="methodology-changelog">
        <h2 id="changelog-title">Methodology changelog{pin ? ` as of release ${pin.number}` : ""}</h2>
        <ChangelogEntries entries={changelog} />
      </section>
    </article>
  );
}

/** Methodology changelog entries, newest first: version, date and what changed. */
function ChangelogEntries({ entries }: { entries: { version: string; date: string; changes: string[] }[] }) {
  return entries.map((c) => (
    <div key={c.version}>
      <h3>
        {c.version} ({c.date})
      </h3>
      <ul>
        {c.changes.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    </div>
  ));
}

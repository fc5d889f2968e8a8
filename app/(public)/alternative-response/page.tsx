import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { getAlternativePage } from "@/lib/dal/charts";
import { getCoveragePage } from "@/lib/dal/coverage";
import { CoverageSection } from "./coverage-section";
import { DEFAULT_RULE, ruleParams, type AlternativeRule } from "@/lib/trends/alternative-rule";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Alternative response", "/alternative-response");

export default async function AlternativeResponsePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage(
    "/alternative-response",
    searchParams,
    (p) => Promise.all([getAlternativePage(p), getCoveragePage(p)]),
    { datasets: ["seattle-crisis"], dataStatus: true },
  );
  if (!page.ok) return <ReleaseParamError page={page} />;
  const [data, coverage] = page.data;
  const params = await searchParams;
  const { rule, filters } = data;
  // Each form carries the other's settings as hidden fields, so applying one keeps the other; both keep the release.
  const one = (k: string) => (typeof params[k] === "string" && params[k] !== "" ? (params[k] as string) : null);
  const pin: Record<string, string> = page.frame.release ? { release: page.frame.release.number } : {};
  const ruleKeep = {
    ...Object.fromEntries(
      ["threshold", "basis", "minContacts", "from", "to", "precinct"].flatMap((k) => (one(k) ? [[k, one(k)!]] : [])),
    ),
    ...pin,
  };
  const simKeep = { ...(coverage.run ? coverage.run.query : {}), ...pin };
  const [table, ...rest] = data.charts;
  const candidates = table?.rows.filter((r) => r.classification === "Candidate") ?? [];
  const strict = data.presets.find((p) => p.preset === "strict");
  // A preset link keeps the period and precinct (and the simulator's settings), and sets the three rule fields.
  const presetHref = (r: AlternativeRule) =>
    `/alternative-response?${new URLSearchParams({
      ...simKeep,
      ...Object.fromEntries(["from", "to", "precinct"].flatMap((k) => (one(k) ? [[k, one(k)!]] : []))),
      ...ruleParams(r),
    }).toString()}`;
  return (
    <>
      <h1>Which crisis calls could a civilian crisis team take?</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Cities are sending mental-health responders instead of, or alongside, police (Eugene&apos;s CAHOOTS,
        Oakland&apos;s MACRO). This page shows, call type by call type, how Seattle&apos;s crisis contacts ended, and
        lets you set a rule for which call types could be candidates for a civilian response.
      </p>
      <div className="callout" role="note" aria-label="Read this first">
        <p>
          <strong>Read this first.</strong> A call&apos;s outcome is not known when it is dispatched, and the presence
          of police may itself shape how an encounter ends. These figures describe past police responses; they are a
          starting point for a conversation, not a dispatch protocol.
        </p>
      </div>
      <form method="get" action="/alternative-response" className="filters" aria-label="Rule and filters">
        {Object.entries(simKeep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {data.issues.length > 0 && (
          <div role="alert" className="form-errors">
            <p>Some settings could not be used, so defaults are shown:</p>
            <ul>
              {data.issues.map(({ message }) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
        <fieldset>
          <legend>The rule: a call type is a candidate when contacts ended in arrest or use of force less than</legend>
          <div className="filters__row">
            <label>
              Threshold (%)
              <input type="number" name="threshold" min={0.5} max={50} step={0.5} defaultValue={rule.threshold} />
            </label>
            <label>
              Judged on
              <select name="basis" defaultValue={rule.basis}>
                <option value="upper">the upper end of the 95% interval (cautious)</option>
                <option value="estimate">the observed share</option>
              </select>
            </label>
            <label>
              Minimum contacts
              <input type="number" name="minContacts" min={10} max={100000} step={10} defaultValue={rule.minContacts} />
            </label>
          </div>
        </fieldset>
        <div className="filters__row">
          <label>
            From (month)
            <input
              type="month"
              name="from"
              defaultValue={filters.from ?? data.options.firstMonth ?? ""}
              min={data.options.firstMonth ?? undefined}
              max={data.options.lastMonth ?? undefined}
            />
          </label>
          <label>
            To (month)
            <input
              type="month"
              name="to"
              defaultValue={filters.to ?? data.options.lastMonth ?? ""}
              min={data.options.firstMonth ?? undefined}
              max={data.options.lastMonth ?? undefined}
            />
          </label>
          <label>
            Precinct
            <select name="precinct" defaultValue={filters.precinct ?? "all"}>
              <option value="all">All precincts</option>
              {data.options.precincts.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Apply</button>
          <a
            href={
              page.frame.release
                ? `/alternative-response?release=${page.frame.release.number}`
                : "/alternative-response"
            }
          >
            Reset to the default rule
          </a>
        </div>
      </form>
      <section aria-labelledby="default-rule">
        <h2 id="default-rule">The default rule and why</h2>
        <p>
          By default a call type is a candidate when fewer than {DEFAULT_RULE.threshold}% of its crisis contacts ended
          in an arrest or any reported use of force, judged on the upper end of the 95% interval and only with at least{" "}
          {DEFAULT_RULE.minContacts} contacts. In words: the data must show, with 95% confidence, that at least nine in
          ten of these contacts ended without an arrest or force. Arrest and force are the outcomes that most plainly
          needed police powers; using the interval&apos;s upper end means a call type qualifies only when the data are
          clear, not because it was rare. Emergent detentions are not counted against a call type: civilian crisis teams
          in several cities work with designated crisis responders who can start an evaluation. A program would still
          plan for police backup on the contacts that did end in arrest or force.
        </p>
        {table && (
          <p data-testid="candidate-summary">
            With the current rule:{" "}
            {candidates.length === 0
              ? `no call type qualifies. ${data.noCandidateReason ?? ""}`
              : `${candidates.length} call types qualify: ${candidates.map((c) => c.group).join("; ")}.`}
          </p>
        )}
        {data.presets.length > 0 && (
          <>
            <h3 id="rule-presets">Other rules to compare</h3>
            <ul data-testid="rule-presets">
              {data.presets.map((p) => (
                <li key={p.preset}>
                  <a href={presetHref(p.rule)}>{p.name}</a>: arrest or force under {p.rule.threshold}%,{" "}
                  {p.rule.basis === "upper" ? "upper end of the 95% interval" : "observed share"}, at least{" "}
                  {p.rule.minContacts} contacts: {p.candidates} of {p.callTypes} call types qualify.
                </li>
              ))}
            </ul>
            {strict?.reason && (
              <p data-testid="strict-reason">
                <strong>Why the strict rule finds none here.</strong> The strict rule (under {strict.rule.threshold}%,
                upper end of the interval) was this page&apos;s default until it turned out to find no call type in this
                data. {strict.reason}
              </p>
            )}
          </>
        )}
      </section>
      {!table && <p>No crisis data has been loaded yet.</p>}
      {table && <ChartBlock chart={table} />}
      {rest.map((c) => (
        <ChartBlock key={c.id} chart={c} />
      ))}
      {table && <CoverageSection data={coverage} params={params} keep={ruleKeep} />}
    </>
  );
}

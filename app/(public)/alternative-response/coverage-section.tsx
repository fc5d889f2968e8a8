import { AlternativeRule } from "@/lib/trends/alternative-rule";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { issueFieldErrors } from "@/lib/errors/app-error";
import { ASSUMPTION_NOTES } from "@/lib/coverage/params";
import { formatHours } from "@/lib/coverage/hours";
import { RULE_PRESETS } from "@/lib/coverage/rules";
import type { CoveragePageData } from "@/lib/dal/coverage";
import { pinnedHref } from "@/lib/charts/types";
import { CoverageForm } from "./coverage-form";
import { HeatMap } from "./heat-map";

// The rule's own fields are reported once, by the rule form above; the simulator form lists only its own.
const RULE_FIELDS = new Set(Object.keys(AlternativeRule.shape));

const int = (n: number) => n.toLocaleString("en-US");
const pct = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(1)}%` : "-");

/**
 * "Coverage, staffing and cost": the simulator's form, its headline numbers, the heat map and the other chart
 * blocks, with sourced context and caveats beside them. Everything is rendered on the server from the URL.
 */
export function CoverageSection({
  data,
  params,
  keep,
}: {
  data: CoveragePageData;
  params: Record<string, string | string[] | undefined>;
  keep: Record<string, string>;
}) {
  const { run } = data;
  // On a page pinned to a release (`keep.release`), its links stay on it.
  const pin = (href: string) => (keep.release ? pinnedHref(href, keep.release) : href);
  const chart = (id: string) => data.charts.find((c) => c.id === id);
  const heat = chart("alt-heatmap");
  const T = heat?.smallCountThreshold ?? 0;
  const shown = (n: number) => (n > 0 && n < T ? `fewer than ${T}` : int(n));
  return (
    <section aria-labelledby="coverage-model" className="coverage">
      <h2 id="coverage-model">Coverage, staffing and cost: what N teams on these hours would reach</h2>
      <p>
        Set the hours, precincts and number of civilian teams below. The simulator replays the real times of one
        year&apos;s eligible crisis contacts: a contact is reached when a team is on duty in its precinct and free, and
        missed when it comes outside the hours, outside the area, or while every team is busy on an earlier contact
        (nobody waits in a queue). The same numbers come from the CSV downloads, the extract API and the command line (
        <code>npm run cli -- coverage simulate</code>).
      </p>
      {data.synthetic && (
        <p className="callout" role="note" aria-label="Synthetic data">
          <strong>Synthetic sample.</strong> The crisis data loaded here are a synthetic sample, not Seattle&apos;s
          rows: the times, and so every number of this model, follow the sample generator&apos;s assumptions (an
          afternoon and evening peak by hour, no difference between weekdays). Use it to try the model, not to plan a
          service.
        </p>
      )}
      {!run && (
        <p>No crisis data with stored coverage results has been loaded yet (run the pipeline&apos;s compute step).</p>
      )}
      {run && (
        <>
          <CoverageForm
            run={run}
            params={params}
            errors={issueFieldErrors(data.issues.filter((i) => !RULE_FIELDS.has(i.field)))}
            keep={keep}
          />
          <div className="coverage-results" aria-live="polite">
            <h3>
              Result for {run.year}
              {run.partialYear ? " (part of the year in the data)" : ""}
            </h3>
            {run.result.eligible === 0 && (
              <p role="status">
                Under this rule no call type is eligible, so a civilian team would have nothing to take. Try a broader
                rule (for example{" "}
                <a href={pin("/alternative-response?threshold=10&basis=estimate&minContacts=20#coverage-model")}>
                  less than 10%, judged on the observed share
                </a>
                ).
              </p>
            )}
            <dl className="coverage-figures" data-testid="coverage-figures">
              <div>
                <dt>Eligible contacts</dt>
                <dd data-testid="cov-eligible">{shown(run.result.eligible)}</dd>
              </div>
              <div>
                <dt>Reached by civilian teams</dt>
                <dd data-testid="cov-reached">
                  {shown(run.result.reached)} ({pct(run.result.reached, run.result.eligible)})
                </dd>
              </div>
              <div>
                <dt>Still to armed officers</dt>
                <dd data-testid="cov-missed">
                  {shown(run.result.eligible - run.result.reached)}: outside hours{" "}
                  {shown(run.result.missed.outsideHours)}, outside area {shown(run.result.missed.outsideArea)}, all
                  teams busy {shown(run.result.missed.allTeamsBusy)}
                </dd>
              </div>
              <div>
                <dt>Team-hours; utilisation</dt>
                <dd data-testid="cov-utilisation">
                  {int(run.econ.teamHours)};{" "}
                  {run.econ.utilisation === null ? "-" : `${(run.econ.utilisation * 100).toFixed(1)}%`} of on-duty time
                  busy
                </dd>
              </div>
              <div>
                <dt>Staff needed</dt>
                <dd data-testid="cov-staff">
                  {run.econ.staffNeeded.toLocaleString("en-US")} employees ({run.params.teams} x{" "}
                  {run.params.staffPerTeam} posts x relief factor {run.econ.reliefFactor.toFixed(2)})
                </dd>
              </div>
              <div>
                <dt>Annual cost; per reached contact</dt>
                <dd data-testid="cov-cost">
                  ${int(run.econ.annualCost)};{" "}
                  {run.econ.costPerReached === null ? "-" : `$${int(run.econ.costPerReached)}`}
                </dd>
              </div>
              <div>
                <dt>Officer time on eligible contacts today</dt>
                <dd>
                  {int(run.econ.officer.hoursOnEligible)} hours, ${int(run.econ.officer.costOnEligible)} ($
                  {int(run.econ.officer.costPerContact)} per contact); {int(run.econ.officer.hoursRemaining)} hours
                  would remain
                </dd>
              </div>
            </dl>
            <p>
              Schedule: <code data-testid="cov-hours">{formatHours(run.params.hours)}</code>,{" "}
              {run.precincts ? `precincts ${run.precincts.join(", ")}` : "every precinct"}.{" "}
              <a
                href={pin(`/alternative-response${data.query}#coverage-model`)}
                className="permalink"
                data-testid="cov-permalink"
              >
                Permalink to this simulation
              </a>
            </p>
          </div>
          {heat && <ChartBlock chart={heat} figure={<HeatMap />} />}
          {["alt-sim-outcomes", "alt-sim-rules", "alt-sim-cost", "alt-sim-windows"].map((id) => {
            const c = chart(id);
            return c ? <ChartBlock key={id} chart={c} /> : null;
          })}
        </>
      )}
      <CoverageContext />
    </section>
  );
}

function CoverageContext() {
  return (
    <>
      <h3>What other cities found (sourced notes)</h3>
      <ul className="sourced-notes">
        <li>
          Denver&apos;s STAR program (Support Team Assisted Response) answered only 44-46% of the calls it was eligible
          for in 2022-23: eligibility on paper is not reach in practice, which is why this model counts missed contacts
          by reason.
        </li>
        <li>Eugene&apos;s CAHOOTS ran about 31 van-hours a day.</li>
        <li>
          Seattle&apos;s CARE team chose its hours, 11:00 to 23:00, from call data; they are this simulator&apos;s
          default.
        </li>
        <li>
          Staffing one post around the clock takes 4-5 employees once days off, leave and training are counted (the
          shift relief factor).
        </li>
      </ul>
      <p className="field-hint">
        These are the figures as they circulate in public reporting on these programs; the portal has not checked them
        against primary documents. Before quoting them, check the programs&apos; own reports: the City and County of
        Denver on STAR, White Bird Clinic (Eugene, Oregon) on CAHOOTS, and the City of Seattle&apos;s Community Assisted
        Response and Engagement (CARE) Department.
      </p>
      <h3>Assumptions and caveats</h3>
      <ul>
        <li>
          &quot;Eligible&quot; is a rule about call types, chosen above, not a judgement about any person or any call: a
          call&apos;s outcome is not known when it is dispatched.
        </li>
        <li>
          Strict and broad rules for the side-by-side comparison:{" "}
          {`less than ${RULE_PRESETS.strict.threshold}% (upper end of the 95% interval, at least ${RULE_PRESETS.strict.minContacts} contacts)`}{" "}
          and{" "}
          {`less than ${RULE_PRESETS.broad.threshold}% (observed share, at least ${RULE_PRESETS.broad.minContacts} contacts)`}
          .
        </li>
        <li>{ASSUMPTION_NOTES.minutesPerContact}</li>
        <li>
          {ASSUMPTION_NOTES.staffPerTeam} {ASSUMPTION_NOTES.productiveHours}
        </li>
        <li>
          {ASSUMPTION_NOTES.costPerStaff} {ASSUMPTION_NOTES.costPerTeam} {ASSUMPTION_NOTES.officerCostPerHour}
        </li>
        <li>
          The officer line is officer time at the same minutes per contact, not a saving: officers are paid whether or
          not they take a crisis call.
        </li>
        <li>
          Times are the templates&apos; Reported Date / Time (when the report was written), not when the call came in.
        </li>
      </ul>
      <h3>Better data: adding 911 dispatch records</h3>
      <p>
        Crisis templates are written only for contacts officers classed as crises, and only after the fact. 911 dispatch
        records (calls for service, e.g. Seattle&apos;s Call Data) would show every call of an eligible type, with the
        time it came in and how long units spent on it. A city can add them as one more source mapping in{" "}
        <code>lib/ingest/sources/</code> (its columns, header spellings and a row-to-record function, like the Crisis
        Data mapping), then store their arrival times in the same compact form (<code>lib/coverage/store.ts</code>); the
        simulator, heat map and downloads then work on them unchanged.
      </p>
    </>
  );
}

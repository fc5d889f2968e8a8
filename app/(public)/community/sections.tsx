import { RACE_HARMONISATION, SOURCE_NAMES, GROUP_NAMES } from "@/lib/community/race-groups";
import type { CommunityResults } from "@/lib/community/compute";

/** The benchmarking explainer (anchor #benchmarks): what each denominator assumes, and what this data cannot do. */
export function BenchmarkExplainer({ res, link }: { res: CommunityResults; link: (href: string) => string }) {
  const pop = res.population;
  return (
    <section id="benchmarks" aria-labelledby="benchmarks-title" className="prose">
      <h2 id="benchmarks-title">The benchmarking problem: population, contacts or calls?</h2>
      <p>A rate needs a denominator, and the denominator decides the question being asked. No benchmark is neutral.</p>
      <ul>
        <li>
          <strong>Residents (population).</strong> &quot;Of everyone who lives here, how many received force?&quot; It
          includes every step that leads to force: who is policed, where, and how often. It assumes equal exposure to
          police, which is not true (visitors, commuters and unhoused people are not counted as residents; patrol is not
          spread evenly).
        </li>
        <li>
          <strong>Police contacts (Terry stops).</strong> &quot;Once stopped, how often does force follow?&quot; It
          removes any disparity in who gets stopped, which may itself be the disparity of interest (this is the
          &quot;benchmark problem&quot;: stops are police decisions). Stops are also only one kind of contact, and force
          is not limited to stopped people: the two datasets cannot be linked.
        </li>
        <li>
          <strong>Calls for service and crisis contacts.</strong> &quot;Given the calls police answered, how often was
          force used?&quot; The Crisis Data records no subject race, so force per crisis contact by race cannot be
          computed; calls for service by race are not published.
        </li>
      </ul>
      <h3>Which census table, and why</h3>
      <p>
        Population denominators come from the ACS 2020 DP05 table, Seattle city column
        {pop ? ` (total ${pop.total.toLocaleString("en-US")})` : ""}, using its &quot;Hispanic or Latino and race&quot;
        block: Hispanic or Latino of any race, and non-Hispanic people by race. These groups are mutually exclusive and
        add up to the total, and they match how Use of Force records Hispanic people (as one category in place of a
        race). The 2020 census tract table {res.tracts ? `(${res.tracts.tracts} King County tracts)` : ""} is finer, but
        its Hispanic count overlaps its race counts, and there is no tract-to-beat or tract-to-precinct crosswalk in the
        data folder; we do not invent one. That is why the precinct and beat views show counts and shares of people who
        received force, not rates.
      </p>
      <p>
        &quot;Not Specified&quot; race is counted in the city rate but belongs to no group, so every group&apos;s rate
        is a lower bound. Ratios resting on a count below the small-count threshold are shown and flagged unstable,
        never withheld. Years: the population benchmark uses the 2020 estimate for every year; the Terry stop benchmark
        uses only the dates each stop file covers (2015-03-15 to 2018-07-11, and 2023), with use of force restricted to
        the same dates.
      </p>
      <p>
        More on what these data can and cannot show: <a href={link("/explainers/data-limits")}>limits of the data</a>,{" "}
        <a href={link("/explainers/counting")}>how things are counted</a>,{" "}
        <a href={link("/explainers/association-causation")}>association is not causation</a>, and the{" "}
        <a href={link("/methodology")}>methodology</a>.
      </p>
    </section>
  );
}

/** The harmonisation table of lib/community/race-groups.ts, rendered as is. */
export function HarmonisationTable() {
  return (
    <section id="harmonisation" aria-labelledby="harmonisation-title">
      <h2 id="harmonisation-title">How race labels are harmonised across sources</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Harmonisation table (scrollable)">
        <table className="data-table">
          <caption>Each source label, the common group it is compared as, and why</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Label as published</th>
              <th scope="col">Group</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {RACE_HARMONISATION.map((m) => (
              <tr key={`${m.source}|${m.label}`}>
                <td>{SOURCE_NAMES[m.source]}</td>
                <td>{m.label}</td>
                <td>{GROUP_NAMES[m.group]}</td>
                <td>{m.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Which reference files the figures were divided by, with their sha256 (the files are not copied into the repo). */
export function Provenance({ res }: { res: CommunityResults }) {
  const files = [
    ...(res.population
      ? [{ file: res.population.file, sha: res.population.sha256, use: "population denominators" }]
      : []),
    ...res.terry.map((t) => ({
      file: t.file,
      sha: t.sha256,
      use: `${t.distinctStops.toLocaleString("en-US")} distinct stops (${t.duplicateRows} duplicate rows), ${t.from} to ${t.to}`,
    })),
    ...(res.tracts
      ? [
          {
            file: res.tracts.file,
            sha: res.tracts.sha256,
            use: "read for its coverage only; not used as a denominator",
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="reference-files">
      <h2 id="reference-files">Reference files</h2>
      <ul>
        {files.map((f) => (
          <li key={f.file}>
            <code>{f.file}</code>: {f.use}. sha256 <code className="hash">{f.sha.slice(0, 16)}…</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

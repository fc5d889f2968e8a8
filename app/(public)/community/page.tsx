import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { BeatMap } from "@/components/beat-map";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { quantileBins } from "@/lib/charts/beat-map";
import { BENCHMARK_POPULATION, BENCHMARK_TERRY, ratioUnstable } from "@/lib/charts/community-charts";
import { getCommunityPage } from "@/lib/dal/community";
import { GROUP_NAMES, type RaceGroup } from "@/lib/community/race-groups";
import type { BenchmarkWindow } from "@/lib/community/compute";
import { formatEstimate } from "@/lib/format";
import { BenchmarkExplainer, HarmonisationTable, Provenance } from "./sections";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Community impact", "/community");

/** One sentence per ratio, with its benchmark and what that benchmark assumes right beside it. */
function KeyRatio({
  w,
  group,
  benchmark,
  assumption,
  threshold,
  unit,
}: {
  w: BenchmarkWindow;
  group: RaceGroup;
  benchmark: string;
  assumption: string;
  threshold: number;
  unit: string;
}) {
  const r = w.rows.find((x) => x.group === group);
  const white = w.rows.find((x) => x.group === "White");
  if (!r || !white) return null;
  const ci = r.vsWhite;
  const unstable = ratioUnstable(r.force, white.force, threshold);
  return (
    <li data-testid="key-ratio" data-group={group} data-benchmark={w.benchmark} data-period={w.period}>
      <strong>
        {GROUP_NAMES[group]} vs White, {w.period}:{" "}
        {ci ? <span data-testid="ratio-value">{formatEstimate(ci.ratio)}</span> : "not estimable (a count is zero)"}
      </strong>
      {ci && (
        <>
          {" "}
          (95% CI {formatEstimate(ci.low)} to {formatEstimate(ci.high)}; {r.force.toLocaleString("en-US")} people {unit}
          {unstable ? `; unstable: a count is below ${threshold}` : ""})
        </>
      )}
      .{" "}
      <span className="benchmark-note" data-testid="benchmark">
        Benchmark: {benchmark}. {assumption}
      </span>
    </li>
  );
}

export default async function CommunityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/community", searchParams, getCommunityPage, { datasets: ["seattle-uof"] });
  if (!page.ok) return <ReleaseParamError page={page} />;
  const data = page.data;
  const res = data.results;
  const T = res ? (data.charts[0]?.smallCountThreshold ?? 10) : 10;
  const popWindow = res?.populationRates.find((w) => w.period === data.windowLabel);
  const popTerry = res?.populationRates.find((w) => w.period === res.terryRates[0]?.period);
  const terry = res?.terryRates ?? [];
  return (
    <>
      <h1>Community impact: who receives force, measured against several benchmarks</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        How often do Seattle police use force on people of each race and gender, and is it disproportionate? A disparity
        is always a comparison with something: residents, people stopped by police, or calls. Each choice answers a
        different question, so this page shows several side by side and says what each assumes.
      </p>
      <div className="callout" role="note" aria-label="Read this first">
        <p>
          <strong>Read this first.</strong> Race is as recorded (Use of Force) or perceived (Terry stops) by officers;{" "}
          &quot;Not Specified&quot; is kept and counted, never guessed. A ratio shows how different two groups&apos;
          rates are against the chosen benchmark; it does not by itself show why. See{" "}
          <a href="#benchmarks">the benchmarking problem</a> below.
        </p>
      </div>
      <form method="get" action="/community" className="filters" aria-label="Filters">
        {page.frame.release && <input type="hidden" name="release" value={page.frame.release.number} />}
        {data.issues.length > 0 && (
          <div role="alert" className="form-errors">
            <p>Some filters could not be used, so defaults are shown:</p>
            <ul>
              {data.issues.map(({ message }) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="filters__row">
          <label>
            Year (rates, ratios and place views)
            <select name="year" defaultValue={data.filters.year ?? "all"}>
              <option value="all">
                All complete years
                {res?.completeYears.length ? ` (${res.completeYears[0]}-${res.completeYears.at(-1)})` : ""}
              </option>
              {data.options.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            Precinct (beat view)
            <select name="precinct" defaultValue={data.filters.precinct ?? "all"}>
              <option value="all">All precincts</option>
              {data.options.precincts.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Apply</button>
        </div>
      </form>
      {!res && <p>No use-of-force data has been loaded yet.</p>}
      {res && (
        <section aria-labelledby="key-ratios">
          <h2 id="key-ratios">Key ratios, each with its benchmark</h2>
          <ul className="key-ratios">
            {popWindow &&
              (["Black", "Hispanic/Latino", "AIAN"] as const).map((g) => (
                <KeyRatio
                  key={`pop-${g}`}
                  w={popWindow}
                  group={g}
                  benchmark="residents (ACS 2020, Seattle city)"
                  assumption={BENCHMARK_POPULATION.split(". ").slice(1).join(". ")}
                  threshold={T}
                  unit="received force"
                />
              ))}
            {popTerry && (
              <KeyRatio
                w={popTerry}
                group="Black"
                benchmark={`residents, same dates as the ${popTerry.period} Terry stops`}
                assumption={BENCHMARK_POPULATION.split(". ").slice(1).join(". ")}
                threshold={T}
                unit="received force"
              />
            )}
            {terry.map((w) => (
              <KeyRatio
                key={`terry-${w.period}`}
                w={w}
                group="Black"
                benchmark={`Terry stops ${w.from} to ${w.to}`}
                assumption={BENCHMARK_TERRY.split(". ").slice(1).join(". ")}
                threshold={T}
                unit="received force"
              />
            ))}
            <li data-testid="crisis-benchmark">
              <strong>Force per crisis contact by race: cannot be computed.</strong>{" "}
              <span className="benchmark-note">
                Benchmark: crisis contacts. The Crisis Data records no subject race, so there is nothing to divide by.
              </span>
            </li>
          </ul>
        </section>
      )}
      {data.charts.map((c) => (
        <ChartBlock
          key={c.id}
          chart={c}
          figure={
            c.id === "community-by-beat" && data.beats ? (
              <BeatMap
                geo={data.beats}
                counts={Object.fromEntries(c.rows.map((r) => [String(r.group), r.total as number | null]))}
                bins={quantileBins(c.rows.map((r) => (r.total as number | null) ?? 0))}
                threshold={c.smallCountThreshold}
                valueLabel="people who received force"
              />
            ) : undefined
          }
        />
      ))}
      {res && <BenchmarkExplainer res={res} link={(href) => keepPin(page.frame, href)} />}
      <HarmonisationTable />
      {res && <Provenance res={res} />}
    </>
  );
}

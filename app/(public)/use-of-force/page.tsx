import { PageFreshness } from "@/components/page-data-status";
import { PageNotes } from "@/components/annotations/page-notes";
import { getPageNotes } from "@/lib/dal/annotations";
import { BeatMap } from "@/components/beat-map";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { TrendFiltersForm } from "@/components/trend-filters";
import { getBeatMap, getTrendPage } from "@/lib/dal/charts";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Use of force", "/use-of-force");

export default async function UseOfForcePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const [data, map] = await Promise.all([getTrendPage("use-of-force", params), getBeatMap(params)]);
  const [first, ...rest] = data.charts;
  return (
    <>
      <h1>Use of force</h1>
      <PageNotes notes={await getPageNotes("/use-of-force")} />
      <PageFreshness datasets={["seattle-uof"]} />
      <p className="lede">
        Every reported use of force by Seattle police officers since 2014, by level, place, and the recorded race and
        gender of the people who received it. These are all incidents, not only crisis contacts: SPD publishes the two
        datasets separately and they cannot be linked.
      </p>
      <TrendFiltersForm
        action="/use-of-force"
        filters={data.filters}
        issues={data.issues}
        {...data.options}
        callTypes={[]}
      />
      {!first && <p>No use-of-force data has been loaded yet.</p>}
      {first && <ChartBlock chart={first} />}
      {rest.slice(0, 3).map((c) => (
        <ChartBlock key={c.id} chart={c} />
      ))}
      {map && (
        <ChartBlock
          chart={map.chart}
          figure={
            <BeatMap
              geo={map.geo}
              bins={map.bins}
              threshold={map.chart.smallCountThreshold}
              counts={Object.fromEntries(map.chart.rows.map((r) => [r.beat as string, r.incidents as number | null]))}
            />
          }
        />
      )}
      {rest.slice(3).map((c) => (
        <ChartBlock key={c.id} chart={c} />
      ))}
    </>
  );
}

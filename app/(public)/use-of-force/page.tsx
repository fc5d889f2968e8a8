import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { BeatMap } from "@/components/beat-map";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { TrendFiltersForm } from "@/components/trend-filters";
import { getBeatMap, getTrendPage } from "@/lib/dal/charts";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Use of force", "/use-of-force");

export default async function UseOfForcePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage(
    "/use-of-force",
    searchParams,
    (p) => Promise.all([getTrendPage("use-of-force", p), getBeatMap(p)]),
    { datasets: ["seattle-uof"] },
  );
  if (!page.ok) return <ReleaseParamError page={page} />;
  const [data, map] = page.data;
  const [first, ...rest] = data.charts;
  return (
    <>
      <h1>Use of force</h1>
      <PageHead frame={page.frame} />
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
        release={page.frame.release?.number}
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

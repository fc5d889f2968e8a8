import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { TrendFiltersForm } from "@/components/trend-filters";
import { getTrendPage } from "@/lib/dal/charts";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Department metrics", "/metrics");

export default async function MetricsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/metrics", searchParams, (p) => getTrendPage("metrics", p), {
    datasets: ["seattle-crisis", "seattle-uof"],
    dataStatus: true,
    realExceptions: "the share of force at Level 2 or above, from the real Use of Force data",
  });
  if (!page.ok) return <ReleaseParamError page={page} />;
  const data = page.data;
  return (
    <>
      <h1>Department metrics</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Four measures the department can track quarter by quarter, each with its definition and a 95% interval. A change
        inside the interval band can be noise; a metric moving does not say why it moved.
      </p>
      <TrendFiltersForm
        action="/metrics"
        filters={{ ...data.filters, granularity: "quarter" }}
        issues={data.issues}
        {...data.options}
        callTypes={[]}
        release={page.frame.release?.number}
      />
      {data.charts.length === 0 ? (
        <p>No data has been loaded yet.</p>
      ) : (
        data.charts.map((c) => <ChartBlock key={c.id} chart={c} />)
      )}
    </>
  );
}

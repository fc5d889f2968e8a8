import { PageNotes } from "@/components/annotations/page-notes";
import { PageDataStatus } from "@/components/page-data-status";
import { getPageNotes } from "@/lib/dal/annotations";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { TrendFiltersForm } from "@/components/trend-filters";
import { getTrendPage } from "@/lib/dal/charts";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Department metrics", "/metrics");

export default async function MetricsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const data = await getTrendPage("metrics", await searchParams);
  return (
    <>
      <h1>Department metrics</h1>
      <PageNotes notes={await getPageNotes("/metrics")} />
      <PageDataStatus
        datasets={["seattle-crisis", "seattle-uof"]}
        realExceptions="the share of force at Level 2 or above, from the real Use of Force data"
      />
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
      />
      {data.charts.length === 0 ? (
        <p>No data has been loaded yet.</p>
      ) : (
        data.charts.map((c) => <ChartBlock key={c.id} chart={c} />)
      )}
    </>
  );
}

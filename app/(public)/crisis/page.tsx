import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { ChartBlock } from "@/components/chart-block/chart-block";
import { TrendFiltersForm } from "@/components/trend-filters";
import { getTrendPage } from "@/lib/dal/charts";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { chartPageMetadata } from "@/lib/http/social-meta";

export const generateMetadata = chartPageMetadata("Crisis contacts", "/crisis");

export default async function CrisisPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/crisis", searchParams, (p) => getTrendPage("crisis", p), {
    datasets: ["seattle-crisis"],
  });
  if (!page.ok) return <ReleaseParamError page={page} />;
  const data = page.data;
  return (
    <>
      <h1>Crisis contacts</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        How often Seattle police officers record a contact with a person in behavioral or emotional crisis, how those
        contacts end, and how often an officer with Crisis Intervention Training (CIT) is involved. Counts are of crisis
        templates (one person in one crisis contact), never of rows.
      </p>
      <p className="meta">
        Context: CIT certification (a 40-hour course) grew from 2014 until early 2020; training was suspended during
        COVID-19 and resumed in 2021. Both periods are marked on the time axes.
      </p>
      <TrendFiltersForm
        action="/crisis"
        filters={data.filters}
        issues={data.issues}
        {...data.options}
        release={page.frame.release?.number}
      />
      {data.charts.length === 0 ? (
        <p>No crisis data has been loaded yet.</p>
      ) : (
        data.charts.map((c) => <ChartBlock key={c.id} chart={c} />)
      )}
    </>
  );
}

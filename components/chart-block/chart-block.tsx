import { ChartNotes } from "@/components/annotations/chart-notes";
import { dataStatusOf } from "@/lib/charts/publish";
import { stampOf } from "@/lib/charts/stamp";
import { pinnedHref, type ChartData } from "@/lib/charts/types";
import { ChartTabs } from "./chart-tabs";
import { StaticChart } from "./static-chart";

/**
 * The one chart block of the site (after Our World in Data's grapher): title, a takeaway written from the data,
 * then Chart / Table / Sources / Download views, a permalink carrying the filters, and a "How to read this" link.
 * The chart is drawn here, on the server (static-chart.tsx), unless the page brings its own figure.
 */
export function ChartBlock({ chart, figure }: { chart: ChartData; figure?: React.ReactNode }) {
  const stamp = stampOf(dataStatusOf(chart.sources));
  return (
    <section id={chart.id} aria-labelledby={`${chart.id}-title`} className="chart-block" data-chart={chart.id}>
      <h2 id={`${chart.id}-title`} className="chart-block__title">
        {chart.title}
      </h2>
      {stamp && (
        <p className="synthetic-badge" data-testid="synthetic-badge">
          {stamp}
        </p>
      )}
      <p className="chart-block__takeaway" data-testid="takeaway">
        {chart.takeaway}
      </p>
      <ChartTabs chart={chart} figure={figure} staticChart={figure ? undefined : <StaticChart chart={chart} />} />
      <ChartNotes chart={chart} />
      <p className="chart-block__foot">
        <a href={chart.explainerHref}>How to read this</a>
        <span aria-hidden="true"> · </span>
        <a href={chart.permalink} className="permalink">
          Permalink to this view{chart.release ? " (latest release)" : ""}
        </a>
        {chart.release && (
          <>
            <span aria-hidden="true"> · </span>
            {/* The pages themselves do not read ?release= yet; the chart's CSV does, so the pinned link is the data. */}
            <a
              href={chart.release.pinned ? chart.csvHref : pinnedHref(chart.csvHref, chart.release.number)}
              className="permalink-pinned"
              data-testid="pinned-permalink"
            >
              This chart&apos;s data pinned to release {chart.release.number} (CSV)
            </a>
            {chart.release.pinned && (
              <>
                <span aria-hidden="true"> · </span>
                <span data-testid="pinned-notice">
                  You are viewing release {chart.release.number}, not the latest:{" "}
                  <a href={`/releases/${chart.release.number}`}>what it held</a>
                </span>
              </>
            )}
          </>
        )}
        {chart.unstableCells > 0 && (
          <>
            <span aria-hidden="true"> · </span>
            <span data-testid="unstable-count">
              {chart.unstableCells} values rest on counts below {chart.smallCountThreshold}: shown, flagged unstable
            </span>
          </>
        )}
      </p>
    </section>
  );
}

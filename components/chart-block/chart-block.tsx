import { ChartNotes } from "@/components/annotations/chart-notes";
import { packChart, type PackedChart } from "@/lib/charts/packed";
import { markersOnPage } from "@/lib/charts/notes";
import { COVERAGE_KEY, dataStatusOf, UNSTABLE_KEY } from "@/lib/charts/publish";
import { stampOf } from "@/lib/charts/stamp";
import { type ChartData, pinnedHref } from "@/lib/charts/types";
import { siteOrigin } from "@/lib/http/site-origin";
import { ChartShare } from "./chart-share";
import { ChartTabs } from "./chart-tabs";

/**
 * The chart as ChartTabs needs it: without the annotations (ChartNotes renders them) nor row columns no view shows,
 * its rows packed as arrays under one key list (lib/charts/packed.ts).
 */
function clientChart(chart: ChartData): PackedChart {
  return packChart(shownChart(chart));
}

function shownChart({ annotations, ...rest }: ChartData): ChartData {
  // Markers of site-wide and page notes point at the note in the page head, whose text is sent once per page.
  const chart = { ...rest, markers: markersOnPage({ annotations, markers: rest.markers }) };
  const hidden = chart.columns.filter((c) => c.hiddenInTable).map((c) => c.key);
  const drawn = new Set([
    chart.xKey,
    COVERAGE_KEY,
    UNSTABLE_KEY,
    ...chart.series.flatMap((s) => [s.key, s.interval?.low, s.interval?.high]),
  ]);
  const drop = hidden.filter((k) => !drawn.has(k));
  if (drop.length === 0) return chart;
  return {
    ...chart,
    rows: chart.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k)))),
  };
}

/**
 * The one chart block of the site (after Our World in Data's grapher): title, a takeaway written from the data,
 * then Chart / Table / Sources / Download / Share views, a permalink carrying the filters, and a "How to read this"
 * link. Share (embed code, citation) needs the site's origin for absolute addresses: read from the request.
 * The chart is drawn as SVG from its data (static-chart.tsx, rendered by the client ChartTabs so that it is in the
 * server HTML once and its geometry is not repeated in the RSC payload), unless the page brings its own figure. The
 * published notes (annotations) are drawn here, on the server, so they are left out of the data ChartTabs gets; a
 * chart block always sits on a page whose head (PageHead) lists the site-wide and page notes in full, so the block
 * only refers to those (the embed, app/embed, and the CSV/manifest still carry every note's text).
 */
export async function ChartBlock({ chart, figure }: { chart: ChartData; figure?: React.ReactNode }) {
  const stamp = stampOf(dataStatusOf(chart.sources));
  const origin = await siteOrigin();
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
      <ChartTabs
        chart={clientChart(chart)}
        figure={figure}
        share={<ChartShare chart={chart} origin={origin} release={chart.release?.number} />}
      />
      <ChartNotes chart={chart} />
      <p className="chart-block__foot">
        <a href={chart.explainerHref}>How to read this</a>
        <span aria-hidden="true"> · </span>
        {chart.release?.pinned ? (
          <>
            {/* A pinned page: the view's own link stays on the release; the latest is one click away. */}
            <a href={pinnedHref(chart.permalink, chart.release.number)} className="permalink">
              Permalink to this view in release {chart.release.number}
            </a>
            <span aria-hidden="true"> · </span>
            <a href={chart.permalink} data-testid="latest-permalink">
              The latest view
            </a>
          </>
        ) : (
          <a href={chart.permalink} className="permalink">
            Permalink to this view{chart.release ? " (latest release)" : ""}
          </a>
        )}
        {chart.release && (
          <>
            <span aria-hidden="true"> · </span>
            <a
              href={chart.release.pinned ? chart.csvHref : pinnedHref(chart.csvHref, chart.release.number)}
              className="permalink-pinned"
              data-testid="pinned-permalink"
            >
              This chart&apos;s data pinned to release {chart.release.number} (CSV)
            </a>
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

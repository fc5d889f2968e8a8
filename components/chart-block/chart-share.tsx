import type { ChartData } from "@/lib/charts/types";
import { EMBED_DEFAULT_WIDTH, embedHeight, embedPath, iframeSnippet, pinnedUrl } from "@/lib/embed/links";
import { ChartCite } from "./chart-cite";
import { CopyButton } from "./copy-button";

/**
 * The Share tab of a chart block (issue 18): the permalink, the <iframe> that embeds this view (/embed/{id}, same
 * filters) and ready citation text. Server-drawn, so every address is absolute and readable without JavaScript.
 * `release` is the numbered release the chart was built from (lib/dal/releases.ts). Pages, embeds and CSVs all read
 * `?release=`, so the panel offers both the living view (latest) and the view pinned to the release, which serves
 * exactly what that release showed, next year too; the citation names the pinned one.
 */
export function ChartShare({ chart, origin, release }: { chart: ChartData; origin: string; release?: string }) {
  const permalink = pinnedUrl(origin, chart);
  const pinned = release ? pinnedUrl(origin, chart, release) : undefined;
  const snippet = iframeSnippet(
    `${origin}${embedPath(chart, release)}`,
    chart.title,
    "100%",
    embedHeight(EMBED_DEFAULT_WIDTH),
  );
  return (
    <div className="chart-share">
      <h3>Link</h3>
      <p>
        Latest (follows every new release):{" "}
        <a href={permalink} data-testid="share-permalink">
          {permalink}
        </a>
      </p>
      {pinned && (
        <p>
          As published in release <a href={`/releases/${release}`}>{release}</a>, unchanged by later loads:{" "}
          <a href={pinned} data-testid="share-pinned">
            {pinned}
          </a>
        </p>
      )}
      <h3>Embed</h3>
      <p>Paste this into a web page to show the chart, its takeaway and sources (no JavaScript needed):</p>
      <pre className="snippet" data-testid="embed-snippet">
        <code>{snippet}</code>
      </pre>
      <CopyButton text={snippet} label="Copy embed code" />
      <ChartCite
        chartId={chart.id}
        title={chart.title}
        url={pinned ?? permalink}
        release={release}
        dataVersions={chart.sources.map((s) => s.label)}
        renderedAt={new Date().toISOString()}
      />
    </div>
  );
}

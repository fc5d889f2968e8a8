"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { DataTable } from "@/components/data-table";
import { smallCountRule } from "@/lib/charts/flags";
import { chartStamp, SYNTHETIC_STAMP } from "@/lib/charts/stamp";
import { type PackedChart, unpackChart } from "@/lib/charts/packed";
import type { ChartData } from "@/lib/charts/types";
import { BlockChart } from "./block-chart";
import { ChartPointer } from "./chart-pointer";
import { downloadChartImage } from "./export-image";
import { StaticChart } from "./static-chart";
import { useFittedLayouts } from "./use-fitted-layouts";

const TABS = ["Chart", "Table", "Sources", "Download", "Share"] as const;
type Tab = (typeof TABS)[number];

/**
 * Tabs of a chart block (ARIA tabs pattern: arrow keys move between tabs). Before hydration, and without JavaScript,
 * every panel is shown, so the table, sources and download links are always reachable.
 *
 * The Share tab (`share`, chart-share.tsx) is drawn on the server: permalink, embed code and citation.
 *
 * The chart itself is a page's own `figure` or the SVG drawn here from the chart's data (static-chart.tsx: in the
 * server HTML, and drawn from the same data the table uses, so its geometry is not sent a second time in the RSC
 * payload), with values on hover and keyboard focus (chart-pointer.tsx). No chart library is loaded.
 */
export function ChartTabs({
  chart: packed,
  figure,
  share,
}: {
  /** The chart's data with its rows packed (lib/charts/packed.ts: the keys once, not in every row). */
  chart: PackedChart;
  figure?: React.ReactNode;
  share?: React.ReactNode;
}) {
  const chart = useMemo(() => unpackChart(packed), [packed]);
  const [active, setActive] = useState<Tab>("Chart");
  const [hydrated, setHydrated] = useState(false);
  const chartRef = useRef<HTMLDivElement>(null);
  // The server's two layouts, then the one for the chart box's width (use-fitted-layouts.ts).
  const layouts = useFittedLayouts(chart, chartRef, !figure);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const uid = useId();
  // eslint-disable-next-line react-hooks/set-state-in-effect -- switch from "all panels" (no JS) to tabs once hydrated
  useEffect(() => setHydrated(true), []);

  const onKey = (e: React.KeyboardEvent, i: number) => {
    const next =
      e.key === "ArrowRight"
        ? (i + 1) % TABS.length
        : e.key === "ArrowLeft"
          ? (i + TABS.length - 1) % TABS.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? TABS.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    setActive(TABS[next]!);
    tabRefs.current[next]?.focus();
  };
  const panel = (tab: Tab) => ({
    id: `${uid}-${tab}`,
    role: hydrated ? "tabpanel" : undefined,
    "aria-labelledby": hydrated ? `${uid}-${tab}-tab` : undefined,
    hidden: hydrated && active !== tab,
    "aria-hidden": hydrated && active !== tab ? true : undefined,
    className: "chart-block__panel",
    "data-panel": tab.toLowerCase(),
  });

  return (
    <BlockChart value={chart}>
      <div className="chart-block__tabs">
        {hydrated && (
          <div role="tablist" aria-label={`${chart.title}: views`} className="tablist">
            {TABS.map((tab, i) => (
              <button
                key={tab}
                ref={(el) => {
                  tabRefs.current[i] = el;
                }}
                id={`${uid}-${tab}-tab`}
                type="button"
                role="tab"
                aria-selected={active === tab}
                aria-controls={`${uid}-${tab}`}
                tabIndex={active === tab ? 0 : -1}
                onClick={() => setActive(tab)}
                onKeyDown={(e) => onKey(e, i)}
              >
                {tab}
              </button>
            ))}
          </div>
        )}
        <div {...panel("Chart")}>
          <p className="visually-hidden">
            Chart: {chart.title}. {chart.takeaway} The Table view lists every value shown.
          </p>
          {figure ? (
            <div ref={chartRef} className="chart-block__chart">
              {figure}
            </div>
          ) : (
            <div ref={chartRef} className="chart-block__chart chart-block__chart--static">
              <ChartPointer chart={chart} layouts={layouts}>
                <StaticChart chart={chart} layouts={layouts} />
              </ChartPointer>
            </div>
          )}
        </div>
        <div {...panel("Table")}>
          <DataTable columns={chart.columns.filter((c) => !c.hiddenInTable)} rows={chart.rows} caption={chart.title} />
        </div>
        <div {...panel("Sources")}>
          <ChartSources chart={chart} />
        </div>
        <div {...panel("Download")}>
          <ul className="download-list">
            <li>
              <a href={chart.csvHref} download>
                Data as CSV
              </a>{" "}
              (the numbers in the table, with these filters)
            </li>
            {hydrated && (
              <>
                <li>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void downloadChartImage(
                        chartRef.current,
                        chart.id,
                        "svg",
                        chartStamp(chart, window.location.origin),
                      )
                    }
                  >
                    Chart as SVG
                  </button>
                </li>
                <li>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void downloadChartImage(
                        chartRef.current,
                        chart.id,
                        "png",
                        chartStamp(chart, window.location.origin),
                      )
                    }
                  >
                    Chart as PNG
                  </button>
                </li>
              </>
            )}
          </ul>
        </div>
        <div {...panel("Share")}>{share}</div>
      </div>
    </BlockChart>
  );
}

function ChartSources({ chart }: { chart: ChartData }) {
  return (
    <div className="chart-sources">
      <ul>
        {chart.sources.map((s) => (
          <li key={s.label}>
            {s.synthetic ? <strong>{SYNTHETIC_STAMP}</strong> : s.sourceName} · version <code>{s.label}</code> ·{" "}
            {s.synthetic
              ? "generated by the portal, never retrieved from Seattle"
              : `retrieved ${new Date(s.retrievedAt).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })}`}
          </li>
        ))}
      </ul>
      <h3>What is counted</h3>
      <ul>
        {chart.definitions.map((d) => (
          <li key={d}>{d}</li>
        ))}
        {chart.smallCountThreshold > 0 && (
          <li>
            {smallCountRule(chart.smallCountThreshold)}
            {chart.unstableCells ? ` Here: ${chart.unstableCells} values flagged.` : ""}
          </li>
        )}
      </ul>
      {chart.markers.length > 0 && (
        <>
          <h3>Marked on the time axis</h3>
          <ul>
            {chart.markers.map((m) => (
              <li key={`${m.noteId ?? ""}${m.label}`} data-marker={m.noteId}>
                {m.xEnd ? `${m.x} to ${m.xEnd}` : m.x}: {m.href ? <a href={m.href}>{m.label}</a> : m.label}
              </li>
            ))}
          </ul>
        </>
      )}
      {chart.notes.length > 0 && (
        <ul>
          {chart.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <p>
        <a href={chart.methodologyHref}>Methodology, data versions and row accounting</a>
      </p>
    </div>
  );
}

import type { PublicNote } from "@/lib/annotations/model";
import type { ChartData, Row } from "@/lib/charts/types";

/** Small hand-made notes and charts for the annotation unit tests. */
export function note(id: number, over: Partial<PublicNote> = {}): PublicNote {
  return {
    id,
    state: "published",
    title: `Note ${id}`,
    body: "Body.",
    kind: "context",
    kindLabel: "Context",
    scopeKind: "site",
    scopeTarget: "",
    scopeLabel: "The whole site",
    dateStart: null,
    dateEnd: null,
    dateLabel: "undated",
    sourceLabel: null,
    sourceUrl: null,
    seeded: false,
    publishedAt: "2026-01-01T00:00:00.000Z",
    retiredAt: null,
    href: `/notes#note-${id}`,
    ...over,
  };
}

export function chart(id: string, periods: string[], xKey = "period"): ChartData {
  const rows: Row[] = periods.map((p, i) => ({ [xKey]: p, n: i + 1 }));
  return {
    id,
    title: id,
    takeaway: "",
    type: "line",
    xKey,
    xLabel: "",
    yLabel: "",
    yFormat: "int",
    series: [],
    rows,
    columns: [
      { key: xKey, label: "Period", format: "text" },
      { key: "n", label: "Count", format: "int" },
    ],
    definitions: [],
    notes: [],
    sources: [],
    markers: [],
    smallCountThreshold: 10,
    unstableCells: 0,
    methodologyHref: "",
    explainerHref: "",
    csvHref: "",
    permalink: "",
  };
}

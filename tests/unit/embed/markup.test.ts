import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StaticChart } from "@/components/chart-block/static-chart";
import type { ChartData, Row } from "@/lib/charts/types";
import { staticMarkup } from "@/lib/embed/markup";

function chart(over: Partial<ChartData> & Pick<ChartData, "type" | "rows" | "series">): ChartData {
  return {
    id: "t",
    title: "T",
    takeaway: "",
    xKey: "period",
    xLabel: "year",
    yLabel: "",
    yFormat: "int",
    columns: [],
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
    ...over,
  };
}
const years = (values: (number | null)[]): Row[] => values.map((v, i) => ({ period: String(2016 + i), n: v }));

describe("staticMarkup (the embed's and preview's SVG, without react-dom/server)", () => {
  const cases: [string, ChartData][] = [
    [
      "bars",
      chart({
        type: "bar",
        series: [{ key: "n", label: "Contacts", color: "#1f5fa8" }],
        rows: years([10, 20, null, 40]),
      }),
    ],
    [
      "lines with a marker and a weak point",
      chart({
        type: "line",
        series: [{ key: "n", label: "Share & rate <%>", color: "#b2182b" }],
        rows: years([5, 7, 9, 4, 6]).map((r, i) => (i === 2 ? { ...r, unstable: "n" } : r)),
        markers: [{ x: "2018", label: 'Policy "A" & B', short: "A & B", kind: "policy", href: "/notes#a", noteId: 3 }],
      }),
    ],
  ];
  for (const [name, c] of cases)
    it(`matches react-dom/server for the static chart: ${name}`, () => {
      const el = createElement(StaticChart, { chart: c });
      const ours = staticMarkup(el);
      expect(ours).toContain("<svg");
      expect(ours).toBe(renderToStaticMarkup(el));
    });

  it("escapes text and attributes, drops handlers and false booleans, writes void elements", () => {
    const el = createElement(
      "div",
      { className: "a", hidden: false, onClick: () => 1, "aria-hidden": true, style: { maxWidth: "3px" } },
      createElement("br", { title: 'x"<y>' }),
      "1 < 2 & 3",
      7,
      null,
    );
    expect(staticMarkup(el)).toBe(renderToStaticMarkup(el));
    expect(staticMarkup(el)).toBe(
      '<div class="a" aria-hidden="true" style="max-width:3px"><br title="x&quot;&lt;y&gt;"/>1 &lt; 2 &amp; 37</div>',
    );
  });
});

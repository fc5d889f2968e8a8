import { describe, expect, it } from "vitest";
import {
  annotateChart,
  appliesTo,
  chartScope,
  granularityOf,
  notesForRow,
  notesUnderChart,
  markersOnPage,
  inPageHead,
  periodBounds,
  periodOfDay,
  placeOnAxis,
  shortLabel,
} from "@/lib/charts/notes";
import { chart, note } from "../annotations/fixtures";

describe("where a note's date falls on a time axis", () => {
  it("maps days to month, quarter and year periods, and periods to their first and last day", () => {
    expect(["month", "quarter", "year"].map((g) => periodOfDay("2020-03-23", g as "month"))).toEqual([
      "2020-03",
      "2020-Q1",
      "2020",
    ]);
    expect(periodOfDay("2020-10-01", "quarter")).toBe("2020-Q4");
    expect(periodBounds("2020-Q1")).toEqual(["2020-01-01", "2020-03-31"]);
    expect(periodBounds("2020-02")).toEqual(["2020-02-01", "2020-02-29"]); // leap year
    expect(periodBounds("2019-02")).toEqual(["2019-02-01", "2019-02-28"]);
    expect(periodBounds("2021-Q2")).toEqual(["2021-04-01", "2021-06-30"]);
    expect(periodBounds("2018")).toEqual(["2018-01-01", "2018-12-31"]);
    expect(granularityOf(["2020-01", "2020-02"])).toBe("month");
    expect(granularityOf(["2020-Q1"])).toBe("quarter");
    expect(granularityOf(["2019", "2020"])).toBe("year");
    expect(granularityOf(["West", "2020"])).toBeNull();
    expect(granularityOf([])).toBeNull();
  });

  it("places a day on its period and a range from its first to its last period shown, clipped to the axis", () => {
    const quarters = ["2019-Q4", "2020-Q1", "2020-Q2", "2020-Q3"];
    expect(placeOnAxis({ dateStart: "2020-03-23", dateEnd: null }, quarters)).toEqual({ x: "2020-Q1" });
    expect(placeOnAxis({ dateStart: "2020-03-23", dateEnd: "2020-05-29" }, quarters)).toEqual({
      x: "2020-Q1",
      xEnd: "2020-Q2",
    });
    expect(placeOnAxis({ dateStart: "2012-07-27", dateEnd: "2020-01-15" }, quarters)).toEqual({
      x: "2019-Q4",
      xEnd: "2020-Q1",
    }); // starts before the axis
    expect(placeOnAxis({ dateStart: "2020-09-30", dateEnd: "2030-01-01" }, quarters)).toEqual({ x: "2020-Q3" });
    expect(placeOnAxis({ dateStart: "2012-07-27", dateEnd: null }, quarters)).toBeNull(); // before the data
    expect(placeOnAxis({ dateStart: "2020-10-01", dateEnd: null }, quarters)).toBeNull(); // the day after the axis
    expect(placeOnAxis({ dateStart: "2020-03-31", dateEnd: null }, ["2020-03", "2020-04"])).toEqual({ x: "2020-03" });
    expect(placeOnAxis({ dateStart: "2020-05-29", dateEnd: null }, ["2019", "2020"])).toEqual({ x: "2020" });
    // A quarter missing from the rows (no data) is skipped, never invented.
    expect(placeOnAxis({ dateStart: "2020-02-01", dateEnd: "2020-08-01" }, ["2019-Q4", "2020-Q3"])).toEqual({
      x: "2020-Q3",
    });
    expect(placeOnAxis({ dateStart: null, dateEnd: null }, quarters)).toBeNull();
  });
});

describe("which notes apply to a chart", () => {
  const scope = chartScope("crisis-contacts", "West");
  it("site, the chart's page, the chart, its dataset, and the precinct it is filtered to", () => {
    expect(scope).toEqual({
      chartId: "crisis-contacts",
      page: "/crisis",
      datasets: ["seattle-crisis"],
      precinct: "West",
    });
    const yes = [
      note(1),
      note(2, { scopeKind: "page", scopeTarget: "/crisis" }),
      note(3, { scopeKind: "chart", scopeTarget: "crisis-contacts" }),
      note(4, { scopeKind: "dataset", scopeTarget: "seattle-crisis" }),
      note(5, { scopeKind: "precinct", scopeTarget: "west" }),
    ];
    const no = [
      note(6, { scopeKind: "page", scopeTarget: "/use-of-force" }),
      note(7, { scopeKind: "chart", scopeTarget: "crisis-force-share" }),
      note(8, { scopeKind: "dataset", scopeTarget: "seattle-uof" }),
      note(9, { scopeKind: "precinct", scopeTarget: "North" }),
    ];
    for (const n of yes) expect(appliesTo(n, scope), String(n.id)).toBe(true);
    for (const n of no) expect(appliesTo(n, scope), String(n.id)).toBe(false);
    // Unfiltered, a precinct note applies nowhere.
    expect(appliesTo(note(5, { scopeKind: "precinct", scopeTarget: "West" }), chartScope("crisis-contacts"))).toBe(
      false,
    );
  });

  it("annotates a time chart: markers for dated notes on the axis, none for notes outside it, drafts never", () => {
    const c = chart("kpi-force-rate", ["2019-Q4", "2020-Q1", "2020-Q2"]);
    const notes = [
      note(1, { dateStart: "2020-03-23", title: "COVID-19: stay-home order", kind: "policy_change" }),
      note(2, { dateStart: "2012-07-27" }), // before the axis: not on this chart
      note(3), // undated: listed, no marker
      note(4, { dateStart: "2020-01-01", dateEnd: "2020-06-30", scopeKind: "dataset", scopeTarget: "seattle-uof" }), // other dataset
      note(5, { dateStart: "2020-04-02", dateEnd: "2020-05-01", scopeKind: "dataset", scopeTarget: "seattle-crisis" }),
      note(6, { state: "retired", dateStart: "2020-02-01" }),
    ];
    const out = annotateChart(
      { ...c, markers: [{ x: "2020-Q1", label: "old", short: "old", kind: "context" }] },
      notes,
    );
    expect(out.markers).toEqual([
      {
        x: "2020-Q1",
        label: "COVID-19: stay-home order",
        short: "COVID-19",
        kind: "policy",
        href: "/notes#note-1",
        noteId: 1,
      },
      { x: "2020-Q2", label: "Note 5", short: "Note 5", kind: "context", href: "/notes#note-5", noteId: 5 },
    ]);
    expect(out.annotations!.map((n) => n.id)).toEqual([1, 3, 5]);
    expect(notesUnderChart(out).map((n) => n.id)).toEqual([1, 5]); // site note 3 has no marker: listed on the page
    expect(c.markers).toEqual([]); // the input is not changed
    // On a page the site-wide note 1 is listed in the head: its marker links there; the dataset note keeps /notes.
    expect(markersOnPage(out).map((m) => m.href)).toEqual(["#page-note-1", "/notes#note-5"]);
    expect(
      notesUnderChart(out)
        .filter(inPageHead)
        .map((n) => n.id),
    ).toEqual([1]);
    expect(out.markers[0]!.href).toBe("/notes#note-1"); // the chart itself (embed, CSV) keeps the note's own page
  });

  it("a category chart gets no markers and no dated site-wide notes, but the notes aimed at it and undated ones", () => {
    const c = chart("crisis-by-precinct", ["East", "West"], "group");
    const notes = [
      note(1, { dateStart: "2012-07-27" }),
      note(2, { scopeKind: "chart", scopeTarget: "crisis-by-precinct", dateStart: "2019-01-01" }),
      note(3),
      note(4, { scopeKind: "page", scopeTarget: "/crisis", dateStart: "2020-01-01" }),
    ];
    const out = annotateChart(c, notes);
    expect(out.markers).toEqual([]);
    expect(out.annotations!.map((n) => n.id)).toEqual([2, 3]);
    expect(notesUnderChart(out).map((n) => n.id)).toEqual([2]);
    expect(notesForRow(out, out.rows[0]!).map((n) => n.id)).toEqual([2, 3]);
  });

  it("rows of a time chart carry the notes about their period", () => {
    const out = annotateChart(chart("crisis-contacts", ["2019", "2020", "2021"]), [
      note(1, { dateStart: "2020-03-23", dateEnd: "2021-04-01" }),
      note(2),
    ]);
    expect(out.rows.map((r) => notesForRow(out, r).map((n) => n.id))).toEqual([[2], [1, 2], [1, 2]]);
    expect(out.markers).toMatchObject([{ x: "2020", xEnd: "2021" }]);
  });

  it("short labels: the part before a colon, else the first words", () => {
    expect(shortLabel("COVID-19: stay-home order; CIT training suspended")).toBe("COVID-19");
    expect(shortLabel("CIT training resumes")).toBe("CIT training resumes");
    expect(shortLabel("Protests after the murder of George Floyd")).toBe("Protests after the…");
  });
});

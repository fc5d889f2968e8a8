import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { annotateChart } from "@/lib/charts/notes";
import { chartCsvTable, manifestNotes, neutraliseFormula, noteText } from "@/lib/charts/csv-table";
import { chart, note } from "../annotations/fixtures";

describe("annotation text in downloads", () => {
  it("neutralises spreadsheet formulas: a leading =, +, -, @, tab or CR gets an apostrophe", () => {
    for (const bad of ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
      expect(neutraliseFormula(bad), bad).toBe(`'${bad}`);
    for (const ok of ["Protests", " =not first", "1=1", "'quoted", ""]) expect(neutraliseFormula(ok), ok).toBe(ok);
  });

  it("adds a Notes column to a chart CSV only when notes apply; each row lists the notes about its period", () => {
    const plain = chartCsvTable(chart("crisis-contacts", ["2019", "2020"]));
    expect(plain.header).toEqual(["Period", "Count"]);
    const evil = note(7, {
      title: "=cmd|' /C calc'!A0",
      body: "Line one\nline two",
      dateStart: "2020-05-29",
      kindLabel: "Context",
      dateLabel: "29 May 2020",
      sourceLabel: "SPD",
      sourceUrl: "https://x.org",
    });
    const annotated = annotateChart(chart("crisis-contacts", ["2019", "2020"]), [evil]);
    const table = chartCsvTable(annotated, "https://portal.example");
    expect(table.header).toEqual(["Period", "Count", "Notes"]);
    const csv = stringify(table.rows, { header: true, columns: table.header });
    const back = parse(csv, { columns: true }) as Record<string, string>[];
    expect(back[0]).toEqual({ Period: "2019", Count: "1", Notes: "" });
    expect(back[1]!.Notes).toBe(
      "'=cmd|' /C calc'!A0 (Context, 29 May 2020): Line one line two Source: SPD (https://x.org). https://portal.example/notes#note-7",
    );
  });

  it("joins several notes in one cell and neutralises the manifest's text fields", () => {
    const a = note(1, { title: "A", body: "a" });
    const b = note(2, { title: "B", body: "@b" });
    expect(noteText(a)).toBe("A (Context, undated): a /notes#note-1");
    const m = manifestNotes([b, note(3, { title: "-x", sourceLabel: "+y" })], "https://p.example");
    expect(m[0]).toMatchObject({
      id: 2,
      title: "B",
      body: "'@b",
      url: "https://p.example/notes#note-2",
      scope: "The whole site",
    });
    expect(m[1]).toMatchObject({ title: "'-x", sourceLabel: "'+y" });
    expect(Object.keys(m[0]!)).not.toContain("authorEmail");
  });

  it("writes a note's Markdown as plain text with absolute links", () => {
    const n = note(4, {
      title: "T",
      body: "The crisis template changed in **June 2019**; see [the notes](/notes) and [SPD](https://spd.example/x) for `details`.",
    });
    expect(noteText(n, "https://p.example")).toBe(
      "T (Context, undated): The crisis template changed in June 2019; see the notes (https://p.example/notes) and SPD (https://spd.example/x) for details. https://p.example/notes#note-4",
    );
  });
});

import { describe, expect, it } from "vitest";
import { contentSchema, HTML_MESSAGE, TransitionSchema, unsafeLinks } from "@/lib/annotations/schema";
import { scopeTargets } from "@/lib/annotations/targets";

const schema = contentSchema(scopeTargets(["West", "Unknown", "OOJ Precinct"]));
const valid = {
  title: "New crisis template",
  body: "SPD changed its crisis template in **2019**.",
  kind: "data_change",
  scopeKind: "dataset",
  scopeTarget: "seattle-crisis",
  dateStart: "2019-06-01",
  dateEnd: "",
  sourceLabel: "",
  sourceUrl: "",
};
const errors = (input: Record<string, unknown>) => {
  const r = schema.safeParse(input);
  // The first message of each field, as the form shows it.
  return r.success ? {} : Object.fromEntries(r.error.issues.reverse().map((i) => [String(i.path[0]), i.message]));
};

describe("annotation form schema", () => {
  it("accepts a valid note and stores empty optional fields as null", () => {
    expect(schema.parse(valid)).toEqual({ ...valid, dateEnd: null, sourceLabel: null, sourceUrl: null });
    // A site note needs no target (anything typed is dropped); a range ending on its start day is a single day.
    expect(schema.parse({ ...valid, scopeKind: "site", scopeTarget: "whatever", dateEnd: "2019-06-01" })).toMatchObject(
      { scopeTarget: "", dateEnd: null },
    );
  });

  it("accepts a note whose optional fields are omitted, not just empty (issue 25 item 13)", () => {
    const { title, body, kind } = valid;
    expect(schema.parse({ title, body, kind, scopeKind: "site" })).toEqual({
      title,
      body,
      kind,
      scopeKind: "site",
      scopeTarget: "",
      dateStart: null,
      dateEnd: null,
      sourceLabel: null,
      sourceUrl: null,
    });
  });

  it("gives each bad field its own message", () => {
    expect(errors({ ...valid, title: "  " })).toEqual({ title: "Enter a title" });
    expect(errors({ ...valid, title: "x".repeat(121) })).toEqual({ title: "The title must be at most 120 characters" });
    expect(errors({ ...valid, body: " \n " })).toEqual({ body: "Write the note: the body cannot be empty" });
    expect(errors({ ...valid, body: "x".repeat(4001) }).body).toMatch(/at most 4000/);
    expect(errors({ ...valid, kind: "rumour" }).kind).toMatch(/Choose a kind/);
    expect(errors({ ...valid, scopeKind: "galaxy" }).scopeKind).toMatch(/Choose where/);
    expect(errors({ ...valid, dateStart: "2020-03-10", dateEnd: "2020-03-09" })).toEqual({
      dateEnd: "The end date must not be before the start date",
    });
    expect(errors({ ...valid, dateStart: "", dateEnd: "2020-03-09" }).dateStart).toMatch(/start date/);
    expect(errors({ ...valid, dateStart: "2020-02-30" }).dateStart).toBe("This is not a calendar date");
    expect(errors({ ...valid, dateStart: "03/23/2020" }).dateStart).toMatch(/YYYY-MM-DD/);
    expect(errors({ ...valid, sourceUrl: "javascript:alert(1)" }).sourceUrl).toMatch(/http/);
  });

  it("refuses scope targets that do not exist, and normalises the ones that do", () => {
    expect(errors({ ...valid, scopeKind: "chart", scopeTarget: "crisis-nonexistent" }).scopeTarget).toMatch(
      /^No chart "crisis-nonexistent"/,
    );
    expect(errors({ ...valid, scopeKind: "page", scopeTarget: "/admin" }).scopeTarget).toMatch(
      /^No public page "\/admin"/,
    );
    expect(errors({ ...valid, scopeKind: "dataset", scopeTarget: "terry-stops" }).scopeTarget).toMatch(
      /seattle-crisis, seattle-uof/,
    );
    expect(errors({ ...valid, scopeKind: "precinct", scopeTarget: "Atlantis" }).scopeTarget).toMatch(
      /^No precinct "Atlantis"/,
    );
    expect(errors({ ...valid, scopeKind: "precinct", scopeTarget: "Unknown" }).scopeTarget).toMatch(/No precinct/); // not a place
    expect(schema.parse({ ...valid, scopeKind: "precinct", scopeTarget: "west" }).scopeTarget).toBe("West");
    expect(schema.parse({ ...valid, scopeKind: "precinct", scopeTarget: "OOJ Precinct" }).scopeTarget).toBe(
      "OOJ Precinct",
    ); // from the data
    expect(schema.parse({ ...valid, scopeKind: "page", scopeTarget: "/crisis/" }).scopeTarget).toBe("/crisis");
    expect(schema.parse({ ...valid, scopeKind: "chart", scopeTarget: "kpi-force-rate" }).scopeTarget).toBe(
      "kpi-force-rate",
    );
  });

  it("refuses HTML and unsafe links in the body with a message that says to use Markdown", () => {
    for (const body of [
      "<script>alert(1)</script>",
      "Hi <img src=x onerror=alert(1)>",
      "a </p> b",
      "<!-- x -->",
      "<a href='x'>y</a>",
      "<SCRIPT>",
      "<?php x ?>",
    ]) {
      expect(errors({ ...valid, body }), body).toEqual({ body: HTML_MESSAGE });
    }
    for (const body of [
      "[click](javascript:alert(1))",
      "[x]( JAVASCRIPT:alert(1))",
      "[x](data:text/html,hi)",
      "[x]: vbscript:msgbox\n\nsee [x]",
    ]) {
      expect(errors({ ...valid, body }).body, body).toMatch(/Links must start with/);
    }
    // Text that merely mentions symbols is fine; so are safe links and entities (rendered as text).
    for (const body of [
      "a < b and c > d",
      "x<3",
      "[SPD](https://www.seattle.gov/police) and [us](/methodology)",
      "&lt;script&gt; is shown as text",
      "mail [us](mailto:a@b.org)",
      "< script> is not a tag",
    ]) {
      expect(errors({ ...valid, body }), body).toEqual({});
    }
    expect(unsafeLinks("[a](https://x.org) [b](javascript:x)")).toEqual(["javascript:x"]);
  });

  it("transitions: a return needs a note; unknown actions and HTML notes are refused", () => {
    expect(TransitionSchema.safeParse({ id: "3", change: "publish", version: "2" }).success).toBe(true);
    const ret = TransitionSchema.safeParse({ id: "3", change: "return", version: "2", note: " " });
    expect(ret.success ? null : ret.error.issues[0]).toMatchObject({
      path: ["note"],
      message: expect.stringMatching(/what the author should change/),
    });
    expect(TransitionSchema.safeParse({ id: "3", change: "delete", version: "2" }).success).toBe(false);
    expect(TransitionSchema.safeParse({ id: "3", change: "retire", version: "2", note: "<b>x</b>" }).success).toBe(
      false,
    );
    expect(TransitionSchema.safeParse({ id: "../1", change: "publish", version: "2" }).success).toBe(false);
  });
});

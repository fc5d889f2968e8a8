import { describe, expect, it } from "vitest";
import { problemsOf } from "@/lib/errors/app-error";
import { canonicalQuery, parseExtractRequest } from "@/lib/extracts/request";

const q = (s: string) => new URLSearchParams(s);
const errorsOf = (dataset: Parameters<typeof parseExtractRequest>[0], query: string) => {
  const r = parseExtractRequest(dataset, q(query));
  return r.ok ? [] : problemsOf(r.error);
};

describe("extract request schema", () => {
  it("reads filters, columns, limit, cursor and format", () => {
    const r = parseExtractRequest(
      "use-of-force",
      q(
        "columns=id,level&from=2019-01-01&to=2019-12-31&precinct=West&precinct=East&level=2&limit=500&cursor=3-1200&format=json",
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.columns.map((c) => c.key)).toEqual(["id", "level"]);
    expect(r.value.columnsChosen).toBe(true);
    expect(r.value.filters).toEqual({ from: "2019-01-01", to: "2019-12-31", precinct: ["West", "East"], level: ["2"] });
    expect(r.value).toMatchObject({ limit: 500, cursor: { versionId: 3, afterId: 1200 }, format: "json" });
  });

  it("defaults to every column, csv, no limit", () => {
    const r = parseExtractRequest("crisis-contacts", q(""));
    expect(r.ok && r.value).toMatchObject({
      columnsChosen: false,
      limit: null,
      cursor: null,
      format: "csv",
      filters: {},
    });
    expect(r.ok && r.value.columns.length).toBeGreaterThan(10);
  });

  it("accepts columns as repeated checkboxes, and all columns in order is the default", () => {
    const r = parseExtractRequest("use-of-force", q("columns=level&columns=id"));
    expect(r.ok && r.value.columns.map((c) => c.key)).toEqual(["level", "id"]);
    const all =
      "id,incident_num,incident_type,level,occurred_date_time,precinct,sector,beat,officer_id,subject_id,subject_race,subject_gender";
    expect(parseExtractRequest("use-of-force", q(`columns=${all}`))).toMatchObject({
      ok: true,
      value: { columnsChosen: false },
    });
  });

  it("says which column is unknown and which are available", () => {
    expect(errorsOf("use-of-force", "columns=id,foo")).toEqual([
      expect.stringMatching(/^unknown column 'foo'; available: id, incident_num, .*subject_gender$/),
    ]);
  });

  it("refuses inverted dates", () => {
    expect(errorsOf("crisis-rows", "from=2020-01-01&to=2019-12-31")).toEqual([
      "to must not be before from (from 2020-01-01, to 2019-12-31)",
    ]);
  });

  it("refuses malformed dates with the expected format", () => {
    expect(errorsOf("crisis-rows", "from=2019/01/01")[0]).toMatch(/^from: '2019\/01\/01' use YYYY-MM-DD/);
    expect(errorsOf("crisis-rows", "to=2019-02-30")[0]).toMatch(/is not a calendar date/);
  });

  it("bounds the limit", () => {
    expect(errorsOf("use-of-force", "limit=100000")).toEqual(["limit must be at most 10000"]);
    expect(errorsOf("use-of-force", "limit=0")).toEqual(["limit must be at least 1"]);
    expect(errorsOf("use-of-force", "limit=abc")).toEqual(["limit must be a whole number"]);
    expect(errorsOf("use-of-force", "limit=-5")).toEqual(["limit must be a whole number"]);
  });

  it("refuses unknown parameters and filters of another dataset", () => {
    expect(errorsOf("use-of-force", "foo=1")[0]).toMatch(
      /^unknown parameter 'foo'; parameters for use-of-force: columns, limit, cursor, format, from, to/,
    );
    expect(errorsOf("use-of-force", "cit=certified")).toEqual([
      "filter 'cit' does not apply to use-of-force (it applies to crisis-rows, crisis-contacts)",
    ]);
    expect(errorsOf("crisis-rows", "level=2")).toEqual([
      "filter 'level' does not apply to crisis-rows (it applies to use-of-force)",
    ]);
  });

  it("checks coded values and single-value parameters", () => {
    expect(errorsOf("use-of-force", "level=5")).toEqual(["level: '5' use 1, 2, 3 or 4 (4 = Level 3 - OIS)"]);
    expect(errorsOf("crisis-contacts", "dispositionGroup=jail")[0]).toMatch(
      /use one of: arrest, emergent_detention, referral, no_action, unknown/,
    );
    expect(errorsOf("crisis-contacts", "cit=maybe")[0]).toMatch(/use one of: certified, not-certified/);
    expect(errorsOf("crisis-contacts", "from=2019-01-01&from=2019-02-01")).toEqual(["from: give one value (got 2)"]);
    expect(errorsOf("use-of-force", "cursor=abc")).toEqual(["cursor must be the nextCursor value of a previous page"]);
    expect(errorsOf("use-of-force", "format=xml")).toEqual(["format must be csv or json"]);
    expect(errorsOf("use-of-force", `precinct=${"x".repeat(61)}`)[0]).toMatch(/must be at most 60 characters/);
  });

  it("keeps commas inside filter values (call types contain them)", () => {
    const r = parseExtractRequest("crisis-rows", q("initialCallType=SUSPICIOUS+PERSON%2C+VEHICLE+OR+INCIDENT"));
    expect(r.ok && r.value.filters.initialCallType).toEqual(["SUSPICIOUS PERSON, VEHICLE OR INCIDENT"]);
  });

  it("reports every problem at once", () => {
    expect(errorsOf("use-of-force", "columns=nope&limit=99999&from=2020-01-01&to=2019-01-01")).toHaveLength(3);
  });

  it("writes a canonical query that parses back to the same request", () => {
    const r = parseExtractRequest(
      "crisis-contacts",
      q(
        "useOfForce=yes&precinct=North&columns=template_id,officer_id&from=2019-01-01&dispositionGroup=arrest&dispositionGroup=referral",
      ),
    );
    if (!r.ok) throw r.error;
    const query = canonicalQuery(r.value);
    expect(query).toBe(
      "?columns=template_id%2Cofficer_id&from=2019-01-01&precinct=North&dispositionGroup=arrest&dispositionGroup=referral&useOfForce=yes",
    );
    const again = parseExtractRequest("crisis-contacts", q(query.slice(1)));
    expect(again.ok && again.value.filters).toEqual(r.value.filters);
    expect(again.ok && again.value.columns.map((c) => c.key)).toEqual(["template_id", "officer_id"]);
  });
});

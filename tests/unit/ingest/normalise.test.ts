import { describe, expect, it } from "vitest";
import * as n from "@/lib/ingest/normalise";

describe("placeholder values become explicit labels", () => {
  it.each([
    ["-", "Unknown"],
    ["X", "Unknown"],
    ["0", "Unknown"],
    ["", "Unknown"],
    ["UNKNOWN", "Unknown"],
    ["OOJ", "Out of jurisdiction"],
    ["West", "West"],
    ["SOUTHWEST", "Southwest"],
    ["north", "North"],
    ["EAST PCT", "East"],
  ])("precinct %j -> %j", (raw, expected) => expect(n.precinct(raw)).toBe(expected));

  it("rejects an unknown precinct code with a reason", () => {
    expect(() => n.precinct("Downtown")).toThrow(n.RowIssue);
    try {
      n.precinct("Downtown");
    } catch (e) {
      expect((e as n.RowIssue).reason).toBe("unknown_code");
      expect((e as n.RowIssue).detail).toContain("Downtown");
    }
  });

  it.each([
    ["", "Unknown"],
    ["-", "Unknown"],
    ["OOJ", "Out of jurisdiction"],
    ["king", "KING"],
    ["XX", "Unknown"],
  ])("sector %j -> %j", (raw, expected) => expect(n.sector(raw)).toBe(expected));

  it.each([
    ["-", "Unknown"],
    ["99", "Unknown"],
    ["XX", "Unknown"],
    ["", "Unknown"],
    ["k2", "K2"],
    ["E12", "E12"],
    ["OOJ", "Out of jurisdiction"],
  ])("beat %j -> %j", (raw, expected) => expect(n.beat(raw)).toBe(expected));
  it("rejects a malformed beat", () => expect(() => n.beat("K-2")).toThrow(/Beat/));

  it("free text trims and turns '-' and blanks into Unknown", () => {
    expect(n.text("  PERSON IN   CRISIS ")).toBe("PERSON IN CRISIS");
    expect(n.text("-")).toBe("Unknown");
    expect(n.text("")).toBe("Unknown");
    expect(n.text(undefined)).toBe("Unknown");
  });
});

describe("indicators", () => {
  it("reads Y/N and rejects other codes", () => {
    expect(n.yesNo("Y", "f")).toBe(true);
    expect(n.yesNo("n", "f")).toBe(false);
    expect(() => n.yesNo("", "Use of Force Indicator")).toThrow(/Use of Force Indicator/);
    expect(() => n.yesNo("maybe", "f")).toThrow(n.RowIssue);
  });
  it("CIT Certified Indicator: 'Y' or empty (empty = not certified or unknown)", () => {
    expect(n.yesOrBlank("Y", "c")).toBe(true);
    expect(n.yesOrBlank("", "c")).toBe(false);
    expect(n.yesOrBlank("-", "c")).toBe(false);
    expect(() => n.yesOrBlank("Q", "c")).toThrow(n.RowIssue);
  });
});

describe("dates keep Seattle wall-clock time whatever the server zone", () => {
  it.each([
    ["01/08/2016 12:13:00 AM", "2016-01-08T00:13:00.000Z"],
    ["07/19/2020 03:35:00 PM", "2020-07-19T15:35:00.000Z"],
    ["12/31/2019 12:00:00 PM", "2019-12-31T12:00:00.000Z"],
    ["2018-11-24T07:59:04", "2018-11-24T07:59:04.000Z"],
    ["2018-11-24T07:59:04.000", "2018-11-24T07:59:04.000Z"],
    ["2018-09-12", "2018-09-12T00:00:00.000Z"],
    ["9/12/2018", "2018-09-12T00:00:00.000Z"],
  ])("%j", (raw, iso) => expect(n.wallClockDate(raw, "d").toISOString()).toBe(iso));

  it.each(["", "not a date", "13/45/2020 10:00:00 AM", "02/30/2020 10:00:00 AM", "1800-01-01"])(
    "quarantines %j",
    (raw) => {
      expect(() => n.wallClockDate(raw, "Occured_date_time")).toThrow(n.RowIssue);
    },
  );

  it("adds the reported time of day", () => {
    const d = n.withTimeOfDay(n.wallClockDate("2018-09-12T00:00:00.000", "d"), "19:20:00");
    expect(d.toISOString()).toBe("2018-09-12T19:20:00.000Z");
    expect(n.withTimeOfDay(d, "garbage").toISOString()).toBe(d.toISOString());
  });
});

describe("officer experience", () => {
  it("accepts plausible values and blanks", () => {
    expect(n.yearsOfExperience("12", 2019, 1980)).toBe(12);
    expect(n.yearsOfExperience("", 2019, 1980)).toBeNull();
    expect(n.yearsOfExperience("0", 2019, null)).toBe(0);
  });
  it.each([
    ["-1", 2019, 1980],
    ["99", 2019, 1980],
    ["30", 2019, 1980],
    ["abc", 2019, 1980],
  ])("quarantines %j (event %i, born %i) as impossible_experience", (raw, year, yob) => {
    try {
      n.yearsOfExperience(raw, year, yob);
      expect.unreachable();
    } catch (e) {
      expect((e as n.RowIssue).reason).toBe("impossible_experience");
    }
  });
});

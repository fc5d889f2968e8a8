import { describe, expect, it } from "vitest";
import { cadenceFor, freshnessOf } from "@/lib/ingest/freshness";

const monthly = { days: 45, label: "monthly" };
const uof = (upstreamUpdatedAt: string | null, synthetic = false) => ({
  title: "Use of Force",
  synthetic,
  upstreamUpdatedAt,
});
const now = new Date("2026-12-03T12:00:00Z");

describe("source freshness against its expected cadence", () => {
  it("stale past the cadence, in plain words that say a stopped feed is not a drop in incidents", () => {
    const f = freshnessOf(uof("2026-03-01T08:00:00Z"), monthly, now);
    expect(f.state).toBe("stale");
    if (f.state !== "stale") return;
    expect(f.ageDays).toBe(277);
    expect(f.sentence).toBe(
      "Use of Force data was last updated on Mar 1, 2026, 277 days ago; the city normally publishes monthly. Recent periods may be missing from the figures: a fall in the latest months can be a stopped feed, not fewer incidents.",
    );
  });

  it("current within the cadence, up to and including its last day", () => {
    expect(freshnessOf(uof("2026-11-20T00:00:00Z"), monthly, now)).toMatchObject({ state: "current", ageDays: 13 });
    expect(freshnessOf(uof("2026-10-19T12:00:00Z"), monthly, now)).toMatchObject({ state: "current", ageDays: 45 });
    expect(freshnessOf(uof("2026-10-18T11:00:00Z"), monthly, now)).toMatchObject({ state: "stale", ageDays: 46 });
  });

  it("synthetic data is synthetic, not stale; with neither a publisher date nor a dated record nothing is said", () => {
    expect(freshnessOf(uof("2020-01-01T00:00:00Z", true), monthly, now)).toEqual({ state: "synthetic" });
    expect(freshnessOf(uof(null), monthly, now)).toEqual({ state: "unknown" });
    expect(freshnessOf({ ...uof(null), newestRecordAt: null }, monthly, now)).toEqual({ state: "unknown" });
  });

  it("names the date it used: the publisher's update, else (a local file) the newest record's", () => {
    const file = { ...uof(null), newestRecordAt: "2026-02-12T17:30:00Z" };
    const f = freshnessOf(file, monthly, now);
    expect(f).toMatchObject({ state: "stale", basis: "newest-record", ageDays: 293 });
    if (f.state !== "stale") return;
    expect(f.basisLabel).toBe("the newest record in the loaded data; the input carries no publication date");
    expect(f.sentence).toBe(
      "The newest Use of Force record in the loaded data is dated Feb 12, 2026, 293 days ago; the city normally publishes monthly. Recent periods may be missing from the figures: a fall in the latest months can be a stopped feed, not fewer incidents.",
    );
    // A recent record: current, in words that say which date it is.
    expect(freshnessOf({ ...file, newestRecordAt: "2026-11-30T00:00:00Z" }, monthly, now)).toMatchObject({
      state: "current",
      basis: "newest-record",
      sentence:
        "The newest Use of Force record in the loaded data is dated Nov 30, 2026; the city normally publishes monthly.",
    });
    // The publisher's date wins over the records' when both are known.
    expect(
      freshnessOf({ ...uof("2026-11-20T00:00:00Z"), newestRecordAt: "2026-01-01T00:00:00Z" }, monthly, now),
    ).toMatchObject({
      state: "current",
      basis: "publisher",
      basisLabel: "the publisher's last update, from the open-data API's metadata",
    });
  });

  it("SOURCE_CADENCE_DAYS overrides a source's cadence", () => {
    expect(cadenceFor(monthly, "seattle-uof", { "seattle-uof": 400 })).toEqual({ days: 400, label: "every 400 days" });
    expect(cadenceFor(monthly, "seattle-crisis", { "seattle-uof": 400 })).toBe(monthly);
    const f = freshnessOf(uof("2026-03-01T08:00:00Z"), cadenceFor(monthly, "seattle-uof", { "seattle-uof": 400 }), now);
    expect(f.state).toBe("current");
  });
});

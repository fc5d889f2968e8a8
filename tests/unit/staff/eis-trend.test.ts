import { describe, expect, it } from "vitest";
import { officerTrend, type RunSnapshot } from "@/lib/staff/eis-trend";

const run = (runId: number, entries: [string, boolean, number | null][]): RunSnapshot => ({
  runId,
  byOfficer: new Map(entries.map(([id, flagged, incidentScore]) => [id, { flagged, incidentScore }])),
});

describe("an officer's trend over recent runs", () => {
  // Newest first: run 5 (now), 4, 3, 2, 1 (beyond the last four).
  const runs = [
    run(5, [
      ["A", true, 1.5],
      ["B", true, 1.2],
      ["C", false, null],
    ]),
    run(4, [
      ["A", true, 1.0],
      ["C", false, 0.2],
    ]),
    run(3, [
      ["A", false, 0.5],
      ["B", false, 0.1],
    ]),
    run(2, [["A", true, 1.1]]),
    run(1, [
      ["A", true, 2.0],
      ["B", true, 2.0],
    ]),
  ];

  it("counts flags in the last four runs, this one included", () => {
    expect(officerTrend("A", runs)).toEqual({
      flaggedRecent: 3,
      recentRuns: 4,
      incidentScoreChange: 0.5,
      newFlag: false,
    });
  });

  it("treats a run that did not score the officer as not flagged, and marks a new flag", () => {
    expect(officerTrend("B", runs)).toEqual({
      flaggedRecent: 1,
      recentRuns: 4,
      incidentScoreChange: null,
      newFlag: true,
    });
  });

  it("gives no change when either score is missing", () => {
    expect(officerTrend("C", runs).incidentScoreChange).toBeNull();
    expect(officerTrend("Z", runs)).toEqual({
      flaggedRecent: 0,
      recentRuns: 4,
      incidentScoreChange: null,
      newFlag: false,
    });
  });

  it("works with a single run", () => {
    expect(officerTrend("A", runs.slice(0, 1))).toEqual({
      flaggedRecent: 1,
      recentRuns: 1,
      incidentScoreChange: null,
      newFlag: false,
    });
  });
});

import { describe, expect, it } from "vitest";
import { engagementCounts, incidentScores, incidentViews, subjectScores } from "@/lib/eis/scores";
import type { EisForceRecord, ForceLevel } from "@/lib/eis/types";
import { windowOf } from "@/lib/eis/windows";

const rec = (
  officerId: string,
  incidentKey: string,
  level: ForceLevel,
  date: string,
  subjectKey: string | null = null,
): EisForceRecord => ({
  officerId,
  incidentKey,
  subjectKey,
  level,
  occurredAt: new Date(`${date}T10:00:00Z`),
  precinct: "West",
});
const asOf = new Date("2024-07-01T00:00:00Z");

describe("incident-based score (hand-computed)", () => {
  // i1: A 3, B 1, C 1 -> A: 3 - 1 = 2; B: 1 - (3+1)/2 = -1; C: -1.
  // i2: A 2 (two rows: 1 and 2, keeps 2), B 1 -> A: 1; B: -1.
  // i3: A 1 alone -> no comparison. i4: in May, outside the one-month window.
  const records = [
    rec("A", "i1", 3, "2024-06-03"),
    rec("B", "i1", 1, "2024-06-03"),
    rec("C", "i1", 1, "2024-06-03"),
    rec("A", "i2", 1, "2024-06-10"),
    rec("A", "i2", 2, "2024-06-10"),
    rec("B", "i2", 1, "2024-06-10"),
    rec("A", "i3", 1, "2024-06-20"),
    rec("A", "i4", 4, "2024-05-20"),
    rec("C", "i4", 1, "2024-05-20"),
  ];
  const scores = incidentScores(incidentViews(records), windowOf(asOf, 1));

  it("is the mean over incidents with 2+ officers of the officer's level minus the others' mean", () => {
    expect(scores.get("A")).toEqual({ score: 1.5, n: 2 });
    expect(scores.get("B")).toEqual({ score: -1, n: 2 });
    expect(scores.get("C")).toEqual({ score: -1, n: 1 });
  });

  it("counts witnesses (level 0) as officers at the incident", () => {
    const withWitness = incidentScores(
      incidentViews([rec("A", "w", 2, "2024-06-03"), rec("W", "w", 0, "2024-06-03")]),
      windowOf(asOf, 1),
    );
    expect(withWitness.get("A")).toEqual({ score: 2, n: 1 });
    expect(withWitness.get("W")).toEqual({ score: -2, n: 1 });
  });
});

describe("subject-based score (hand-computed)", () => {
  // Subject S (two months): A at i1 (level 3) and i2 (level 1) -> mean 2; B at i1 (level 1) -> 1; C at i3 (level 2) -> 2.
  //   A: 2 - (1+2)/2 = 0.5; B: 1 - (2+2)/2 = -1; C: 2 - (2+1)/2 = 0.5.
  // Subject T: A (level 1 at i4) and B (level 2 at i4) -> A: -1, B: +1. Subject U: only A -> no comparison.
  // A's level at i2 is 1 even though A also had a level-1 row with U there: highest level per incident.
  const records = [
    rec("A", "i1", 3, "2024-05-05", "S"),
    rec("B", "i1", 1, "2024-05-05", "S"),
    rec("A", "i2", 1, "2024-06-01", "S"),
    rec("A", "i2", 1, "2024-06-01", "U"),
    rec("C", "i3", 2, "2024-06-15", "S"),
    rec("A", "i4", 1, "2024-06-20", "T"),
    rec("B", "i4", 2, "2024-06-20", "T"),
    rec("B", "old", 4, "2024-04-20", "S"),
  ];
  const scores = subjectScores(incidentViews(records), windowOf(asOf, 2));

  it("averages, over subjects met by 2+ officers using force, the officer's mean level minus the others' means", () => {
    expect(scores.get("A")).toEqual({ score: (0.5 - 1) / 2, n: 2 });
    expect(scores.get("B")).toEqual({ score: 0, n: 2 });
    expect(scores.get("C")).toEqual({ score: 0.5, n: 1 });
  });

  it("ignores records without a subject", () => {
    const s = subjectScores(
      incidentViews([rec("A", "x", 3, "2024-06-01"), rec("B", "x", 1, "2024-06-01")]),
      windowOf(asOf, 2),
    );
    expect(s.size).toBe(0);
  });
});

describe("engagement (witness data only)", () => {
  it("is force incidents / witness incidents; null (never Infinity) when the officer was never a witness", () => {
    const records = [
      rec("A", "a", 1, "2024-01-05"),
      rec("W", "a", 0, "2024-01-05"),
      rec("A", "b", 0, "2024-02-05"),
      rec("W", "b", 2, "2024-02-05"),
      rec("A", "c", 2, "2024-03-05"),
      rec("W", "c", 0, "2024-03-05"),
      rec("N", "c", 1, "2024-03-05"),
      rec("A", "old", 1, "2023-06-05"),
    ];
    const e = engagementCounts(incidentViews(records), windowOf(asOf, 12));
    expect(e.get("A")).toEqual({ involved: 2, witness: 1, score: 2 });
    expect(e.get("W")).toEqual({ involved: 1, witness: 2, score: 0.5 });
    expect(e.get("N")).toEqual({ involved: 1, witness: 0, score: null });
  });
});

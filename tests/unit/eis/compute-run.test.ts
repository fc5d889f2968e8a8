import { describe, expect, it } from "vitest";
import { DEFAULT_EIS_CONFIG } from "@/lib/eis/config";
import { flagReasons } from "@/lib/eis/flags";
import { computeEisRun } from "@/lib/eis/compute-run";
import type { EisForceRecord, EisOfficerResult, ForceLevel } from "@/lib/eis/types";

const rec = (
  officerId: string,
  incidentKey: string,
  level: ForceLevel,
  date: string,
  subjectKey: string | null = null,
  precinct: string | null = "West",
): EisForceRecord => ({
  officerId,
  incidentKey,
  subjectKey,
  level,
  occurredAt: new Date(`${date}T10:00:00Z`),
  precinct,
});

describe("computeEisRun on a hand-built week", () => {
  // A used Level 3 and B Level 1 on the same subject at three incidents in June 2024: A's incident- and
  // subject-based scores are 3 - 1 = 2 over 3, above the threshold 1.0 over at least 3; B's are -2.
  const records = [
    rec("A", "1", 3, "2024-06-03", "S1"),
    rec("B", "1", 1, "2024-06-03", "S1"),
    rec("A", "2", 3, "2024-06-10", "S2"),
    rec("B", "2", 1, "2024-06-10", "S2"),
    rec("A", "3", 3, "2024-06-17", "S3"),
    rec("B", "3", 1, "2024-06-17", "S3"),
    rec("C", "4", 1, "2022-01-05", "S4"), // inside the 36-month escalation window only
    rec("D", "5", 2, "2020-01-05", "S5"), // outside every window: no row
    rec("E", "6", 1, "2024-07-01", "S6"), // on the as-of date: the future for this run
  ];
  const run = computeEisRun(records, new Date("2024-07-01T00:00:00Z"), DEFAULT_EIS_CONFIG, {
    witnessesRecorded: false,
  });
  const byId = Object.fromEntries(run.officers.map((o) => [o.officerId, o]));

  it("gives a row to every officer with a record in any window, and only to them", () => {
    expect(run.officers.map((o) => o.officerId)).toEqual(["A", "B", "C"]);
    expect(run.asOf).toBe("2024-07-01");
    expect(run.windows.incident).toEqual({ start: "2024-06-01", end: "2024-07-01" });
  });

  it("flags A with both reasons in words and leaves B and C unflagged", () => {
    expect(byId.A!.incidentScore).toBe(2);
    expect(byId.A!.subjectScore).toBe(2);
    expect(byId.A!.reasons).toEqual([
      { code: "incident_score", text: "Incident-based score 2.00 over 3 incidents (threshold 1.0 over at least 3)" },
      { code: "subject_score", text: "Subject-based score 2.00 over 3 subjects (threshold 1.0 over at least 3)" },
    ]);
    expect(byId.A!.flagged).toBe(true);
    expect(byId.B).toMatchObject({
      incidentScore: -2,
      incidentN: 3,
      subjectScore: -2,
      subjectN: 3,
      flagged: false,
      reasons: [],
    });
    expect(byId.C).toMatchObject({
      incidentScore: null,
      incidentN: 0,
      subjectScore: null,
      subjectN: 0,
      flagged: false,
    });
  });

  it("reports engagement as not available when the data records no witnesses (null, never 0)", () => {
    for (const o of run.officers) expect(o).toMatchObject({ engagementScore: null, engagementAvailable: false });
    expect(byId.A!.engagementInvolved).toBeUndefined();
  });

  it("fits the escalation model on the window's shared incidents; a pair is too small a peer group to flag", () => {
    expect(byId.A!.escalation).toMatchObject({ peerGroupSize: 1, nIncidents: 3, levelCounts: [0, 0, 0, 3, 0] });
    expect(byId.A!.escalation!.lambda).toBeGreaterThan(byId.B!.escalation!.lambda);
    expect(byId.C!.escalation).toBeNull();
    expect(run.diagnostics.escalation).toMatchObject({ incidents: 3, officers: 2, converged: true });
  });

  it("gives no volume score when a precinct has fewer than 10 peers", () => {
    for (const o of run.officers) expect(o.volume).toBeNull();
    expect(byId.A!.precinct).toBe("West");
    expect(byId.C!.precinct).toBeNull(); // no incident in the volume or peer windows
  });

  it("computes engagement where witnesses are recorded", () => {
    const withWitnesses = computeEisRun(
      [rec("A", "w1", 2, "2024-06-03"), rec("W", "w1", 0, "2024-06-03")],
      new Date("2024-07-01T00:00:00Z"),
      DEFAULT_EIS_CONFIG,
      { witnessesRecorded: true },
    );
    const w = withWitnesses.officers.find((o) => o.officerId === "W")!;
    const a = withWitnesses.officers.find((o) => o.officerId === "A")!;
    expect(w).toMatchObject({
      engagementScore: 0,
      engagementAvailable: true,
      engagementInvolved: 0,
      engagementWitness: 1,
    });
    expect(a).toMatchObject({
      engagementScore: null,
      engagementAvailable: true,
      engagementInvolved: 1,
      engagementWitness: 0,
    });
  });
});

describe("flag reasons for the model-based scores", () => {
  const base: Omit<EisOfficerResult, "flagged" | "reasons"> = {
    officerId: "7",
    precinct: "North",
    incidentsInWindow: 9,
    incidentScore: 0.9,
    incidentN: 5,
    subjectScore: 1.4,
    subjectN: 2,
    engagementScore: null,
    engagementAvailable: false,
    escalation: {
      lambda: 1.81,
      ciLow: 0.9,
      ciHigh: 2.72,
      lambdaVsPeers: 1.55,
      pTop5: 0.86,
      peerGroupSize: 212,
      nIncidents: 49,
      levelCounts: [22, 17, 9, 1, 0],
    },
    volume: { count: 9, peerRate: 1.48, shrunkRate: 6.1, ratio: 4.12, pValue: 0.0004, qValue: 0.012 },
  };

  it("states the numbers and the rule; below-threshold scores give no reason", () => {
    expect(flagReasons(base, DEFAULT_EIS_CONFIG)).toEqual([
      {
        code: "escalation",
        text: "Escalation propensity in the top 5% of 212 peers with probability 0.86 (threshold 0.80); propensity 1.81 [95% interval 0.90 to 2.72], 1.55 above the peers' mean, over 49 shared incidents",
      },
      {
        code: "volume",
        text: "9 incidents in 6 months against a peer average of 1.5 (6.1 times) in the North precinct; shrunk rate 6.1 (4.12 times the peers'), p < 0.001, false-discovery-adjusted q = 0.012 (threshold 0.05)",
      },
    ]);
  });

  it("needs at least 20 peers for an escalation flag, q <= FDR for volume, and n >= 3 for the comparison scores", () => {
    const small = {
      ...base,
      escalation: { ...base.escalation!, peerGroupSize: 19 },
      volume: { ...base.volume!, qValue: 0.051 },
      subjectN: 3,
    };
    expect(flagReasons(small, DEFAULT_EIS_CONFIG).map((r) => r.code)).toEqual(["subject_score"]);
  });
});

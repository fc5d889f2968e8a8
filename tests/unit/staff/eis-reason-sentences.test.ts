import { describe, expect, it } from "vitest";
import { DEFAULT_EIS_CONFIG } from "@/lib/eis/config";
import { flagReasons } from "@/lib/eis/flags";
import type { EisOfficerResult } from "@/lib/eis/types";
import { NO_PRECINCT_GROUP, precinctPrior } from "@/lib/eis/volume";
import { lastMonthsWords, plainReason, readableReasons, type ReasonFacts } from "@/lib/staff/eis-reason-sentences";

const W = { incident: 1, subject: 2, volume: 6, escalation: 36 };
const facts = (over: Partial<ReasonFacts> = {}): ReasonFacts => ({
  precinct: "West",
  incidentScore: null,
  incidentN: 0,
  subjectScore: null,
  subjectN: 0,
  escalation: null,
  volume: null,
  ...over,
});

describe("plain-sentence flag reasons", () => {
  it("volume: the count and the peers' average, nothing else (the issue's wording)", () => {
    expect(plainReason("volume", facts({ volume: { count: 8, peerRate: 1.43, peerGroup: "West" } }), W)).toBe(
      "8 incidents in the last 6 months; officers in the same precinct (West) averaged 1.4.",
    );
    expect(
      plainReason(
        "volume",
        facts({ precinct: null, volume: { count: 1, peerRate: 1.43, peerGroup: NO_PRECINCT_GROUP } }),
        W,
      ),
    ).toBe("1 incident in the last 6 months; officers whose incidents have no recorded precinct averaged 1.4.");
  });

  it("incident and subject scores say how many levels above the others, over how many incidents / people", () => {
    expect(plainReason("incident_score", facts({ incidentScore: 1.5, incidentN: 4 }), W)).toBe(
      "At 4 incidents with other officers in the last month, this officer used on average 1.5 levels of force above the other officers present.",
    );
    expect(plainReason("subject_score", facts({ subjectScore: 1, subjectN: 1 }), W)).toBe(
      "With 1 person who also met other officers in the last 2 months, this officer used on average 1.0 level of force above the other officers.",
    );
  });

  it("a score that rounds to 0.0 reads as the same level, a negative one as below", () => {
    expect(plainReason("incident_score", facts({ incidentScore: 0, incidentN: 1 }), W)).toBe(
      "At 1 incident with other officers in the last month, this officer used on average the same level of force as the other officers present.",
    );
    expect(plainReason("subject_score", facts({ subjectScore: -0.5, subjectN: 3 }), W)).toBe(
      "With 3 people who also met other officers in the last 2 months, this officer used on average 0.5 levels of force below the other officers.",
    );
  });

  it("escalation: the probability and the size of the comparison group in words", () => {
    expect(
      plainReason("escalation", facts({ escalation: { pTop5: 0.861, peerGroupSize: 45, nIncidents: 7 } }), W),
    ).toBe(
      "Across 7 incidents shared with other officers in the last 3 years, this officer used a higher level of force than the others often enough to be, " +
        "with 86% probability, among the top 5% of the 45 officers they can be compared with.",
    );
  });

  it("unknown codes and missing numbers fall back to the stored text", () => {
    expect(plainReason("new_rule", facts(), W)).toBeNull();
    const out = readableReasons(
      [
        { code: "new_rule", text: "Stored text" },
        { code: "volume", text: "stats" },
      ],
      facts(),
      W,
    );
    expect(out.map((r) => r.plain)).toEqual(["Stored text", "stats"]);
  });

  it("window lengths in words", () => {
    expect([1, 2, 6, 12, 36, null].map(lastMonthsWords)).toEqual([
      "the last month",
      "the last 2 months",
      "the last 6 months",
      "the last year",
      "the last 3 years",
      "the run's window",
    ]);
  });
});

describe("the volume statistics never put a flagged officer at the peer average (officer 2191, run as of 2025-06-02)", () => {
  // The real case: 188 officers whose 2025 incidents carry no precinct, mean 1.43 and variance 1.19 (no
  // over-dispersion), officer 2191 with 8 incidents, p = 0.00012, q = 0.044. The reason used to read "shrunk rate 1.4
  // (1.0 times the peers'), p < 0.001": the degenerate prior put every officer at the mean.
  const base: Omit<EisOfficerResult, "flagged" | "reasons"> = {
    officerId: "2191",
    precinct: "West",
    incidentsInWindow: 8,
    incidentScore: null,
    incidentN: 0,
    subjectScore: null,
    subjectN: 0,
    engagementScore: null,
    engagementAvailable: false,
    escalation: null,
    volume: {
      count: 8,
      peerRate: 1.4308510638297873,
      shrunkRate: null,
      ratio: null,
      pValue: 0.0001234736591284591,
      qValue: 0.044203569967988354,
      peerGroup: NO_PRECINCT_GROUP,
    },
  };

  it("without over-dispersion: no shrunk rate, the count's own ratio to the average", () => {
    expect(precinctPrior(NO_PRECINCT_GROUP, [0, 1, 1, 2, 2, 2, 1, 1, 3, 1])).toMatchObject({ alpha: null, beta: null });
    const [reason] = flagReasons(base, DEFAULT_EIS_CONFIG);
    expect(reason!.code).toBe("volume");
    expect(reason!.text).not.toMatch(/1\.0 times the peers'/);
    expect(reason!.text).toContain("8 incidents in 6 months against a peer average of 1.4 (5.6 times)");
    expect(reason!.text).toContain("no shrunk rate");
    expect(reason!.text).toContain("p < 0.001");
  });

  it("with over-dispersion: the shrunk rate with two decimals of its ratio", () => {
    const [reason] = flagReasons(
      { ...base, volume: { ...base.volume!, shrunkRate: 2.9555, ratio: 1.7824, peerRate: 1.658, count: 11 } },
      DEFAULT_EIS_CONFIG,
    );
    expect(reason!.text).toContain("11 incidents in 6 months against a peer average of 1.7 (6.6 times)");
    expect(reason!.text).toContain("shrunk rate 3.0 (1.78 times the peers')");
  });
});

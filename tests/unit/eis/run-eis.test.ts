import { describe, expect, it } from "vitest";
import { eisRunContract } from "@/lib/cli/commands/eis";
import { checkAsOf, demoAsOfs, fillUnits, mondayAfter, weeklyAsOfs } from "@/lib/eis/run-eis";
import { EisRunRefused } from "@/lib/eis/store";
import type { EisForceRecord, EisRunResult } from "@/lib/eis/types";

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("as-of dates of EIS runs", () => {
  it("scores the week after the data's last incident: the Monday strictly after its calendar day", () => {
    expect(iso(mondayAfter(new Date("2026-02-12T17:30:00Z")))).toBe("2026-02-16"); // Thursday
    expect(iso(mondayAfter(new Date("2026-02-16T23:59:00Z")))).toBe("2026-02-23"); // a Monday: the next one
    expect(iso(mondayAfter(new Date("2026-02-15T00:00:00Z")))).toBe("2026-02-16"); // Sunday
  });

  it("builds the demo history: 4-weekly steps back, then consecutive weeks ending with the latest", () => {
    expect(weeklyAsOfs(day("2026-02-16"), 3).map(iso)).toEqual(["2026-02-02", "2026-02-09", "2026-02-16"]);
    expect(demoAsOfs(day("2026-02-16"), 3, 2).map(iso)).toEqual([
      "2025-12-08",
      "2026-01-05",
      "2026-02-02",
      "2026-02-09",
      "2026-02-16",
    ]);
    const all = demoAsOfs(day("2026-02-16"), 26, 9);
    expect(all).toHaveLength(35);
    expect(all.every((d) => d.getUTCDay() === 1)).toBe(true);
    // With data ending 2026-02-12, the oldest runs have a complete 12-month follow-up (as-of + 12 months <= 2026-02-13).
    expect(all.filter((d) => d < day("2025-02-14")).map(iso)).toEqual(["2024-12-16", "2025-01-13", "2025-02-10"]);
  });

  it("refuses dates the data cannot score, with the latest date it can", () => {
    const data = { periodStart: new Date("2014-01-27T21:10:00Z"), periodEnd: new Date("2026-02-12T17:30:00Z") };
    expect(() => checkAsOf(data, day("2026-02-16"))).not.toThrow();
    expect(() => checkAsOf(data, day("2026-02-17"))).toThrow(
      new EisRunRefused(
        "--as-of 2026-02-17 is after the data: its last incident is on 2026-02-12, so the latest week to score is as of 2026-02-16.",
      ),
    );
    expect(() => checkAsOf(data, day("2014-01-27"))).toThrow(EisRunRefused);
    expect(() => checkAsOf({ periodStart: null, periodEnd: null }, day("2020-01-06"))).toThrow("no dated incidents");
  });
});

describe("the `eis run --json` contract", () => {
  it("has exactly the documented fields; reasons are {code, text} objects", () => {
    const result = {
      asOf: "2026-02-16",
      windows: { incident: { start: "2026-01-16", end: "2026-02-16" } },
      officers: [
        {
          officerId: "7",
          precinct: "West",
          incidentsInWindow: 4,
          incidentScore: 1.25,
          incidentN: 4,
          subjectScore: null,
          subjectN: 1,
          engagementScore: null,
          engagementAvailable: false,
          escalation: {
            lambda: 1.1,
            ciLow: 0.2,
            ciHigh: 2,
            lambdaVsPeers: 0.9,
            pTop5: 0.85,
            peerGroupSize: 40,
            nIncidents: 9,
            levelCounts: [0, 5, 4, 0, 0],
          },
          volume: { count: 4, peerRate: 1, shrunkRate: 2, ratio: 2, pValue: 0.01, qValue: 0.2 },
          flagged: true,
          reasons: [{ code: "incident_score", text: "Incident-based score 1.25 over 4 incidents" }],
        },
      ],
    } as unknown as EisRunResult;
    expect(eisRunContract(result)).toEqual({
      asOf: "2026-02-16",
      windows: { incident: { start: "2026-01-16", end: "2026-02-16" } },
      officers: [
        {
          officerId: "7",
          incidentScore: 1.25,
          incidentN: 4,
          subjectScore: null,
          subjectN: 1,
          engagementScore: null,
          escalation: { lambda: 1.1, ciLow: 0.2, ciHigh: 2, lambdaVsPeers: 0.9, pTop5: 0.85, peerGroupSize: 40 },
          flagged: true,
          reasons: [{ code: "incident_score", text: "Incident-based score 1.25 over 4 incidents" }],
        },
      ],
    });
  });
});

describe("the unit fallback for officers the library leaves without a precinct", () => {
  const rec = (officerId: string, incidentKey: string, when: string, precinct: string | null): EisForceRecord => ({
    officerId,
    incidentKey,
    subjectKey: null,
    level: 1,
    occurredAt: new Date(`${when}T12:00:00Z`),
    precinct,
  });
  const run = (officers: { officerId: string; precinct: string | null }[]) =>
    ({
      asOf: "2026-02-16",
      windows: { escalation: { start: "2024-02-16", end: "2026-02-16" } },
      officers,
      diagnostics: { escalation: null },
    }) as unknown as EisRunResult;

  it("takes the precinct of most incidents with a known precinct in the escalation window; ties go to the latest", () => {
    const records = [
      // A: two North incidents (one with two rows: one vote), one West; the 2023 East incidents are outside the window.
      rec("A", "1", "2024-03-01", "North"),
      rec("A", "1", "2024-03-01", "North"),
      rec("A", "2", "2024-05-01", "North"),
      rec("A", "3", "2025-01-01", "West"),
      rec("A", "4", "2023-01-01", "East"),
      rec("A", "5", "2023-02-01", "East"),
      rec("A", "6", "2023-03-01", "East"),
      rec("A", "7", "2025-06-01", null),
      rec("A", "8", "2026-02-16", "South"), // unknown precinct; on the as-of day (future)
      // B: one East, one South: the later one (South) wins.
      rec("B", "9", "2024-06-01", "East"),
      rec("B", "10", "2024-07-01", "South"),
      // C: no known precinct in the window. D: the library already gave a unit: kept.
      rec("C", "11", "2025-03-01", null),
      rec("D", "12", "2024-06-01", "East"),
    ];
    const out = fillUnits(
      run([
        { officerId: "A", precinct: null },
        { officerId: "B", precinct: null },
        { officerId: "C", precinct: null },
        { officerId: "D", precinct: "West" },
      ]),
      records,
    );
    expect(out.officers.map((o) => [o.officerId, o.precinct])).toEqual([
      ["A", "North"],
      ["B", "South"],
      ["C", null],
      ["D", "West"],
    ]);
    expect(out.diagnostics.unitsFromEscalationWindow).toBe(2);
  });
});

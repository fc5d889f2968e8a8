import { describe, expect, it } from "vitest";
import { AssignInterventionSchema, CompleteInterventionSchema, dateIssues } from "@/lib/staff/eis-intervention-input";
import { aggregate, followUp, MIN_AGGREGATE_N, type OfficerIncident } from "@/lib/staff/eis-intervention-outcome";
import { daysBetween, formatSeattleTime, seattleToday } from "@/lib/staff/seattle-time";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const inc = (iso: string, level: number): OfficerIncident => ({ at: at(iso), level });

describe("intervention follow-up: incidents before vs after the completion date", () => {
  // Completed 2025-03-01. Before: Dec 2024 (L2), Jan 2025 (L1), Feb 2025 (L3), Sep 2024 (L1). After: Apr (L1), Jul (L2).
  const incidents = [
    inc("2024-09-10", 1),
    inc("2024-12-05", 2),
    inc("2025-01-20", 1),
    inc("2025-02-28", 3),
    inc("2025-04-02", 1),
    inc("2025-07-15", 2),
    inc("2026-01-10", 1),
  ];
  const completed = new Date("2025-03-01T00:00:00Z");

  it("counts each horizon's windows by hand; a horizon whose 'after' passes the data's end is not given", () => {
    const f = followUp(completed, incidents, new Date("2025-12-31T00:00:00Z"));
    expect(f.horizons[3]).toEqual({
      months: 3,
      before: { incidents: 3, serious: 2, seriousShare: 2 / 3 },
      after: { incidents: 1, serious: 0, seriousShare: 0 },
    });
    expect(f.horizons[6]).toEqual({
      months: 6,
      before: { incidents: 4, serious: 2, seriousShare: 0.5 },
      after: { incidents: 2, serious: 1, seriousShare: 0.5 },
    });
    expect(f.horizons[12]).toBeNull(); // 2026-03-01 is after the day following 2025-12-31
    expect(followUp(completed, incidents, null).horizons[3]).toBeNull();
  });

  it("the 'after' window may end exactly on the day after the data's last incident", () => {
    expect(followUp(completed, incidents, new Date("2025-05-31T00:00:00Z")).horizons[3]).not.toBeNull();
    expect(followUp(completed, incidents, new Date("2025-05-30T00:00:00Z")).horizons[3]).toBeNull();
  });
});

describe("the department-wide aggregate withholds small groups", () => {
  const one = (before: number, after: number, seriousBefore: number, seriousAfter: number) => ({
    horizons: {
      3: {
        months: 3 as const,
        before: { incidents: before, serious: seriousBefore, seriousShare: null },
        after: { incidents: after, serious: seriousAfter, seriousShare: null },
      },
      6: null,
      12: null,
    },
  });

  it(`below ${MIN_AGGREGATE_N} officers: n only, no rates`, () => {
    const a = aggregate([one(3, 1, 1, 0), one(6, 3, 3, 0)]);
    expect(a[3]).toEqual({
      months: 3,
      n: 2,
      shown: false,
      incidentsPerMonth: null,
      seriousPerMonth: null,
      seriousShare: null,
    });
    expect(a[6].n).toBe(0);
  });

  it("per-month means and the pooled Level 2+ share", () => {
    const a = aggregate([one(3, 0, 3, 0), one(6, 3, 0, 3), one(0, 0, 0, 0), one(3, 3, 3, 0), one(3, 3, 0, 0)]);
    // before: incidents 15 / 5 officers / 3 months = 1.0; after 9/5/3 = 0.6; serious 6/15 = 0.4 and 3/15 = 0.2 per month
    expect(a[3].shown).toBe(true);
    expect(a[3].incidentsPerMonth!.before).toBeCloseTo(1, 12);
    expect(a[3].incidentsPerMonth!.after).toBeCloseTo(0.6, 12);
    expect(a[3].seriousPerMonth!.before).toBeCloseTo(0.4, 12);
    expect(a[3].seriousPerMonth!.after).toBeCloseTo(0.2, 12);
    expect(a[3].seriousShare).toEqual({ before: 6 / 15, after: 3 / 9 });
  });
});

describe("intervention input", () => {
  it("assign: every field's message at its field", () => {
    const r = AssignInterventionSchema.safeParse({ scoreId: "12", type: "", owner: " ", dueDate: "2025-02-30" });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byField).toEqual({
      type: "Choose the type of intervention.",
      owner: "Say who carries out the intervention.",
      dueDate: "The due date is not a real date.",
    });
    expect(
      AssignInterventionSchema.parse({ scoreId: "12", type: "training", owner: "Sgt. Lee", dueDate: "2025-07-01" }),
    ).toEqual({ scoreId: 12, type: "training", owner: "Sgt. Lee", dueDate: "2025-07-01" });
  });

  it("complete: a note of at least 10 characters; dates not before the flag, not in the future", () => {
    expect(
      CompleteInterventionSchema.safeParse({ interventionId: 1, completedOn: "2025-07-01", note: "done" }).error!
        .issues[0]!.path,
    ).toEqual(["note"]);
    expect(dateIssues("completed", "2025-05-01", "2025-06-02", "2026-12-03")).toMatch(/before the flag's run date/);
    expect(dateIssues("completed", "2027-01-01", "2025-06-02", "2026-12-03")).toMatch(/future/);
    expect(dateIssues("due", "2027-01-01", "2025-06-02", "2026-12-03")).toBeNull();
  });
});

describe("Seattle time", () => {
  it("labels instants in Seattle time with the zone, and knows Seattle's date", () => {
    expect(formatSeattleTime("2026-02-16T17:05:00Z")).toBe("Feb 16, 2026, 9:05 AM Seattle time (PST)");
    expect(formatSeattleTime("2025-07-01T03:30:00Z")).toBe("Jun 30, 2025, 8:30 PM Seattle time (PDT)");
    expect(seattleToday(new Date("2026-12-03T05:00:00Z"))).toBe("2026-12-02");
    expect(daysBetween("2026-02-12", "2026-12-03")).toBe(294);
  });
});

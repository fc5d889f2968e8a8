import { describe, expect, it } from "vitest";
import { contactsByMonth, deriveUnits, unitWindow } from "@/lib/staff/officer-unit";

const at = (iso: string) => new Date(iso);

describe("officer unit derivation", () => {
  it("uses the 12 calendar months before the data's last reported date", () => {
    const w = unitWindow(at("2025-12-31T22:28:00Z"));
    expect(w.start.toISOString()).toBe("2024-12-31T22:28:00.000Z");
    expect(w.end.toISOString()).toBe("2025-12-31T22:28:00.000Z");
  });

  it("picks the precinct of most contacts, ignores Unknown, breaks ties by the most recent contact", () => {
    const contacts = [
      ...["West", "West", "North", "Unknown", "Unknown", "Unknown"].map((precinct, i) => ({
        officerId: 1,
        templateId: `a${i}`,
        reportedDate: at(`2025-0${i + 1}-01`),
        precinct,
      })),
      { officerId: 2, templateId: "b1", reportedDate: at("2025-01-01"), precinct: "West" },
      { officerId: 2, templateId: "b2", reportedDate: at("2025-05-01"), precinct: "East" },
      { officerId: 3, templateId: "c1", reportedDate: at("2025-05-01"), precinct: "Unknown" },
    ];
    const units = deriveUnits(contacts, []);
    expect(units.get(1)).toMatchObject({ precinct: "West", squad: null, contactsInWindow: 6 });
    expect(units.get(1)!.precinctCounts).toEqual([
      { precinct: "Unknown", contacts: 3 },
      { precinct: "West", contacts: 2 },
      { precinct: "North", contacts: 1 },
    ]);
    expect(units.get(2)!.precinct).toBe("East");
    expect(units.get(3)!.precinct).toBeNull();
  });

  it("counts each contact once per squad although the source has one row per disposition", () => {
    const rows = [
      { officerId: 1, templateId: "t1", reportedDate: at("2025-01-01"), officerSquad: "A" },
      { officerId: 1, templateId: "t1", reportedDate: at("2025-01-01"), officerSquad: "A" },
      { officerId: 1, templateId: "t1", reportedDate: at("2025-01-01"), officerSquad: "A" },
      { officerId: 1, templateId: "t2", reportedDate: at("2025-02-01"), officerSquad: "B" },
      { officerId: 1, templateId: "t3", reportedDate: at("2025-03-01"), officerSquad: "B" },
      { officerId: 1, templateId: "t4", reportedDate: at("2025-04-01"), officerSquad: "-" },
    ];
    const contacts = ["t1", "t2", "t3", "t4"].map((templateId) => ({
      officerId: 1,
      templateId,
      reportedDate: at("2025-01-01"),
      precinct: "West",
    }));
    expect(deriveUnits(contacts, rows).get(1)!.squad).toBe("B");
  });

  it("counts contacts and contacts with force per month, oldest first", () => {
    expect(
      contactsByMonth([
        { reportedDate: at("2025-02-03T23:59:00Z"), useOfForce: true },
        { reportedDate: at("2025-01-31T23:59:00Z"), useOfForce: false },
        { reportedDate: at("2025-02-01T00:00:00Z"), useOfForce: false },
      ]),
    ).toEqual([
      { month: "2025-01", contacts: 1, withForce: 0 },
      { month: "2025-02", contacts: 2, withForce: 1 },
    ]);
  });
});

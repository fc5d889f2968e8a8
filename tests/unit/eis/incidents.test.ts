import { describe, expect, it } from "vitest";
import {
  eisRecordsFromUseOfForce,
  formEisIncidents,
  isPlaceholderSubject,
  type UofRowForEis,
} from "@/lib/eis/incidents";
import { readSeattleUof } from "./seattle-file";

let n = 0;
const row = (
  incidentNum: string,
  officer: string | null,
  subject: string,
  when: string,
  level = 1,
  precinct = "West",
): UofRowForEis => ({
  sourceId: `r${++n}`,
  incidentNum,
  level,
  occurredAt: new Date(`${when}Z`),
  precinct,
  officerSourceId: officer,
  subjectKey: subject,
});

describe("EIS incidents from Use of Force rows (hand-built)", () => {
  const rows = [
    // 100 and 101: two officers' reports on subject S1 the same day -> one incident (rule b).
    row("100", "A", "S1", "2024-03-01T22:00:00", 1),
    row("101", "B", "S1", "2024-03-01T23:30:00", 2, "Unknown"),
    // 102: officer A's report with subjects S2 and S1 on the same day: links through Incident_Num to S2's report 103.
    row("103", "C", "S2", "2024-03-01T08:00:00", 1, "East"),
    row("102", "A", "S2", "2024-03-01T09:00:00", 3, "East"),
    row("102", "A", "S1", "2024-03-01T09:00:00", 1, "East"),
    // S1 again the next day: another incident.
    row("104", "D", "S1", "2024-03-02T00:10:00", 1),
    // Placeholder subjects never link: two reports on "Unknown" the same day stay apart.
    row("105", "E", "Unknown", "2024-03-05T10:00:00"),
    row("106", "F", "Unknown", "2024-03-05T10:00:00"),
    // Officer -9 (stored as null): excluded and counted.
    row("107", null, "S9", "2024-03-06T10:00:00"),
  ];
  const { records, stats } = formEisIncidents(rows);
  const keyOf = (num: string) => [
    ...new Set(records.filter((r) => r.incidentKey.split("+").includes(num)).map((r) => r.incidentKey)),
  ];

  it("links rows sharing an Incident_Num or a subject and calendar day, transitively", () => {
    expect(keyOf("100")).toEqual(["100+101+102+103"]);
    expect(keyOf("104")).toEqual(["104"]);
    expect(keyOf("105")).toEqual(["105"]);
    expect(keyOf("106")).toEqual(["106"]);
    expect(stats).toMatchObject({
      rows: 9,
      rowsWithoutOfficer: 1,
      rowsWithPlaceholderSubject: 2,
      incidents: 4,
      multiOfficerIncidents: 1,
      mergedIncidents: 1,
      largestIncidentOfficers: 3,
    });
  });

  it("gives every record of an incident its start time and most frequent known precinct", () => {
    const merged = records.filter((r) => r.incidentKey === "100+101+102+103");
    expect(merged).toHaveLength(5);
    expect(new Set(merged.map((r) => r.occurredAt.toISOString()))).toEqual(new Set(["2024-03-01T08:00:00.000Z"]));
    // East 3 rows, West 1, Unknown 1 -> East.
    expect(new Set(merged.map((r) => r.precinct))).toEqual(new Set(["East"]));
    expect(
      merged
        .filter((r) => r.officerId === "A")
        .map((r) => r.level)
        .sort(),
    ).toEqual([1, 1, 3]);
  });

  it("keeps one record per row with the row's level; placeholder subjects become null", () => {
    expect(records).toHaveLength(8);
    expect(records.find((r) => r.incidentKey === "105")!.subjectKey).toBeNull();
    expect(eisRecordsFromUseOfForce(rows)).toEqual(records);
  });

  it("treats blanks, '-', '0', '-9', 'Unknown' and non-positive numbers as placeholders", () => {
    for (const p of ["", " ", "-", "0", "-9", "Unknown", "UNKNOWN", "X", "NULL", "-3"])
      expect(isPlaceholderSubject(p), p).toBe(true);
    for (const s of ["7048", "1", "A12"]) expect(isPlaceholderSubject(s), s).toBe(false);
  });

  it("refuses a level outside 1-4 instead of guessing", () => {
    expect(() => formEisIncidents([row("1", "A", "S", "2024-01-01T00:00:00", 0)])).toThrow(/level 0 is not 1-4/);
  });
});

const seattle = readSeattleUof();
describe.skipIf(!seattle)(
  "EIS incidents on the real Seattle Use of Force file (measured counts quoted in docs/eis-methods.md)",
  () => {
    it("forms 11,348 incidents, 3,748 with two or more officers, from 18,883 rows with an officer", () => {
      const { stats } = formEisIncidents(seattle!);
      expect(stats).toEqual({
        rows: 18884,
        rowsWithoutOfficer: 1,
        rowsWithPlaceholderSubject: 0,
        incidents: 11348,
        multiOfficerIncidents: 3748,
        multiOfficerIncidentNums: 45,
        mergedIncidents: 3756,
        largestIncidentOfficers: 44,
      });
    });
  },
);

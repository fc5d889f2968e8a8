import type { EisOfficerResult, EisRunResult } from "@/lib/eis/types";
import { DEFAULT_EIS_CONFIG } from "@/lib/eis/config";
import { runWindows, windowsAsIso } from "@/lib/eis/windows";

/**
 * A small Use of Force file for the EIS tests, with incidents known by construction (all in 2025; the last incident
 * is on Thursday 2025-02-27, so the ingest trigger scores as of Monday 2025-03-03). Seattle's Incident_Num is one
 * officer's report: officers at one incident share the subject and the day (lib/eis/incidents.ts links them).
 *   W1 (West) used Level 3 and W2 (West) Level 1 on four subjects in February: W1's level is 2 above W2's each time.
 *   N1 (North) used Level 2 and N2 (North) Level 1 on three subjects in February.
 *   W3, W4 (West) and N3 (North) have single-officer incidents only; W3's is the data's last incident.
 *   Later Level 2+ incidents (the accuracy follow-up) are added by the DAL tests, not here.
 */
export const UOF_HEADER = [
  "ID",
  "Incident_Num",
  "Incident_Type",
  "Occured_date_time",
  "Precinct",
  "Sector",
  "Beat",
  "Officer_ID",
  "Subject_ID",
  "Subject_Race",
  "Subject_Gender",
];
export const LEVEL_TYPE: Record<number, string> = {
  1: "Level 1 - Use of Force",
  2: "Level 2 - Use of Force",
  3: "Level 3 - Use of Force",
  4: "Level 3 - OIS",
};
export const EIS_OFFICERS = {
  W1: "9101",
  W2: "9102",
  W3: "9103",
  W4: "9104",
  N1: "9201",
  N2: "9202",
  N3: "9203",
} as const;

let rowId = 0;
let incidentNum = 5000;
export function uofRow(officer: string, level: number, when: string, precinct: string, subject: string): string[] {
  const [date, time] = when.split(" ");
  const [y, m, d] = date!.split("-");
  return [
    `T${++rowId}`,
    String(++incidentNum),
    LEVEL_TYPE[level]!,
    `${m}/${d}/${y} ${time ?? "10:00:00 AM"}`,
    precinct,
    "KING",
    "K2",
    officer,
    subject,
    "White",
    "Male",
  ];
}

export function eisFixtureRows(): string[][] {
  rowId = 0;
  incidentNum = 5000;
  const o = EIS_OFFICERS;
  const rows: string[][] = [];
  ["2025-02-03", "2025-02-08", "2025-02-13", "2025-02-18"].forEach((day, i) => {
    rows.push(uofRow(o.W1, 3, day, "West", `41${i}`), uofRow(o.W2, 1, day, "West", `41${i}`));
  });
  ["2025-02-10", "2025-02-12", "2025-02-14"].forEach((day, i) => {
    rows.push(uofRow(o.N1, 2, day, "North", `42${i}`), uofRow(o.N2, 1, day, "North", `42${i}`));
  });
  rows.push(uofRow(o.W4, 1, "2025-01-15", "West", "4301"), uofRow(o.W4, 2, "2025-02-20", "West", "4302"));
  rows.push(uofRow(o.N3, 1, "2025-01-20", "North", "4303"));
  rows.push(uofRow(o.W3, 1, "2025-02-27 05:30:00 PM", "West", "4304"));
  return rows;
}

/** A run result written by hand (for tests of the store and the staff pages that must not depend on the model). */
export function handRun(asOf: string, officers: (Partial<EisOfficerResult> & { officerId: string })[]): EisRunResult {
  return {
    asOf,
    windows: windowsAsIso(runWindows(new Date(`${asOf}T00:00:00Z`), DEFAULT_EIS_CONFIG)),
    config: DEFAULT_EIS_CONFIG,
    witnessesRecorded: false,
    officers: officers.map((o) => ({
      precinct: null,
      incidentsInWindow: 0,
      incidentScore: null,
      incidentN: 0,
      subjectScore: null,
      subjectN: 0,
      engagementScore: null,
      engagementAvailable: false,
      escalation: null,
      volume: null,
      flagged: (o.reasons?.length ?? 0) > 0,
      reasons: [],
      ...o,
    })),
    diagnostics: { escalation: null },
  };
}

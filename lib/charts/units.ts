/**
 * The counting units, named once and used by every page, takeaway, CSV header and extract count (issue 21: one
 * counting unit per label). A crisis contact is one crisis template (Template ID); an officer contact is one
 * template and one officer (the unit of the CIT models); a source row is one disposition row.
 */
export const UNIT = {
  crisisContact: { one: "crisis contact", many: "crisis contacts", qualified: "crisis contacts (Template IDs)" },
  officerContact: {
    one: "officer contact",
    many: "officer contacts",
    qualified: "officer contacts (Template ID + Officer ID)",
  },
  incident: { one: "incident", many: "incidents", qualified: "use-of-force incidents (Incident_Num)" },
} as const;

/**
 * The dispatch-balance difference (CIT-certified minus other officers' share of violent or weapon calls, in
 * percentage points) as a sentence: "differs by -0.8 percentage points" read as a riddle.
 */
export function dispatchDifferenceText(pp: number): string {
  const size = Math.abs(pp).toFixed(1);
  if (size === "0.0")
    return "CIT-certified and other officers' contacts hold about the same share of violent or weapon calls";
  return `CIT-certified officers' contacts hold a ${size}-percentage-point ${pp > 0 ? "larger" : "smaller"} share of violent or weapon calls than other officers'`;
}

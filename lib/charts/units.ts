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

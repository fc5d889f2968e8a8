/**
 * Seattle Crisis Data (data.seattle.gov i2q9-thny) columns: the API field name and the export's display name.
 * The paged API (/resource/<id>.csv) uses field names; the full export (/api/views/<id>/rows.csv) uses display
 * names. A source mapping accepts both.
 */
export const CRISIS_FIELDS = [
  { field: "template_id", display: "Template ID" },
  { field: "reported_date", display: "Reported Date" },
  { field: "reported_time", display: "Reported Time" },
  { field: "occured_date_time", display: "Occurred Date / Time" },
  { field: "call_type", display: "Call Type" },
  { field: "initial_call_type", display: "Initial Call Type" },
  { field: "final_call_type", display: "Final Call Type" },
  { field: "disposition", display: "Disposition" },
  { field: "use_of_force_indicator", display: "Use of Force Indicator" },
  { field: "subject_veteran_indicator", display: "Subject Veteran Indicator" },
  { field: "cit_officer_requested", display: "CIT Officer Requested" },
  { field: "cit_officer_dispatched", display: "CIT Officer Dispatched" },
  { field: "cit_officer_arrived", display: "CIT Officer Arrived" },
  { field: "officer_id", display: "Officer ID" },
  { field: "officer_gender", display: "Officer Gender" },
  { field: "officer_race", display: "Officer Race" },
  { field: "officer_year_of_birth", display: "Officer Year of Birth" },
  { field: "officer_years_of_experience", display: "Officer Years of Experience" },
  { field: "cit_certified_indicator", display: "CIT Certified Indicator" },
  { field: "officer_bureau_desc", display: "Officer Bureau Desc" },
  { field: "officer_precinct_desc", display: "Officer Precinct Desc" },
  { field: "officer_squad_desc", display: "Officer Squad Desc" },
  { field: "precinct", display: "Precinct" },
  { field: "sector", display: "Sector" },
  { field: "beat", display: "Beat" },
] as const;

export type CrisisField = (typeof CRISIS_FIELDS)[number]["field"];

/** A raw Crisis Data row keyed by API field name; an empty string stands for a null in the source. */
export type RawCrisisRow = Record<CrisisField, string>;

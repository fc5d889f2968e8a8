import { z } from "zod";
import * as n from "../normalise";
import { CRISIS_FIELDS, type CrisisField } from "./crisis-fields";
import type { SourceColumnSpec, SourceMapping } from "./types";

export interface CrisisRecord {
  templateId: string;
  reportedDate: Date;
  occurredAt: Date | null;
  callType: string;
  initialCallType: string;
  finalCallType: string;
  disposition: string;
  useOfForce: boolean;
  subjectVeteran: string;
  citRequested: boolean;
  citDispatched: boolean;
  citArrived: boolean;
  officerSourceId: string | null;
  officerGender: string;
  officerRace: string;
  officerYearOfBirth: number | null;
  officerYearsExperience: number | null;
  citCertified: boolean;
  officerBureau: string;
  officerPrecinct: string;
  officerSquad: string;
  precinct: string;
  sector: string;
  beat: string;
}

const DESCRIPTIONS: Record<CrisisField, [string, string]> = {
  template_id: ["Key of the crisis template (one per person per crisis contact). Count these, not rows.", "Required."],
  reported_date: [
    "Date the template was reported in the records system (can be a day after the event).",
    "Parsed; unparseable dates are quarantined.",
  ],
  reported_time: ["Time the template was reported.", "Added to the reported date when it reads as HH:MM:SS."],
  occured_date_time: [
    "Date and time of the underlying event; empty when no event could be linked.",
    "Parsed; empty = not linked.",
  ],
  call_type: ["How the call was received (911, on-view, ...).", "Blank/'-' = Unknown."],
  initial_call_type: ["Classification of the call by the communication center at dispatch.", "Blank/'-' = Unknown."],
  final_call_type: ["Classification by the officer closing the call.", "Blank/'-' = Unknown."],
  disposition: [
    "Disposition of the contact. One row per disposition: a contact can have several rows.",
    "Blank/'-' = Unknown; grouped by the disposition table.",
  ],
  use_of_force_indicator: ["Whether reportable force was used.", "Y/N; other values are quarantined."],
  subject_veteran_indicator: [
    "Whether the officer identified the subject as a veteran.",
    "Yes/No/Unknown; '-' = Unknown.",
  ],
  cit_officer_requested: ["Whether a CIT officer was requested.", "Y/N; other values are quarantined."],
  cit_officer_dispatched: ["Whether a CIT officer was dispatched.", "Y/N; other values are quarantined."],
  cit_officer_arrived: ["Whether a CIT officer arrived.", "Y/N; other values are quarantined."],
  officer_id: [
    "Officer key of the Crisis Data (its own ID space, unrelated to Use of Force officer IDs).",
    "Blank = not recorded.",
  ],
  officer_gender: ["Officer gender (self-reported, HR data).", "Kept as published (M/F/N)."],
  officer_race: ["Officer race (self-reported, HR data).", "Kept as published."],
  officer_year_of_birth: [
    "Officer year of birth (HR data).",
    "Whole number 1930-2010 or empty; otherwise quarantined.",
  ],
  officer_years_of_experience: [
    "Years of law-enforcement experience when reported.",
    "0-55 and no more than the years since age 18; otherwise quarantined as impossible.",
  ],
  cit_certified_indicator: [
    "CIT certification of the officer at the time (40-hour course). 'Y' or empty.",
    "Y = certified; empty = not certified or unknown (the open data does not separate them). Extracts write N in CSV and false in JSON for empty.",
  ],
  officer_bureau_desc: ["Officer's bureau when reported.", "Blank = Unknown."],
  officer_precinct_desc: ["Officer's assigned precinct or section when reported.", "Blank = Unknown."],
  officer_squad_desc: ["Officer's squad when reported.", "Blank = Unknown."],
  precinct: [
    "Precinct where the call was located.",
    "North/East/South/West/Southwest; UNKNOWN, '-' and blank = Unknown.",
  ],
  sector: ["Sector where the call was located.", "Upper case; blank = Unknown."],
  beat: ["Beat where the call was located.", "Codes like K2; blank = Unknown."],
};

const text = z.string().min(1).max(n.MAX_TEXT_LENGTH);
const flag = z.boolean();
const CrisisRecordSchema: z.ZodType<CrisisRecord> = z
  .object({
    templateId: text,
    reportedDate: z.date(),
    occurredAt: z.date().nullable(),
    callType: text,
    initialCallType: text,
    finalCallType: text,
    disposition: text,
    useOfForce: flag,
    subjectVeteran: text,
    citRequested: flag,
    citDispatched: flag,
    citArrived: flag,
    officerSourceId: text.nullable(),
    officerGender: text,
    officerRace: text,
    officerYearOfBirth: z.number().int().nullable(),
    officerYearsExperience: z.number().int().min(0).nullable(),
    citCertified: flag,
    officerBureau: text,
    officerPrecinct: text,
    officerSquad: text,
    precinct: text,
    sector: text,
    beat: text,
  })
  // An event cannot be reported more than a week before it occurred (a reversed or mistyped date).
  .refine((r) => !r.occurredAt || r.occurredAt.getTime() <= r.reportedDate.getTime() + 7 * 86_400_000, {
    message: "the occurred date is more than a week after the reported date",
    path: ["occurredAt"],
  });

const REQUIRED = new Set<CrisisField>([
  "template_id",
  "reported_date",
  "use_of_force_indicator",
  "officer_id",
  "disposition",
]);

const columns: readonly SourceColumnSpec<CrisisField>[] = CRISIS_FIELDS.map((f) => ({
  key: f.field,
  aliases: [f.display, f.field],
  required: REQUIRED.has(f.field),
  description: DESCRIPTIONS[f.field][0],
  normalisation: DESCRIPTIONS[f.field][1],
}));

export const seattleCrisis: SourceMapping<CrisisField, CrisisRecord> = {
  dataset: "seattle-crisis",
  title: "SPD Crisis Data",
  mappingVersion: "crisis-1",
  sourceName: "Seattle Police Department, Crisis Data (data.seattle.gov i2q9-thny)",
  sourceUrl: "https://data.seattle.gov/Public-Safety/Crisis-Data/i2q9-thny",
  api: { datasetId: "i2q9-thny", order: ":id" },
  // An assumption, not a published schedule: set SOURCE_CADENCE_DAYS when the city states one.
  cadence: { days: 45, label: "monthly" },
  officerIdSpace: "seattle-crisis",
  columns,
  recordSchema: CrisisRecordSchema,
  toRecord(raw) {
    try {
      const reportedDate = n.withTimeOfDay(n.wallClockDate(raw.reported_date, "Reported Date"), raw.reported_time);
      const yearOfBirth = n.optionalInt(raw.officer_year_of_birth, "Officer Year of Birth", 1930, 2010);
      const officer = (raw.officer_id ?? "").trim();
      return {
        ok: true,
        record: {
          templateId: n.requiredKey(raw.template_id, "Template ID"),
          reportedDate,
          occurredAt: n.optionalWallClockDate(raw.occured_date_time, "Occurred Date / Time"),
          callType: n.text(raw.call_type),
          initialCallType: n.text(raw.initial_call_type),
          finalCallType: n.text(raw.final_call_type),
          disposition: n.text(raw.disposition),
          useOfForce: n.yesNo(raw.use_of_force_indicator, "Use of Force Indicator"),
          subjectVeteran: n.text(raw.subject_veteran_indicator),
          citRequested: n.yesNo(raw.cit_officer_requested, "CIT Officer Requested"),
          citDispatched: n.yesNo(raw.cit_officer_dispatched, "CIT Officer Dispatched"),
          citArrived: n.yesNo(raw.cit_officer_arrived, "CIT Officer Arrived"),
          officerSourceId: n.isBlank(officer) || officer === "-9" ? null : officer,
          officerGender: n.text(raw.officer_gender),
          officerRace: n.text(raw.officer_race),
          officerYearOfBirth: yearOfBirth,
          officerYearsExperience: n.yearsOfExperience(
            raw.officer_years_of_experience,
            reportedDate.getUTCFullYear(),
            yearOfBirth,
          ),
          citCertified: n.yesOrBlank(raw.cit_certified_indicator, "CIT Certified Indicator"),
          officerBureau: n.text(raw.officer_bureau_desc),
          officerPrecinct: n.text(raw.officer_precinct_desc),
          officerSquad: n.text(raw.officer_squad_desc),
          precinct: n.precinct(raw.precinct),
          sector: n.sector(raw.sector),
          beat: n.beat(raw.beat),
        },
      };
    } catch (e) {
      if (e instanceof n.RowIssue) return { ok: false, reason: e.reason, detail: e.detail };
      throw e;
    }
  },
};

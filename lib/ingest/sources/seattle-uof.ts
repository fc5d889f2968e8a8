import { z } from "zod";
import { LABELS } from "@/lib/labels";
import * as n from "../normalise";
import type { SourceColumnSpec, SourceMapping } from "./types";

export const UOF_LEVELS: Record<string, number> = {
  "LEVEL 1 - USE OF FORCE": 1,
  "LEVEL 2 - USE OF FORCE": 2,
  "LEVEL 3 - USE OF FORCE": 3,
  "LEVEL 3 - OIS": 4,
};
/** Reader labels of the levels: lib/labels.ts, the one table. */
export const UOF_LEVEL_LABELS: Record<number, string> = LABELS.uofLevel;

type Key =
  | "id"
  | "incidentNum"
  | "incidentType"
  | "occurredAt"
  | "precinct"
  | "sector"
  | "beat"
  | "officerId"
  | "subjectId"
  | "subjectRace"
  | "subjectGender";

export interface UseOfForceRecord {
  sourceId: string;
  incidentNum: string;
  incidentType: string;
  level: number;
  occurredAt: Date;
  precinct: string;
  sector: string;
  beat: string;
  officerSourceId: string | null;
  subjectKey: string;
  subjectRace: string;
  subjectGender: string;
}

const text = z.string().min(1).max(n.MAX_TEXT_LENGTH);
const UseOfForceRecordSchema: z.ZodType<UseOfForceRecord> = z.object({
  sourceId: text,
  incidentNum: text,
  incidentType: text,
  level: z.number().int().min(1).max(4),
  occurredAt: z.date(),
  precinct: text,
  sector: text,
  beat: text,
  officerSourceId: text.nullable(),
  subjectKey: text,
  subjectRace: text,
  subjectGender: text,
});

const columns: readonly SourceColumnSpec<Key>[] = [
  {
    key: "id",
    aliases: ["ID", "uniqueid", "id"],
    required: true,
    description: "Unique ID of the row (one officer's force on one subject).",
    normalisation: "Required; duplicates within a file are quarantined.",
  },
  {
    key: "incidentNum",
    aliases: ["Incident_Num", "incident_num"],
    required: true,
    description: "Incident number; several rows share one incident when several officers or subjects are involved.",
    normalisation: "Required.",
  },
  {
    key: "incidentType",
    aliases: ["Incident_Type", "incident_type"],
    required: true,
    description: "Level of force: Level 1, Level 2, Level 3, Level 3 - OIS (officer-involved shooting).",
    normalisation: "Mapped to levels 1-4 (4 = Level 3 - OIS); other values are quarantined.",
  },
  {
    key: "occurredAt",
    aliases: ["Occured_date_time", "occured_date_time", "Occurred_date_time"],
    required: true,
    description: "Date and time the force occurred (Seattle local time).",
    normalisation: "Parsed from MM/dd/yyyy hh:mm:ss AM/PM or ISO; unparseable dates are quarantined.",
  },
  {
    key: "precinct",
    aliases: ["Precinct", "precinct"],
    required: true,
    description: "Precinct where the force occurred.",
    normalisation: "North/East/South/West/Southwest; OOJ = Out of jurisdiction; '-', 'X', '0' = Unknown.",
  },
  {
    key: "sector",
    aliases: ["Sector", "sector"],
    required: true,
    description: "Sector within the precinct.",
    normalisation: "Upper case; blank/'-' = Unknown; OOJ = Out of jurisdiction.",
  },
  {
    key: "beat",
    aliases: ["Beat", "beat"],
    required: true,
    description: "Beat within the sector.",
    normalisation: "Codes like K2; '-', '99', 'XX' = Unknown; OOJ = Out of jurisdiction.",
  },
  {
    key: "officerId",
    aliases: ["Officer_ID", "officer_id"],
    required: true,
    description: "Anonymised officer key of the Use of Force data (its own ID space).",
    normalisation: "-9 and blanks = officer not recorded.",
  },
  {
    key: "subjectId",
    aliases: ["Subject_ID", "subject_id"],
    required: true,
    description: "Anonymised subject key.",
    normalisation: "Blank = Unknown.",
  },
  {
    key: "subjectRace",
    aliases: ["Subject_Race", "subject_race"],
    required: true,
    description: "Subject race as recorded by the officer.",
    normalisation: "Kept as published; blank = Not Specified.",
  },
  {
    key: "subjectGender",
    aliases: ["Subject_Gender", "subject_gender"],
    required: true,
    description: "Subject gender as recorded by the officer.",
    normalisation: "Kept as published; '-', 'U' and blank = Unknown.",
  },
];

export const seattleUseOfForce: SourceMapping<Key, UseOfForceRecord> = {
  dataset: "seattle-uof",
  title: "SPD Use of Force",
  mappingVersion: "uof-1",
  sourceName: "Seattle Police Department, Use Of Force (data.seattle.gov ppi5-g2bj)",
  sourceUrl: "https://data.seattle.gov/Public-Safety/Use-Of-Force/ppi5-g2bj",
  api: { datasetId: "ppi5-g2bj", order: "id" },
  // An assumption, not a published schedule: set SOURCE_CADENCE_DAYS when the city states one.
  cadence: { days: 45, label: "monthly" },
  officerIdSpace: "seattle-uof",
  columns,
  uniqueKey: "id",
  recordSchema: UseOfForceRecordSchema,
  toRecord(raw) {
    try {
      const incidentType = n.requiredKey(raw.incidentType, "Incident_Type");
      const level = UOF_LEVELS[incidentType.toUpperCase().replace(/\s+/g, " ")];
      if (!level)
        throw new n.RowIssue(
          "unknown_code",
          `Incident_Type "${incidentType}" is not Level 1, Level 2, Level 3 or Level 3 - OIS`,
        );
      const officer = (raw.officerId ?? "").trim();
      const gender = n.text(raw.subjectGender);
      return {
        ok: true,
        record: {
          sourceId: n.requiredKey(raw.id, "ID"),
          incidentNum: n.requiredKey(raw.incidentNum, "Incident_Num"),
          incidentType,
          level,
          occurredAt: n.wallClockDate(raw.occurredAt, "Occured_date_time"),
          precinct: n.precinct(raw.precinct),
          sector: n.sector(raw.sector),
          beat: n.beat(raw.beat),
          officerSourceId: n.isBlank(officer) || officer === "-9" ? null : officer,
          subjectKey: n.text(raw.subjectId),
          subjectRace: n.isBlank(raw.subjectRace) ? "Not Specified" : n.text(raw.subjectRace),
          subjectGender: gender.toUpperCase() === "U" ? n.UNKNOWN : gender,
        },
      };
    } catch (e) {
      if (e instanceof n.RowIssue) return { ok: false, reason: e.reason, detail: e.detail };
      throw e;
    }
  },
};

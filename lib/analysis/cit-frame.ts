import type { Db } from "@/lib/db/client";
import { LABELS } from "@/lib/labels";
import { CALL_RISK_MAPPING_VERSION, CALL_RISK_REFERENCE, callRiskOf, type CallRiskGroup } from "./call-risk";
import type { CitExclusions, CitResults } from "./cit-types";

/**
 * The CIT models' frame: one row per contact (Template ID + Officer ID) of a Crisis Data version, with the
 * variables as the models use them. Exported as CSV (`analyze cit --export-design`) so anyone can refit it.
 */

export type Era = "before_2020" | "2020_and_after";
export const ERAS: readonly Era[] = ["before_2020", "2020_and_after"];

/** CIT modality. Seattle's data has only the certified indicator, so its contacts are "certified" or
 * "not_certified_or_unknown"; an agency that separates them can supply "trained_8h" and "none". */
export const BINARY_MODALITIES = ["not_certified_or_unknown", "certified"] as const;
export const THREE_LEVEL_MODALITIES = ["none", "trained_8h", "certified"] as const;
/** Reader labels of the modalities: lib/labels.ts, the one table. */
export const MODALITY_LABELS: Record<string, string> = LABELS.citModality;

export type CitFrameRow = {
  contact_id: string;
  officer_id: string;
  force: 0 | 1;
  cit_certified: 0 | 1;
  cit_modality: string;
  years_experience: number;
  call_risk_group: CallRiskGroup;
  precinct: string;
  officer_race: string;
  officer_gender: string;
  era: Era;
  disposition_group: string;
};

export const DESIGN_CSV_COLUMNS = [
  "contact_id",
  "officer_id",
  "force",
  "cit_certified",
  "years_experience",
  "call_risk_group",
  "precinct",
  "officer_race",
  "officer_gender",
  "era",
  "disposition_group",
] as const;

export interface CitFrame {
  versionId: number;
  versionLabel: string;
  synthetic: boolean;
  rows: CitFrameRow[];
  exclusions: CitExclusions;
  callRisk: CitResults["callRisk"];
}

export function eraOf(reportedDate: Date): Era {
  // Reported dates are Seattle wall-clock times stored as UTC: the UTC year is the local year.
  return reportedDate.getUTCFullYear() < 2020 ? "before_2020" : "2020_and_after";
}

/** Distinct contacts among quarantined source rows (their raw JSON keeps the source's template and officer IDs). */
function quarantinedContacts(raws: { raw: string }[]): number {
  const keys = new Set<string>();
  for (const { raw } of raws) {
    try {
      const r = JSON.parse(raw) as Record<string, string>;
      keys.add(`${(r.template_id ?? "").trim()}:${(r.officer_id ?? "").trim()}`);
    } catch {
      keys.add(`unparseable:${keys.size}`);
    }
  }
  return keys.size;
}

export async function loadCitFrame(db: Db, versionId: number): Promise<CitFrame> {
  const version = await db.datasetVersion.findUnique({ where: { id: versionId } });
  if (!version) throw new Error(`Dataset version ${versionId} does not exist`);
  if (version.dataset !== "seattle-crisis")
    throw new Error(`Dataset version ${versionId} is ${version.dataset}, not Crisis Data`);

  const contacts = await db.crisisContact.findMany({
    where: { versionId },
    select: {
      contactKey: true,
      officer: { select: { sourceId: true } },
      useOfForce: true,
      citCertified: true,
      officerYearsExperience: true,
      initialCallType: true,
      precinct: true,
      officerRace: true,
      officerGender: true,
      reportedDate: true,
      dispositionGroup: true,
    },
    orderBy: { id: "asc" },
  });
  const quarantined = await db.quarantinedRow.findMany({
    where: { versionId, reason: "impossible_experience" },
    select: { raw: true },
  });

  let missingOfficer = 0;
  let missingExperience = 0;
  let dispositionNotRecorded = 0;
  const riskCounts: Record<string, number> = {};
  const viaPrefix = new Map<string, { group: CallRiskGroup; contacts: number }>();
  const unmapped = new Map<string, number>();
  const rows: CitFrameRow[] = [];
  for (const c of contacts) {
    if (!c.officer) {
      missingOfficer++;
      continue;
    }
    if (c.officerYearsExperience === null) {
      missingExperience++;
      continue;
    }
    const risk = callRiskOf(c.initialCallType);
    riskCounts[risk.group] = (riskCounts[risk.group] ?? 0) + 1;
    if (risk.via === "prefix")
      viaPrefix.set(c.initialCallType, {
        group: risk.group,
        contacts: (viaPrefix.get(c.initialCallType)?.contacts ?? 0) + 1,
      });
    if (risk.via === "unmapped") unmapped.set(c.initialCallType, (unmapped.get(c.initialCallType) ?? 0) + 1);
    if (c.dispositionGroup === "unknown") dispositionNotRecorded++;
    rows.push({
      contact_id: c.contactKey,
      officer_id: c.officer.sourceId,
      force: c.useOfForce ? 1 : 0,
      cit_certified: c.citCertified ? 1 : 0,
      cit_modality: c.citCertified ? "certified" : "not_certified_or_unknown",
      years_experience: c.officerYearsExperience,
      call_risk_group: risk.group,
      precinct: c.precinct,
      officer_race: c.officerRace,
      officer_gender: c.officerGender,
      era: eraOf(c.reportedDate),
      disposition_group: c.dispositionGroup,
    });
  }

  const byCount = <T extends { contacts: number }>(a: T, b: T) => b.contacts - a.contacts;
  return {
    versionId,
    versionLabel: version.label,
    synthetic: version.synthetic,
    rows,
    exclusions: {
      contactsInVersion: contacts.length,
      quarantinedAtIngest: {
        reason: "impossible_experience",
        rows: quarantined.length,
        contacts: quarantinedContacts(quarantined),
        description:
          "Source rows whose officer years of experience was negative, over 55, or more than the years since the officer turned 18; quarantined at ingest and never loaded.",
      },
      excluded: [
        {
          reason: "missing_officer_id",
          contacts: missingOfficer,
          description: "No officer ID: the contact cannot be attributed to an officer or clustered by officer.",
        },
        {
          reason: "missing_experience",
          contacts: missingExperience,
          description: "Officer years of experience not recorded (blank in the source).",
        },
      ],
      dispositionNotRecorded,
    },
    callRisk: {
      mappingVersion: CALL_RISK_MAPPING_VERSION,
      reference: CALL_RISK_REFERENCE,
      counts: riskCounts,
      viaPrefix: [...viaPrefix].map(([initialCallType, v]) => ({ initialCallType, ...v })).sort(byCount),
      unmapped: [...unmapped].map(([initialCallType, contacts]) => ({ initialCallType, contacts })).sort(byCount),
    },
  };
}

/**
 * Rows of the exported design CSV (header first), in DESIGN_CSV_COLUMNS order. Data with the three-level modality
 * get a trailing cit_modality column (cit_certified alone cannot tell 8-hour training from none).
 */
export function designCsvRecords(rows: readonly CitFrameRow[]): (string | number)[][] {
  const threeLevel = rows.some((r) => r.cit_modality === "trained_8h" || r.cit_modality === "none");
  const columns: (keyof CitFrameRow)[] = threeLevel ? [...DESIGN_CSV_COLUMNS, "cit_modality"] : [...DESIGN_CSV_COLUMNS];
  return [columns, ...rows.map((r) => columns.map((c) => r[c]))];
}

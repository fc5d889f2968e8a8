import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { harmoniseRace, RACE_GROUPS, type RaceGroup, type RaceSource } from "./race-groups";

/**
 * Readers of the reference tables in the local data folder (never copied into the repository). Each result carries
 * the file name and its sha256, so a published rate names the exact census table and stop file it was divided by.
 */
export const ACS_FILE = "seattle-king-acs-dp05-2020.csv";
export const TRACT_FILE = "king-county-tracts-census2020-race.csv";
export const TERRY_FILES: { file: string; source: RaceSource; label: string }[] = [
  { file: "seattle-terry-stops-2015-2018.csv", source: "terry-2015-2018", label: "2015-2018" },
  { file: "seattle-terry-stops-2023.csv", source: "terry-2023", label: "2023" },
];
const SEATTLE_COLUMN = "Seattle city, Washington!!Estimate";

export const sha256FileSync = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const zeroGroups = () => Object.fromEntries(RACE_GROUPS.map((g) => [g, 0])) as Record<RaceGroup, number>;
const number = (s: string | undefined) => Number((s ?? "").replace(/[,\s]/g, ""));

export interface AcsPopulation {
  file: string;
  sha256: string;
  column: string;
  total: number;
  byGroup: Record<RaceGroup, number>;
  /** Male and Female residents (the census table has no other gender categories). */
  byGender: { Male: number; Female: number };
}

/** The Seattle city column of ACS DP05: the mutually exclusive "Hispanic or Latino and race" groups. */
export function readAcs(dataDir: string): AcsPopulation {
  const file = path.join(dataDir, ACS_FILE);
  const rows = parse(fs.readFileSync(file), { bom: true, columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  if (!rows[0] || !(SEATTLE_COLUMN in rows[0])) throw new Error(`${ACS_FILE}: no column "${SEATTLE_COLUMN}"`);
  const label = (r: Record<string, string>) => (r["Label (Grouping)"] ?? "").trim();
  const start = rows.findIndex((r) => label(r) === "HISPANIC OR LATINO AND RACE");
  if (start < 0) throw new Error(`${ACS_FILE}: no "HISPANIC OR LATINO AND RACE" block`);
  const block = rows.slice(start + 1);
  const value = (l: string, from = block) => {
    const row = from.find((r) => label(r) === l);
    if (!row) throw new Error(`${ACS_FILE}: no row "${l}"`);
    return number(row[SEATTLE_COLUMN]);
  };
  const nh = block.slice(block.findIndex((r) => label(r) === "Not Hispanic or Latino"));
  const byGroup = zeroGroups();
  byGroup["Hispanic/Latino"] = value("Hispanic or Latino (of any race)");
  for (const name of [
    "White alone",
    "Black or African American alone",
    "American Indian and Alaska Native alone",
    "Asian alone",
    "Native Hawaiian and Other Pacific Islander alone",
    "Some other race alone",
    "Two or more races",
  ]) {
    byGroup[harmoniseRace("acs", `Not Hispanic or Latino: ${name}`)] += value(name, nh);
  }
  return {
    file: ACS_FILE,
    sha256: sha256FileSync(file),
    column: SEATTLE_COLUMN,
    total: value("Total population"),
    byGroup,
    byGender: { Male: value("Male", rows), Female: value("Female", rows) },
  };
}

export interface TractTableInfo {
  file: string;
  sha256: string;
  tracts: number;
  variables: string[];
}

/** Provenance only: the tract table is read to state why it is not the denominator (see lib/community/compute.ts). */
export function readTractInfo(dataDir: string): TractTableInfo | null {
  const file = path.join(dataDir, TRACT_FILE);
  if (!fs.existsSync(file)) return null;
  const rows = parse(fs.readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
  return {
    file: TRACT_FILE,
    sha256: sha256FileSync(file),
    tracts: new Set(rows.map((r) => r.GEOID)).size,
    variables: [...new Set(rows.map((r) => r.variable ?? ""))].sort(),
  };
}

export interface TerryStops {
  file: string;
  label: string;
  sha256: string;
  rows: number;
  distinctStops: number;
  duplicateRows: number;
  /** First and last Reported Date (YYYY-MM-DD). */
  from: string;
  to: string;
  byGroup: Record<RaceGroup, number>;
  byLabel: Record<string, number>;
}

/** Distinct Terry Stop IDs by harmonised perceived race (a duplicated ID keeps its first row). */
export function readTerryStops(dataDir: string, spec: (typeof TERRY_FILES)[number]): TerryStops {
  const file = path.join(dataDir, spec.file);
  const rows = parse(fs.readFileSync(file), { bom: true, columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const seen = new Set<string>();
  const byGroup = zeroGroups();
  const byLabel: Record<string, number> = {};
  let from = "9999";
  let to = "0000";
  for (const r of rows) {
    const id = r["Terry Stop ID"] ?? "";
    const date = (r["Reported Date"] ?? "").slice(0, 10);
    if (date < from) from = date;
    if (date > to) to = date;
    if (seen.has(id)) continue;
    seen.add(id);
    const race = (r["Subject Perceived Race"] ?? "").trim();
    byLabel[race] = (byLabel[race] ?? 0) + 1;
    byGroup[harmoniseRace(spec.source, race)] += 1;
  }
  return {
    file: spec.file,
    label: spec.label,
    sha256: sha256FileSync(file),
    rows: rows.length,
    distinctStops: seen.size,
    duplicateRows: rows.length - seen.size,
    from,
    to,
    byGroup,
    byLabel,
  };
}

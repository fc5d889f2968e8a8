import { LABELS } from "@/lib/labels";

/**
 * The ONE harmonisation table for race and ethnicity labels. Use of Force, the two Terry stop files and the census use
 * different labels; every rate and ratio on the community page goes through this table, and the page renders it, so a
 * reader can check each choice. Labels not listed map to "Other/Unknown/Not specified" (and are reported as such).
 */
export const RACE_GROUPS = [
  "White",
  "Black",
  "Hispanic/Latino",
  "Asian",
  "AIAN",
  "NHPI",
  "Multiracial",
  "Other/Unknown/Not specified",
] as const;
export type RaceGroup = (typeof RACE_GROUPS)[number];

/** Column keys of the groups in chart tables and aggregate CSVs: identifiers like every other chart's keys (the group
 * names contain '/' and spaces, which made awkward CSV headers and JSON keys). */
export const GROUP_KEYS: Record<RaceGroup, string> = {
  White: "white",
  Black: "black",
  "Hispanic/Latino": "hispanicLatino",
  Asian: "asian",
  AIAN: "aian",
  NHPI: "nhpi",
  Multiracial: "multiracial",
  "Other/Unknown/Not specified": "otherUnknown",
};
export const UNKNOWN_GROUP: RaceGroup = "Other/Unknown/Not specified";

/** Groups for which a rate against a benchmark means something (the residual group mixes "unknown" with "other"). */
export const RATED_GROUPS = RACE_GROUPS.filter((g) => g !== UNKNOWN_GROUP);

/** Reader labels of the groups: lib/labels.ts, the one table. */
export const GROUP_NAMES: Record<RaceGroup, string> = LABELS.raceGroup;

export type RaceSource = "uof" | "terry-2015-2018" | "terry-2023" | "acs";
export const SOURCE_NAMES: Record<RaceSource, string> = {
  uof: "Use of Force (Subject_Race)",
  "terry-2015-2018": "Terry stops 2015-2018 (Subject Perceived Race)",
  "terry-2023": "Terry stops 2023 (Subject Perceived Race)",
  acs: "ACS 2020 DP05, Seattle city (Hispanic or Latino and race)",
};

export interface RaceMapping {
  source: RaceSource;
  label: string;
  group: RaceGroup;
  reason: string;
}

const ACS_NH = "Non-Hispanic, so the census groups are mutually exclusive and add up to the total population.";
export const RACE_HARMONISATION: RaceMapping[] = [
  { source: "uof", label: "White", group: "White", reason: "Same category." },
  { source: "uof", label: "Black or African American", group: "Black", reason: "Same category." },
  {
    source: "uof",
    label: "Hispanic or Latino",
    group: "Hispanic/Latino",
    reason:
      "Recorded as one category in place of a race, so it is compared with Hispanic or Latino residents of any race.",
  },
  { source: "uof", label: "Asian", group: "Asian", reason: "Same category." },
  { source: "uof", label: "American Indian/Alaska Native", group: "AIAN", reason: "Same category." },
  { source: "uof", label: "Nat Hawaiian/Oth Pac Islander", group: "NHPI", reason: "Same category." },
  { source: "uof", label: "Two or More Races", group: "Multiracial", reason: "Same category." },
  {
    source: "uof",
    label: "Not Specified",
    group: UNKNOWN_GROUP,
    reason: "Race not recorded: kept and counted, never spread over the other groups; no rate is computed for it.",
  },
  { source: "terry-2015-2018", label: "White", group: "White", reason: "Same category (perceived by the officer)." },
  {
    source: "terry-2015-2018",
    label: "Black",
    group: "Black",
    reason: "The older file's label for Black or African American.",
  },
  {
    source: "terry-2015-2018",
    label: "Hispanic",
    group: "Hispanic/Latino",
    reason: "Recorded in place of a race, as in Use of Force.",
  },
  {
    source: "terry-2015-2018",
    label: "Asian",
    group: "Asian",
    reason: "Same category; this file has no separate Pacific Islander label, so some NHPI people may be here.",
  },
  {
    source: "terry-2015-2018",
    label: "American Indian / Alaskan Native",
    group: "AIAN",
    reason: "Same category, different spelling.",
  },
  {
    source: "terry-2015-2018",
    label: "Multi-Racial",
    group: "Multiracial",
    reason: "Same category, different spelling.",
  },
  { source: "terry-2015-2018", label: "Other", group: UNKNOWN_GROUP, reason: "No matching group in Use of Force." },
  { source: "terry-2015-2018", label: "Unknown", group: UNKNOWN_GROUP, reason: "Race not recorded." },
  { source: "terry-2015-2018", label: "-", group: UNKNOWN_GROUP, reason: "Placeholder for a missing value." },
  { source: "terry-2023", label: "White", group: "White", reason: "Same category (perceived by the officer)." },
  { source: "terry-2023", label: "Black or African American", group: "Black", reason: "Same category." },
  { source: "terry-2023", label: "Asian", group: "Asian", reason: "Same category." },
  {
    source: "terry-2023",
    label: "American Indian or Alaska Native",
    group: "AIAN",
    reason: "Same category, different spelling.",
  },
  {
    source: "terry-2023",
    label: "Native Hawaiian or Other Pacific Islander",
    group: "NHPI",
    reason: "Same category, different spelling.",
  },
  {
    source: "terry-2023",
    label: "Hispanic",
    group: "Hispanic/Latino",
    reason:
      "Not present in the 2023 file: Hispanic people are recorded under a race, so no Hispanic/Latino benchmark can be computed for 2023.",
  },
  {
    source: "terry-2023",
    label: "Multi-Racial",
    group: "Multiracial",
    reason: "Listed for completeness; not present in the 2023 file.",
  },
  { source: "terry-2023", label: "Other", group: UNKNOWN_GROUP, reason: "No matching group in Use of Force." },
  { source: "terry-2023", label: "Unknown", group: UNKNOWN_GROUP, reason: "Race not recorded." },
  { source: "terry-2023", label: "-", group: UNKNOWN_GROUP, reason: "Placeholder for a missing value." },
  { source: "acs", label: "Not Hispanic or Latino: White alone", group: "White", reason: ACS_NH },
  { source: "acs", label: "Not Hispanic or Latino: Black or African American alone", group: "Black", reason: ACS_NH },
  {
    source: "acs",
    label: "Hispanic or Latino (of any race)",
    group: "Hispanic/Latino",
    reason: "All Hispanic or Latino residents, whatever their race, matching how Use of Force records Hispanic people.",
  },
  { source: "acs", label: "Not Hispanic or Latino: Asian alone", group: "Asian", reason: ACS_NH },
  {
    source: "acs",
    label: "Not Hispanic or Latino: American Indian and Alaska Native alone",
    group: "AIAN",
    reason: ACS_NH,
  },
  {
    source: "acs",
    label: "Not Hispanic or Latino: Native Hawaiian and Other Pacific Islander alone",
    group: "NHPI",
    reason: ACS_NH,
  },
  { source: "acs", label: "Not Hispanic or Latino: Two or more races", group: "Multiracial", reason: ACS_NH },
  {
    source: "acs",
    label: "Not Hispanic or Latino: Some other race alone",
    group: UNKNOWN_GROUP,
    reason: "Counted in the total population; no Use of Force label matches it, so no rate.",
  },
];

const INDEX = new Map(RACE_HARMONISATION.map((m) => [`${m.source}|${m.label.trim().toLowerCase()}`, m.group]));

/** The common group of a source label; unlisted labels fall into the residual group rather than being dropped. */
export function harmoniseRace(source: RaceSource, label: string): RaceGroup {
  return INDEX.get(`${source}|${label.trim().toLowerCase()}`) ?? UNKNOWN_GROUP;
}

import { METHODOLOGY_VERSION } from "./results";

export interface MethodologyEntry {
  version: string;
  date: string;
  changes: string[];
}

/**
 * Each change to how figures are computed, newest first. Bump METHODOLOGY_VERSION with every entry. Every release
 * records this list as it stood (lib/pipeline/releases.ts), so a page pinned to a release shows the methodology text
 * of that release even after an entry is reworded here.
 */
export const METHODOLOGY_CHANGELOG: MethodologyEntry[] = [
  {
    version: METHODOLOGY_VERSION,
    date: "2026-12-03",
    changes: [
      "Small counts: reliability policy instead of suppression. Nothing is withheld (the row-level sources are public, so withheld cells could be recovered from totals, shares and other tables); counts below the small-count threshold, and rates whose numerator or denominator is below it, are shown and flagged unstable in an `unstable` column of every chart table, CSV and API answer.",
      "Partial periods (the data start or end inside them) are flagged in a `coverage` column, drawn lighter, and never used as the baseline or the latest figure of a comparison.",
      "Shares and other non-integer values in downloads are rounded to 6 significant digits; every chart row carries `data_status` (real, synthetic or mixed).",
      "Community rate trend: the 2023 Terry-stop window is no longer listed as a second, partial 2023.",
    ],
  },
  {
    version: "2026.11-1",
    date: "2026-11-24",
    changes: [
      "First published methodology: crisis contacts counted by Template ID (one row per disposition in the source); contacts keyed by Template ID + Officer ID for models.",
      "Use-of-force incidents counted once by Incident_Num at their most serious level, at the time and place of their earliest record.",
      "Rates with 95% Wilson intervals; counts below the small-count threshold withheld in public views.",
      "Disposition groups: arrest > emergent detention > referral to services > no action (table on this page).",
    ],
  },
];

/**
 * The methodology text a release showed: the changelog it recorded, or, for a release made before releases
 * recorded it, this list from the release's version down (entries are only ever added on top).
 */
export function methodologyAt(version: string, recorded?: MethodologyEntry[]): MethodologyEntry[] {
  if (recorded?.length) return recorded;
  const i = METHODOLOGY_CHANGELOG.findIndex((e) => e.version === version);
  return i < 0 ? [] : METHODOLOGY_CHANGELOG.slice(i);
}

/** Entries of the current changelog newer than a release's version: what changed in the method since it. */
export function methodologySince(version: string): MethodologyEntry[] {
  const i = METHODOLOGY_CHANGELOG.findIndex((e) => e.version === version);
  return i < 0 ? [...METHODOLOGY_CHANGELOG] : METHODOLOGY_CHANGELOG.slice(0, i);
}

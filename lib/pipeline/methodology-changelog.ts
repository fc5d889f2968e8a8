import { METHODOLOGY_VERSION } from "./results";

/** Each change to how figures are computed, newest first. Bump METHODOLOGY_VERSION with every entry. */
export const METHODOLOGY_CHANGELOG: { version: string; date: string; changes: string[] }[] = [
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

import { METHODOLOGY_VERSION } from "./results";

/** Each change to how figures are computed, newest first. Bump METHODOLOGY_VERSION with every entry. */
export const METHODOLOGY_CHANGELOG: { version: string; date: string; changes: string[] }[] = [
  {
    version: METHODOLOGY_VERSION,
    date: "2026-11-24",
    changes: [
      "First published methodology: crisis contacts counted by Template ID (one row per disposition in the source); contacts keyed by Template ID + Officer ID for models.",
      "Use-of-force incidents counted once by Incident_Num at their most serious level, at the time and place of their earliest record.",
      "Rates with 95% Wilson intervals; counts below the small-count threshold withheld in public views.",
      "Disposition groups: arrest > emergent detention > referral to services > no action (table on this page).",
    ],
  },
];

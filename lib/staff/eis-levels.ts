import { UOF_LEVEL_LABELS } from "@/lib/ingest/sources/seattle-uof";

/** A force level in words (0 = present without using force, which Seattle's data does not record). */
export const levelLabel = (level: number) =>
  level === 0 ? "Present, no force" : (UOF_LEVEL_LABELS[level] ?? `Level ${level}`);

/** An incident named as a supervisor would: "Feb 3, 2026, Level 2 - Use of Force, West" (not by its report numbers). */
export function incidentName(occurredAt: string, level: number, precinct: string | null): string {
  const day = new Date(occurredAt).toLocaleDateString("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  return `${day}, ${levelLabel(level)}, ${precinct ? `${precinct} precinct` : "precinct not recorded"}`;
}

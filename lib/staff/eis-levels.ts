import { UOF_LEVEL_LABELS } from "@/lib/ingest/sources/seattle-uof";

/** A force level in words (0 = present without using force, which Seattle's data does not record). */
export const levelLabel = (level: number) => (level === 0 ? "Present, no force" : (UOF_LEVEL_LABELS[level] ?? `Level ${level}`));

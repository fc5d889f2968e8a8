import { seattleCrisis } from "./seattle-crisis";
import { seattleUseOfForce } from "./seattle-uof";

/** Every source the pipeline knows. Another city's data is one more mapping module added here. */
export const SOURCES = { "seattle-uof": seattleUseOfForce, "seattle-crisis": seattleCrisis } as const;
export type SourceKey = keyof typeof SOURCES;
export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];

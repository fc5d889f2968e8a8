import { z } from "zod";
import type { EisConfig } from "./types";

/**
 * Bumped whenever a definition, a default or the model changes, so that stored runs say which method produced them.
 * Method notes: docs/eis-methods.md.
 */
export const EIS_METHOD_VERSION = "eis-4";

/** Every field is set: `EisConfig`'s optional fields are optional only so that older stored configs still parse. */
export type ResolvedEisConfig = Required<EisConfig>;

export const DEFAULT_EIS_CONFIG: ResolvedEisConfig = {
  // The definition (taken from the LA County EIS): a short window keeps the incident-based score about
  // current behaviour; the flag's minimum of qualifying incidents guards against one-off noise.
  incidentWindowMonths: 1,
  // Twice the incident window: the same subject rarely meets several officers within one month.
  subjectWindowMonths: 2,
  // The issue: engagement counts only officers with an incident in the past year.
  engagementWindowMonths: 12,
  // Seattle officers average fewer than two force incidents a year: six months is the shortest window in which the
  // counts are not mostly 0 or 1, yet short enough to describe recent activity.
  volumeWindowMonths: 6,
  // Peers for the volume score are the officers with an incident in the precinct in the past year, so that officers
  // with no incident in the six-month window count as zeros (the data has no roster of officers who used no force).
  volumePeerWindowMonths: 12,
  // Below ten peers the gamma-Poisson prior's variance is not estimable with any stability; no volume score then.
  volumeMinPeers: 10,
  // Few Seattle incidents carry information for the model (2+ officers at different levels): ~50 a year. Measured
  // on the real file (docs/eis-methods.md): with 24 months the largest peer network had 43-189 officers depending on
  // the date, with 36 months 240-285, so 36 months puts most scored officers among comparable peers. A run takes
  // under half a second.
  escalationWindowMonths: 36,
  // The thresholds: a score of 1.0 (one force level above the others, on average) over at least 3 incidents
  // or subjects.
  minQualifying: 3,
  scoreThreshold: 1.0,
  // Ridgeway (2025) lists officers whose posterior probability of being in the top 5% of their peers exceeds 0.8.
  pTop5Threshold: 0.8,
  // Benjamini-Hochberg false-discovery rate for the volume flag: 5% of flagged officers expected to be false alarms.
  volumeFdr: 0.05,
  // Ridgeway (2025): N(0, 1) on each officer's propensity keeps officers with few incidents near the middle.
  priorSd: 1,
  // "Top 5%" of fewer than 20 officers is the single highest one; such small networks cannot support a flag.
  escalationMinPeerGroup: 20,
  // Draws from the approximate posterior for pTop5: Monte Carlo error <= 0.011 (sd of a proportion at 0.5 / sqrt(2000)).
  posteriorDraws: 2000,
  // Fixed seed: the same data and configuration always give the same pTop5 (reproducible runs).
  seed: "eis",
};

const months = (max: number) => z.number().int().min(1).max(max);

/** Overrides of the defaults (e.g. from `eis run --config PATH`); unknown keys are refused so that typos are not ignored. */
export const EisConfigSchema = z
  .object({
    incidentWindowMonths: months(24),
    subjectWindowMonths: months(24),
    engagementWindowMonths: months(60),
    volumeWindowMonths: months(60),
    volumePeerWindowMonths: months(60),
    volumeMinPeers: z.number().int().min(2).max(10_000),
    escalationWindowMonths: months(240),
    minQualifying: z.number().int().min(1).max(1000),
    scoreThreshold: z.number().finite(),
    pTop5Threshold: z.number().min(0).max(1),
    volumeFdr: z.number().gt(0).lt(1),
    priorSd: z.number().gt(0).max(100),
    escalationMinPeerGroup: z.number().int().min(2).max(100_000),
    posteriorDraws: z.number().int().min(100).max(100_000),
    seed: z.string().min(1).max(200),
  })
  .partial()
  .strict();

export type EisConfigOverrides = z.infer<typeof EisConfigSchema>;

/** The defaults with the given overrides (validated); throws a ZodError naming the bad field. */
export function resolveEisConfig(overrides: unknown = {}): ResolvedEisConfig {
  const parsed = EisConfigSchema.parse(overrides ?? {});
  const config = { ...DEFAULT_EIS_CONFIG, ...parsed };
  if (config.volumePeerWindowMonths < config.volumeWindowMonths) {
    throw new z.ZodError([
      {
        code: "custom",
        path: ["volumePeerWindowMonths"],
        message: "must be at least volumeWindowMonths",
        input: config.volumePeerWindowMonths,
      },
    ]);
  }
  return config;
}

/**
 * An officer's trend across recent EIS runs (pure). `runs` is newest first and starts with the run being shown; an
 * officer who was not scored in a run (no force in its windows) counts as not flagged in it.
 */
export const TREND_RUNS = 4;

export interface RunSnapshot {
  runId: number;
  byOfficer: ReadonlyMap<string, { flagged: boolean; incidentScore: number | null }>;
}

export interface OfficerTrend {
  /** Flagged in this many of the last `recentRuns` runs (this one included). */
  flaggedRecent: number;
  recentRuns: number;
  /** This run's incident score minus the previous run's; null when either is not computable. */
  incidentScoreChange: number | null;
  /** Flagged now and not in the previous run. */
  newFlag: boolean;
}

export function officerTrend(officerId: string, runs: readonly RunSnapshot[], depth = TREND_RUNS): OfficerTrend {
  const recent = runs.slice(0, depth);
  const now = recent[0]?.byOfficer.get(officerId);
  const before = recent[1]?.byOfficer.get(officerId);
  const change =
    now?.incidentScore != null && before?.incidentScore != null ? now.incidentScore - before.incidentScore : null;
  return {
    flaggedRecent: recent.filter((r) => r.byOfficer.get(officerId)?.flagged).length,
    recentRuns: recent.length,
    incidentScoreChange: change,
    newFlag: Boolean(now?.flagged) && recent.length > 1 && !before?.flagged,
  };
}

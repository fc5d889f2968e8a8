/**
 * Odds and probabilities for the explainers: pure arithmetic, so that every sentence of the kind "13% higher odds
 * means about x more per 1,000" is computed from the current figures, never typed in.
 */
export const oddsOf = (p: number) => p / (1 - p);
export const probabilityOf = (odds: number) => odds / (1 + odds);

/** The probability after multiplying the odds of a baseline probability by an odds ratio. */
export function applyOddsRatio(baseline: number, oddsRatio: number): number {
  return probabilityOf(oddsOf(baseline) * oddsRatio);
}

/** How many more (or fewer) events per 1,000 an odds ratio means at a baseline probability. */
export function extraPerThousand(baseline: number, oddsRatio: number): number {
  return (applyOddsRatio(baseline, oddsRatio) - baseline) * 1000;
}

/** "13% higher odds" / "20% lower odds" */
export function describeOddsRatio(oddsRatio: number): string {
  const pctChange = Math.round(Math.abs(oddsRatio - 1) * 100);
  return oddsRatio >= 1 ? `${pctChange}% higher odds` : `${pctChange}% lower odds`;
}

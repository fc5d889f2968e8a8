import { wilson } from "@/lib/stats/wilson";

/**
 * "How well the EIS works" (pure; lib/dal/staff-eis-accuracy.ts feeds it). For a past run and a follow-up of k
 * months, an officer has the outcome when they have at least one Level 2 or higher Use of Force row (Level 2,
 * Level 3, Level 3 - OIS) with occurredAt in [asOf, asOf + k months). Only officers scored in the run count.
 * A follow-up counts only when it lies entirely inside the data: asOf + k months <= the day after the data's last
 * incident. Then:
 *   precision = flagged with the outcome / flagged;
 *   recall = flagged with the outcome / all scored officers with the outcome;
 *   the rates among flagged and not flagged officers, and the base rate among all scored officers.
 */
export const OUTCOME_MIN_LEVEL = 2;
export const FOLLOW_UP_MONTHS = [6, 12] as const;

const DAY_MS = 86_400_000;

/** Calendar months added in UTC; a day the target month lacks becomes its last day (Jan 31 + 1 month = Feb 28). */
export function addMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)) + (date.getTime() % DAY_MS));
}

/** The first day the data does not cover: the day after its last incident. */
export const dataEndExclusive = (lastIncident: Date) =>
  new Date(Date.UTC(lastIncident.getUTCFullYear(), lastIncident.getUTCMonth(), lastIncident.getUTCDate()) + DAY_MS);

export const followUpComplete = (asOf: Date, months: number, lastIncident: Date) =>
  addMonthsUtc(asOf, months).getTime() <= dataEndExclusive(lastIncident).getTime();

export interface Rate {
  rate: number;
  low: number;
  high: number;
}

export interface FollowUpMetrics {
  months: number;
  flagged: number;
  flaggedWithOutcome: number;
  notFlagged: number;
  notFlaggedWithOutcome: number;
  /** Among flagged officers: the share with the outcome (= precision). */
  precision: Rate | null;
  /** Among officers with the outcome: the share that was flagged. */
  recall: Rate | null;
  rateNotFlagged: Rate | null;
  baseRate: Rate | null;
}

/**
 * Follow-up metrics of one run. `scored` lists the run's officers (Officer.id) and whether each was flagged;
 * `outcomeDates(officerId)` returns that officer's Level 2+ incident times (any order).
 */
export function followUpMetrics(
  asOf: Date,
  months: number,
  scored: readonly { officerId: number; flagged: boolean }[],
  outcomeDates: (officerId: number) => readonly Date[],
): FollowUpMetrics {
  const start = asOf.getTime();
  const end = addMonthsUtc(asOf, months).getTime();
  let flagged = 0;
  let flaggedWithOutcome = 0;
  let notFlagged = 0;
  let notFlaggedWithOutcome = 0;
  for (const o of scored) {
    const outcome = outcomeDates(o.officerId).some((d) => d.getTime() >= start && d.getTime() < end);
    if (o.flagged) {
      flagged++;
      if (outcome) flaggedWithOutcome++;
    } else {
      notFlagged++;
      if (outcome) notFlaggedWithOutcome++;
    }
  }
  return {
    months,
    flagged,
    flaggedWithOutcome,
    notFlagged,
    notFlaggedWithOutcome,
    precision: wilson(flaggedWithOutcome, flagged),
    recall: wilson(flaggedWithOutcome, flaggedWithOutcome + notFlaggedWithOutcome),
    rateNotFlagged: wilson(notFlaggedWithOutcome, notFlagged),
    baseRate: wilson(flaggedWithOutcome + notFlaggedWithOutcome, flagged + notFlagged),
  };
}

export interface ReviewTally {
  flagsRaised: number;
  reviewed: number;
  confirmed: number;
  dismissed: number;
  interventionRecommended: number;
}

/** Review outcomes of one run's flags: the latest review of each flag decides (reviews are never edited). */
export function tallyReviews(
  flaggedScoreIds: readonly number[],
  latestReview: ReadonlyMap<number, { flagDecision: string; interventionRecommended: boolean }>,
): ReviewTally {
  const tally: ReviewTally = {
    flagsRaised: flaggedScoreIds.length,
    reviewed: 0,
    confirmed: 0,
    dismissed: 0,
    interventionRecommended: 0,
  };
  for (const id of flaggedScoreIds) {
    const review = latestReview.get(id);
    if (!review) continue;
    tally.reviewed++;
    if (review.flagDecision === "agree") tally.confirmed++;
    else tally.dismissed++;
    if (review.interventionRecommended) tally.interventionRecommended++;
  }
  return tally;
}

/** Pooled over runs (sums of counts). The same officer counts once per run, so no interval is given. */
export function pooled(metrics: readonly FollowUpMetrics[]): {
  runs: number;
  flagged: number;
  flaggedWithOutcome: number;
  notFlagged: number;
  notFlaggedWithOutcome: number;
  precision: number | null;
  recall: number | null;
  rateNotFlagged: number | null;
  baseRate: number | null;
} {
  const sum = (f: (m: FollowUpMetrics) => number) => metrics.reduce((s, m) => s + f(m), 0);
  const flagged = sum((m) => m.flagged);
  const flaggedWithOutcome = sum((m) => m.flaggedWithOutcome);
  const notFlagged = sum((m) => m.notFlagged);
  const notFlaggedWithOutcome = sum((m) => m.notFlaggedWithOutcome);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    runs: metrics.length,
    flagged,
    flaggedWithOutcome,
    notFlagged,
    notFlaggedWithOutcome,
    precision: ratio(flaggedWithOutcome, flagged),
    recall: ratio(flaggedWithOutcome, flaggedWithOutcome + notFlaggedWithOutcome),
    rateNotFlagged: ratio(notFlaggedWithOutcome, notFlagged),
    baseRate: ratio(flaggedWithOutcome + notFlaggedWithOutcome, flagged + notFlagged),
  };
}

import { addMonthsUtc, dataEndExclusive } from "./eis-accuracy";

/**
 * What happened after an intervention (pure; lib/dal/staff-eis-interventions.ts feeds it from the Use of Force data
 * when a page is read). For a completed intervention and a horizon of h months: the officer's incidents (EIS
 * incidents where they used force) in the h months before the completion date and in the h months from it, and how
 * many of them were Level 2 or higher. A horizon counts only when its "after" period ends inside the data.
 *
 * The department-wide aggregate (accuracy page) takes each officer's first completed intervention, averages the
 * per-month rates, and withholds any horizon with fewer than MIN_AGGREGATE_N officers: a handful of officers could be
 * recognised by staff who know who had an intervention, and says little anyway.
 */
export const OUTCOME_HORIZONS = [3, 6, 12] as const;
export type Horizon = (typeof OUTCOME_HORIZONS)[number];
export const MIN_AGGREGATE_N = 5;
export const SERIOUS_LEVEL = 2;

export interface OfficerIncident {
  /** Incident start. */
  at: Date;
  /** The officer's highest level there. */
  level: number;
}

export interface PeriodCounts {
  incidents: number;
  serious: number;
  /** serious / incidents; null without incidents. */
  seriousShare: number | null;
}

export interface HorizonOutcome {
  months: Horizon;
  before: PeriodCounts;
  after: PeriodCounts;
}

export interface InterventionFollowUp {
  /** One per horizon; null where the "after" period is not yet inside the data. */
  horizons: Record<Horizon, HorizonOutcome | null>;
}

function counts(incidents: readonly OfficerIncident[], start: Date, end: Date): PeriodCounts {
  const inside = incidents.filter((i) => i.at >= start && i.at < end);
  const serious = inside.filter((i) => i.level >= SERIOUS_LEVEL).length;
  return { incidents: inside.length, serious, seriousShare: inside.length ? serious / inside.length : null };
}

export function followUp(
  completedOn: Date,
  incidents: readonly OfficerIncident[],
  lastIncident: Date | null,
): InterventionFollowUp {
  const end = lastIncident ? dataEndExclusive(lastIncident) : null;
  const horizons = Object.fromEntries(
    OUTCOME_HORIZONS.map((h) => {
      const after = addMonthsUtc(completedOn, h);
      if (!end || after.getTime() > end.getTime()) return [h, null];
      return [
        h,
        {
          months: h,
          before: counts(incidents, addMonthsUtc(completedOn, -h), completedOn),
          after: counts(incidents, completedOn, after),
        },
      ];
    }),
  ) as Record<Horizon, HorizonOutcome | null>;
  return { horizons };
}

export interface HorizonAggregate {
  months: Horizon;
  /** Officers whose first completed intervention has this horizon inside the data. */
  n: number;
  /** False when n < MIN_AGGREGATE_N: the rates are then null. */
  shown: boolean;
  incidentsPerMonth: { before: number; after: number } | null;
  seriousPerMonth: { before: number; after: number } | null;
  /** Pooled share of incidents at Level 2+ (sum of serious / sum of incidents). */
  seriousShare: { before: number | null; after: number | null } | null;
}

export function aggregate(
  outcomes: readonly InterventionFollowUp[],
  minN = MIN_AGGREGATE_N,
): Record<Horizon, HorizonAggregate> {
  return Object.fromEntries(
    OUTCOME_HORIZONS.map((h) => {
      const rows = outcomes.map((o) => o.horizons[h]).filter((x): x is HorizonOutcome => x !== null);
      const n = rows.length;
      if (n < minN || n === 0)
        return [h, { months: h, n, shown: false, incidentsPerMonth: null, seriousPerMonth: null, seriousShare: null }];
      const mean = (f: (r: HorizonOutcome) => number) => rows.reduce((s, r) => s + f(r), 0) / n / h;
      const sum = (f: (r: HorizonOutcome) => number) => rows.reduce((s, r) => s + f(r), 0);
      const share = (a: number, b: number) => (b > 0 ? a / b : null);
      return [
        h,
        {
          months: h,
          n,
          shown: true,
          incidentsPerMonth: { before: mean((r) => r.before.incidents), after: mean((r) => r.after.incidents) },
          seriousPerMonth: { before: mean((r) => r.before.serious), after: mean((r) => r.after.serious) },
          seriousShare: {
            before: share(
              sum((r) => r.before.serious),
              sum((r) => r.before.incidents),
            ),
            after: share(
              sum((r) => r.after.serious),
              sum((r) => r.after.incidents),
            ),
          },
        },
      ];
    }),
  ) as Record<Horizon, HorizonAggregate>;
}

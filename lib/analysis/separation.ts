import type { Design } from "./design";

/** How a fit ended. Anything but "converged" means some estimates must not be read as maximum-likelihood ones. */
export type FitStatus = "converged" | "separation" | "not_converged" | "singular";

export interface SeparationItem {
  /** The column (term) whose coefficient has no finite maximum-likelihood estimate. */
  column: string;
  /** For a multinomial fit: the outcome whose coefficient diverges (null for a binary fit). */
  outcome: string | null;
  detail: string;
}

/**
 * Exact check for the common kind of (quasi-)complete separation: an indicator (0/1) column, such as a factor
 * level or an interaction of dummies, whose observations all fall in some outcomes and never in another. Then
 * that column's coefficient runs off to minus (or plus) infinity and no finite estimate exists.
 *
 * For a binary outcome ("0"/"1"), a level without events or without non-events. For a multinomial outcome, a level
 * that never has some outcome (that outcome's coefficient -> -inf), or never the reference outcome (all of the
 * level's coefficients -> +inf).
 */
export function indicatorSeparation(
  d: Design,
  outcomeOf: (i: number) => string,
  outcomes: readonly string[],
  reference: string,
): SeparationItem[] {
  const items: SeparationItem[] = [];
  const { X, n, p } = d;
  for (let j = 0; j < p; j++) {
    const c = d.columns[j]!;
    if (c.kind === "intercept") continue;
    let indicator = true;
    let count = 0;
    const byOutcome = new Map<string, number>(outcomes.map((o) => [o, 0]));
    for (let i = 0; i < n; i++) {
      const v = X[i * p + j]!;
      if (v === 0) continue;
      if (v !== 1) {
        indicator = false;
        break;
      }
      count++;
      const o = outcomeOf(i);
      byOutcome.set(o, (byOutcome.get(o) ?? 0) + 1);
    }
    if (!indicator || count === 0) continue;
    const what = c.kind === "dummy" ? `${c.variable} = ${c.level}` : c.name;
    if (outcomes.length === 2) {
      const events = byOutcome.get(outcomes.find((o) => o !== reference)!) ?? 0;
      if (events === 0)
        items.push({
          column: c.name,
          outcome: null,
          detail: `none of the ${count} observations with ${what} has the outcome`,
        });
      else if (events === count)
        items.push({
          column: c.name,
          outcome: null,
          detail: `all ${count} observations with ${what} have the outcome`,
        });
      continue;
    }
    if ((byOutcome.get(reference) ?? 0) === 0) {
      items.push({
        column: c.name,
        outcome: null,
        detail: `none of the ${count} observations with ${what} has the reference outcome "${reference}"`,
      });
      continue;
    }
    for (const o of outcomes) {
      if (o !== reference && (byOutcome.get(o) ?? 0) === 0)
        items.push({
          column: c.name,
          outcome: o,
          detail: `none of the ${count} observations with ${what} has outcome "${o}"`,
        });
    }
  }
  return items;
}

import type { DataStatus, Row, SourceRef } from "./types";

/**
 * The published flags as the browser reads them (the table's unstable column, weak marks on the chart), apart from
 * lib/charts/publish.ts, which sets them: publish.ts reaches the Wilson interval and its statistics library, ~7 KiB
 * gzip that pages with charts would otherwise load for these few lines (tests/e2e/budgets.spec.ts).
 */
/** Separates the keys listed in a flag column (the `unstable` column, builders' flag keys). */
export const FLAG_SEP = ";";
export const UNSTABLE_KEY = "unstable";
export const COVERAGE_KEY = "coverage";

/** The keys flagged unstable in a published row. */
export const unstableIn = (row: Row): Set<string> =>
  new Set(typeof row[UNSTABLE_KEY] === "string" ? (row[UNSTABLE_KEY] as string).split(FLAG_SEP).filter(Boolean) : []);

/** The small-count rule in words: the same sentence on chart blocks, the methodology page, dictionaries and manifests. */
export const smallCountRule = (T: number) =>
  `Nothing is withheld: the row-level sources are public, so hiding small cells would protect no one and only hide numbers. ` +
  `Counts below ${T}, and shares, rates and ratios whose numerator or denominator is below ${T}, are shown and flagged unstable ` +
  `(the "unstable" column lists their columns; charts draw them as open, lighter marks): a count below ${T} has a relative ` +
  `standard error above about 30% (1/√n), the point where public-health agencies stop treating a rate as reliable.`;

export function dataStatusOf(sources: readonly Pick<SourceRef, "synthetic">[]): DataStatus {
  const synthetic = sources.filter((s) => s.synthetic).length;
  return synthetic === 0 ? "real" : synthetic === sources.length ? "synthetic" : "mixed";
}

import { classify, type AlternativeRule } from "./alternative-rule";
import type { CrisisCell, CrisisCube } from "./crisis-cube";
import { inPeriod, type TrendFilters } from "./filters";

/** The crisis cube's cells inside the page's filters (period, precinct, call type). */
export function filterCrisisCells(cube: CrisisCube, f: TrendFilters): CrisisCell[] {
  return cube.cells.filter(
    (c) =>
      inPeriod(c.month, f) && (!f.precinct || c.precinct === f.precinct) && (!f.callType || c.callType === f.callType),
  );
}

export type Totals = Omit<CrisisCell, "month" | "precinct" | "callType">;
const ZERO: Totals = {
  templates: 0,
  withForce: 0,
  arrest: 0,
  emergentDetention: 0,
  referral: 0,
  noAction: 0,
  dispositionUnknown: 0,
  arrestOrForce: 0,
  citCertified: 0,
  citRequested: 0,
  citDispatched: 0,
  citArrived: 0,
};

/** Counts summed per key, sorted by key. */
export function totalsBy(cells: CrisisCell[], key: (c: CrisisCell) => string): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const c of cells) {
    const k = key(c);
    const t = out.get(k) ?? { ...ZERO };
    for (const f of Object.keys(ZERO) as (keyof Totals)[]) t[f] += c[f];
    out.set(k, t);
  }
  return new Map([...out].sort((a, b) => a[0].localeCompare(b[0])));
}

export interface CallTypeRow {
  callType: string;
  totals: Totals;
  classification: ReturnType<typeof classify>;
}

/** Every initial call type inside the filters (any call type) with its totals and its class under the rule. */
export function callTypeTable(cube: CrisisCube, filters: TrendFilters, rule: AlternativeRule): CallTypeRow[] {
  const byCall = totalsBy(filterCrisisCells(cube, { ...filters, callType: undefined }), (c) => c.callType);
  return [...byCall]
    .map(([callType, totals]) => ({
      callType,
      totals,
      classification: classify(totals.arrestOrForce, totals.templates, rule),
    }))
    .sort((a, b) => b.totals.templates - a.totals.templates);
}

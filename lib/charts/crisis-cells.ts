import type { CrisisCell, CrisisCube } from "@/lib/trends/crisis-cube";
import { inPeriod, type TrendFilters } from "@/lib/trends/filters";

/** Filtering and summing the crisis cube's cells: shared by the crisis, metrics and alternative-response charts. */
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

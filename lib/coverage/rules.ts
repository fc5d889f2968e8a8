import { parseTrendFilters } from "@/lib/trends/filters";
import type { AlternativeRule } from "@/lib/trends/alternative-rule";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { callTypeTable } from "@/lib/trends/crisis-totals";

// The named presets (strict, default, broad) live with the rule in lib/trends, so the page can explain them too.
export { RULE_PRESETS, type RulePreset } from "@/lib/trends/alternative-rule";

export const ruleText = (r: AlternativeRule) =>
  `arrest or force in less than ${r.threshold}% of contacts${r.basis === "upper" ? " (upper end of the 95% interval)" : " (observed share)"}, at least ${r.minContacts} contacts`;

const memo = new WeakMap<CrisisCube, Map<string, Set<string>>>();

/**
 * Which call types are eligible for a civilian team: the alternative-response page's rule, applied to every year and
 * precinct of the data (as on the page with no filters), so a simulation of one year or one precinct does not change
 * which call types count. Remembered per stored cube (results are immutable).
 */
export function eligibleCallTypes(cube: CrisisCube, rule: AlternativeRule): Set<string> {
  let byRule = memo.get(cube);
  if (!byRule) memo.set(cube, (byRule = new Map()));
  const key = `${rule.threshold}|${rule.basis}|${rule.minContacts}`;
  const hit = byRule.get(key);
  if (hit) return hit;
  if (byRule.size > 200) byRule.clear();
  const set = new Set(
    callTypeTable(cube, parseTrendFilters({}).value, rule)
      .filter((r) => r.classification.classification === "candidate")
      .map((r) => r.callType),
  );
  byRule.set(key, set);
  return set;
}

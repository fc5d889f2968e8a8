import { parseTrendFilters } from "@/lib/trends/filters";
import { AlternativeRule, DEFAULT_RULE } from "@/lib/trends/alternative-rule";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { callTypeTable } from "@/lib/trends/crisis-totals";

/**
 * Which call types are eligible for a civilian team: the alternative-response page's rule, applied to every year and
 * precinct of the data (as on the page with no filters), so a simulation of one year or one precinct does not change
 * which call types count. Two named variants bracket the default to show how much the answer depends on the rule.
 */
export const RULE_PRESETS = {
  strict: AlternativeRule.parse({ threshold: 2.5, basis: "upper", minContacts: 100 }),
  default: DEFAULT_RULE,
  broad: AlternativeRule.parse({ threshold: 10, basis: "estimate", minContacts: 20 }),
} as const;
export type RulePreset = keyof typeof RULE_PRESETS;

export const RULE_PRESET_TEXT: Record<RulePreset, string> = {
  strict: "strict: arrest or force in less than 2.5% of contacts, upper end of the 95% interval, at least 100 contacts",
  default: "default: arrest or force in less than 5% of contacts, upper end of the 95% interval, at least 50 contacts",
  broad: "broad: arrest or force in less than 10% of contacts (observed share), at least 20 contacts",
};

export const ruleText = (r: AlternativeRule) =>
  `arrest or force in less than ${r.threshold}% of contacts${r.basis === "upper" ? " (upper end of the 95% interval)" : " (observed share)"}, at least ${r.minContacts} contacts`;

const memo = new WeakMap<CrisisCube, Map<string, Set<string>>>();

/** Eligible call types (initial call type names) under a rule; remembered per stored cube (results are immutable). */
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

import { formatInt, formatPercent } from "@/lib/format";
import { RULE_PRESET_NAMES, RULE_PRESETS, type AlternativeRule, type RulePreset } from "./alternative-rule";
import type { CrisisCube } from "./crisis-cube";
import { callTypeTable, type CallTypeRow } from "./crisis-totals";
import type { TrendFilters } from "./filters";

/**
 * Why a rule picks the call types it does, condition by condition, so that a rule which finds none can say which
 * condition stopped every call type (too few contacts, or a share, or its interval, not under the threshold) and how
 * close the nearest one came. Computed from the page's own table, never written by hand.
 */
export interface RuleVerdict {
  callTypes: number;
  candidates: number;
  /** Call types below the rule's minimum number of contacts. */
  tooFew: number;
  /** Call types with enough contacts whose judged value (upper end or observed share) is not under the threshold. */
  overThreshold: number;
  /** Upper-end rules: call types with enough contacts whose observed share is under the threshold but upper end is not. */
  shareUnderButUpperNot: number;
  /** The call type with enough contacts that came closest: the lowest judged value. */
  closest: { callType: string; contacts: number; share: number; upper: number; judged: number } | null;
}

export function ruleVerdict(table: readonly CallTypeRow[], rule: AlternativeRule): RuleVerdict {
  const limit = rule.threshold / 100;
  const enough = table.filter((r) => r.classification.classification !== "too_few");
  let closest: RuleVerdict["closest"] = null;
  for (const r of enough) {
    const { share, high } = r.classification;
    if (share === null || high === null) continue;
    const judged = rule.basis === "upper" ? high : share;
    if (!closest || judged < closest.judged)
      closest = { callType: r.callType, contacts: r.totals.templates, share, upper: high, judged };
  }
  return {
    callTypes: table.length,
    candidates: table.filter((r) => r.classification.classification === "candidate").length,
    tooFew: table.length - enough.length,
    overThreshold: enough.filter((r) => r.classification.classification === "not_candidate").length,
    shareUnderButUpperNot:
      rule.basis === "upper"
        ? enough.filter(
            (r) =>
              r.classification.classification === "not_candidate" &&
              r.classification.share !== null &&
              r.classification.share < limit,
          ).length
        : 0,
    closest,
  };
}

/** A share next to a threshold, with a second decimal when one would round onto it (5.04% is not "5.0%, not under 5%"). */
const near = (x: number, limit: number) =>
  formatPercent(x, Number(formatPercent(x, 1).slice(0, -1)) === limit * 100 ? 2 : 1);

const callTypes = (n: number) => `${formatInt(n)} call type${n === 1 ? "" : "s"}`;
const has = (n: number) => (n === 1 ? "has" : "have");

/**
 * Plain words for a rule that finds no call type: which condition failed for how many, and the nearest miss. Null
 * when the rule finds some (or there is no call type at all).
 */
export function noCandidateReason(v: RuleVerdict, rule: AlternativeRule): string | null {
  if (v.candidates > 0 || v.callTypes === 0) return null;
  const t = `${rule.threshold}%`;
  const parts: string[] = [];
  if (v.tooFew === v.callTypes)
    return `No call type has the ${formatInt(rule.minContacts)} contacts the rule asks for, so none can qualify.`;
  parts.push(
    v.tooFew === 0
      ? `Every one of the ${callTypes(v.callTypes)} has at least ${formatInt(rule.minContacts)} contacts, so the minimum is not what stops them: the threshold is.`
      : `${callTypes(v.tooFew)} ${has(v.tooFew)} fewer than ${formatInt(rule.minContacts)} contacts; the other ${callTypes(v.overThreshold)} ${has(v.overThreshold)} enough but ${v.overThreshold === 1 ? "is" : "are"} not under the threshold.`,
  );
  const c = v.closest;
  if (c)
    parts.push(
      rule.basis === "upper"
        ? `The closest is ${c.callType}: ${formatPercent(c.share)} of its ${formatInt(c.contacts)} contacts ended in arrest or force, and the upper end of its 95% interval is ${near(c.upper, rule.threshold / 100)}, not under ${t}.`
        : `The lowest observed share is ${near(c.share, rule.threshold / 100)} (${c.callType}, ${formatInt(c.contacts)} contacts), not under ${t}.`,
    );
  if (v.shareUnderButUpperNot > 0)
    parts.push(
      `${callTypes(v.shareUnderButUpperNot)} ${has(v.shareUnderButUpperNot)} an observed share under ${t}, but the data cannot rule out a share of ${t} or more, which is what judging on the interval's upper end asks.`,
    );
  return parts.join(" ");
}

export interface PresetSummary {
  preset: RulePreset;
  name: string;
  rule: AlternativeRule;
  candidates: number;
  callTypes: number;
  /** Why it finds no call type, in plain words (null when it finds some). */
  reason: string | null;
}

/** Each named rule on the page's data (same filters), so the page can offer them with what each one finds. */
export function presetSummaries(cube: CrisisCube, filters: TrendFilters): PresetSummary[] {
  return (Object.keys(RULE_PRESETS) as RulePreset[]).map((preset) => {
    const rule = RULE_PRESETS[preset];
    const v = ruleVerdict(callTypeTable(cube, filters, rule), rule);
    return {
      preset,
      name: RULE_PRESET_NAMES[preset],
      rule,
      candidates: v.candidates,
      callTypes: v.callTypes,
      reason: noCandidateReason(v, rule),
    };
  });
}

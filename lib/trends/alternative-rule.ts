import { z } from "zod";
import { lenient, type Lenient } from "@/lib/errors/app-error";
import { inputIssuesOf } from "@/lib/errors/zod";
import { wilson } from "@/lib/stats/wilson";

/**
 * The adjustable rule for "could be a candidate for a civilian crisis response": a call type is a candidate when its
 * crisis contacts ended in arrest or use of force less than `threshold` percent of the time. By default the rule uses
 * the upper end of the 95% interval, so a call type qualifies only when the data are clear enough, and it needs at
 * least `minContacts` contacts. A starting point for a conversation, not a dispatch protocol.
 *
 * The default threshold is 10%: "at least nine in ten of these contacts ended without an arrest or force, and the
 * data are clear about it". It was 5% until issue 22: on the synthetic sample even welfare checks end in arrest or
 * force 4-5% of the time (most of it arrests), so no call type's interval fell below 5% and the page showed nothing.
 * 5% stays available as the named "strict" preset, and the page says, from the data, why it finds none.
 */
export const AlternativeRule = z.object({
  threshold: z.coerce
    .number({ message: "threshold must be a number of percent" })
    .min(0.5, "threshold must be at least 0.5 (%)")
    .max(50, "threshold must be at most 50 (%)")
    .default(10),
  minContacts: z.coerce
    .number()
    .int("minContacts must be a whole number")
    .min(10, "minContacts must be at least 10")
    .max(100_000)
    .default(50),
  basis: z
    .enum(["upper", "estimate"], { message: "basis must be upper (the 95% interval's upper end) or estimate" })
    .default("upper"),
});
export type AlternativeRule = z.infer<typeof AlternativeRule>;
export const DEFAULT_RULE: AlternativeRule = AlternativeRule.parse({});

/**
 * Named rules either side of the default, offered as links on the page and run side by side by the coverage model
 * (lib/coverage/run.ts), so readers see how much the answer depends on the rule. strict ⊆ default ⊆ broad for any
 * data: each one's threshold is higher, judged on a value no larger, with no more contacts required.
 */
export const RULE_PRESETS = {
  /** The former default: under 5% on the upper end. Clear-cut, and on the sample it finds no call type. */
  strict: AlternativeRule.parse({ threshold: 5, basis: "upper", minContacts: 50 }),
  default: DEFAULT_RULE,
  /** A program that also takes low-level disorder calls (as CAHOOTS does): up to one in five, observed share. */
  broad: AlternativeRule.parse({ threshold: 20, basis: "estimate", minContacts: 20 }),
} as const;
export type RulePreset = keyof typeof RULE_PRESETS;
export const RULE_PRESET_NAMES: Record<RulePreset, string> = { strict: "Strict", default: "Default", broad: "Broad" };

/** The preset a rule is, if any. */
export function presetOf(rule: AlternativeRule): RulePreset | null {
  const hit = (Object.keys(RULE_PRESETS) as RulePreset[]).find((k) => {
    const p = RULE_PRESETS[k];
    return p.threshold === rule.threshold && p.basis === rule.basis && p.minContacts === rule.minContacts;
  });
  return hit ?? null;
}

/** The rule as URL parameters (the page's form fields). */
export const ruleParams = (r: AlternativeRule): Record<string, string> => ({
  threshold: String(r.threshold),
  basis: r.basis,
  minContacts: String(r.minContacts),
});

export function parseRule(params: Record<string, string | string[] | undefined>): Lenient<AlternativeRule> {
  const pick = (k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v === "" ? undefined : v;
  };
  const parsed = AlternativeRule.safeParse({
    threshold: pick("threshold"),
    minContacts: pick("minContacts"),
    basis: pick("basis"),
  });
  return parsed.success ? lenient(parsed.data) : lenient(DEFAULT_RULE, inputIssuesOf(parsed.error, { root: "" }));
}

export type Classification = "candidate" | "not_candidate" | "too_few";

export function classify(
  arrestOrForce: number,
  contacts: number,
  rule: AlternativeRule,
): { classification: Classification; share: number | null; low: number | null; high: number | null } {
  const w = wilson(arrestOrForce, contacts);
  if (!w || contacts < rule.minContacts)
    return { classification: "too_few", share: w?.rate ?? null, low: w?.low ?? null, high: w?.high ?? null };
  const value = rule.basis === "upper" ? w.high : w.rate;
  return {
    classification: value < rule.threshold / 100 ? "candidate" : "not_candidate",
    share: w.rate,
    low: w.low,
    high: w.high,
  };
}

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  candidate: "Candidate",
  not_candidate: "Not a candidate",
  too_few: "Too few contacts to say",
};

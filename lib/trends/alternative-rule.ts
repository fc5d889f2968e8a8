import { z } from "zod";
import { lenient, type Lenient } from "@/lib/errors/app-error";
import { inputIssuesOf } from "@/lib/errors/zod";
import { wilson } from "@/lib/stats/wilson";

/**
 * The adjustable rule for "could be a candidate for a civilian crisis response": a call type is a candidate when its
 * crisis contacts ended in arrest or use of force less than `threshold` percent of the time. By default the rule uses
 * the upper end of the 95% interval, so a call type qualifies only when the data are clear enough, and it needs at
 * least `minContacts` contacts. A starting point for a conversation, not a dispatch protocol.
 */
export const AlternativeRule = z.object({
  threshold: z.coerce
    .number({ message: "threshold must be a number of percent" })
    .min(0.5, "threshold must be at least 0.5 (%)")
    .max(50, "threshold must be at most 50 (%)")
    .default(5),
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

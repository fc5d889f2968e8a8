import { describe, expect, it } from "vitest";
import { classify, DEFAULT_RULE, RULE_PRESETS, type AlternativeRule } from "@/lib/trends/alternative-rule";
import type { CallTypeRow } from "@/lib/trends/crisis-totals";
import { noCandidateReason, ruleVerdict } from "@/lib/trends/rule-verdict";

/** A call-type row as callTypeTable makes it: only contacts and arrest-or-force matter to the rule. */
function row(callType: string, contacts: number, arrestOrForce: number, rule: AlternativeRule): CallTypeRow {
  const totals = { templates: contacts, arrestOrForce } as CallTypeRow["totals"];
  return { callType, totals, classification: classify(arrestOrForce, contacts, rule) };
}
const table = (rule: AlternativeRule) => [
  // The shape of the synthetic sample: the lowest shares are 4-5%, so no upper end is under 5%.
  row("WELFARE CHECK", 9433, 438, rule), // 4.64%, upper 5.09%
  row("PERSON DOWN", 1588, 73, rule), // 4.60%, upper 5.74%
  row("CRISIS", 27622, 1668, rule), // 6.04%, upper 6.33%
  row("ASSAULT", 2125, 802, rule), // 37.7%
];

describe("why a rule finds the call types it does", () => {
  it("strict on sample-like data: no call type, every one has enough contacts, the threshold stops them", () => {
    const v = ruleVerdict(table(RULE_PRESETS.strict), RULE_PRESETS.strict);
    expect(v).toMatchObject({ callTypes: 4, candidates: 0, tooFew: 0, overThreshold: 4, shareUnderButUpperNot: 2 });
    expect(v.closest?.callType).toBe("WELFARE CHECK");
    expect(v.closest?.upper).toBeCloseTo(0.0509, 3);
    const why = noCandidateReason(v, RULE_PRESETS.strict)!;
    expect(why).toContain("Every one of the 4 call types has at least 50 contacts");
    expect(why).toContain("The closest is WELFARE CHECK: 4.6% of its 9,433 contacts");
    expect(why).toContain("upper end of its 95% interval is 5.1%, not under 5%");
    expect(why).toContain("2 call types have an observed share under 5%");
  });

  it("the default rule finds the low-share call types on the same data, so there is nothing to explain", () => {
    const v = ruleVerdict(table(DEFAULT_RULE), DEFAULT_RULE);
    expect(v.candidates).toBe(3);
    expect(noCandidateReason(v, DEFAULT_RULE)).toBeNull();
  });

  it("names the minimum when it is the condition that fails, and the observed share for an estimate rule", () => {
    const few: AlternativeRule = { ...RULE_PRESETS.strict, minContacts: 5000 };
    expect(noCandidateReason(ruleVerdict(table(few), few), few)).toContain(
      "2 call types have fewer than 5,000 contacts; the other 2 call types have enough but are not under the threshold.",
    );
    const all = { ...DEFAULT_RULE, minContacts: 100_000 };
    expect(noCandidateReason(ruleVerdict(table(all), all), all)).toBe(
      "No call type has the 100,000 contacts the rule asks for, so none can qualify.",
    );
    const est: AlternativeRule = { threshold: 4, basis: "estimate", minContacts: 50 };
    const why = noCandidateReason(ruleVerdict(table(est), est), est)!;
    expect(why).toContain("The lowest observed share is 4.6% (PERSON DOWN, 1,588 contacts), not under 4%");
    expect(why).not.toContain("upper end");
  });

  it("shows a second decimal when one would round onto the threshold", () => {
    // 503 of 10,000: 5.03% observed; judged on the estimate against 5%
    const r: AlternativeRule = { threshold: 5, basis: "estimate", minContacts: 50 };
    const why = noCandidateReason(ruleVerdict([row("X", 10_000, 503, r)], r), r)!;
    expect(why).toContain("5.03% (X, 10,000 contacts), not under 5%");
  });
});

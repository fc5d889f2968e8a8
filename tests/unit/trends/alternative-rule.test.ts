import { describe, expect, it } from "vitest";
import { issueMessages } from "@/lib/errors/app-error";
import {
  classify,
  DEFAULT_RULE,
  parseRule,
  presetOf,
  RULE_PRESETS,
  ruleParams,
  type AlternativeRule,
} from "@/lib/trends/alternative-rule";

describe("alternative-response rule", () => {
  it("defaults: 10%, upper end of the interval, at least 50 contacts (issue 22: 5% found no call type)", () => {
    expect(DEFAULT_RULE).toEqual({ threshold: 10, minContacts: 50, basis: "upper" });
  });
  it("judges the upper end of the 95% interval by default, the estimate on request", () => {
    // 8 of 100: estimate 8%, Wilson upper end ~15.0%
    expect(classify(8, 100, DEFAULT_RULE).classification).toBe("not_candidate");
    expect(classify(8, 100, { ...DEFAULT_RULE, basis: "estimate" }).classification).toBe("candidate");
    // 2 of 100: upper end ~7.0%, under 10% but not under the strict 5%
    expect(classify(2, 100, DEFAULT_RULE).classification).toBe("candidate");
    expect(classify(2, 100, RULE_PRESETS.strict).classification).toBe("not_candidate");
    expect(classify(1, 20, DEFAULT_RULE).classification).toBe("too_few");
  });
  it("presets: strict is the former default, and strict ⊆ default ⊆ broad for any counts", () => {
    expect(RULE_PRESETS.strict).toEqual({ threshold: 5, minContacts: 50, basis: "upper" });
    expect(RULE_PRESETS.default).toBe(DEFAULT_RULE);
    expect(RULE_PRESETS.broad).toEqual({ threshold: 20, minContacts: 20, basis: "estimate" });
    const yes = (k: number, n: number, r: AlternativeRule) => classify(k, n, r).classification === "candidate";
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const n = 1 + Math.floor(rand() * 3000);
      const k = Math.floor(rand() * rand() * n * 0.4);
      if (yes(k, n, RULE_PRESETS.strict)) expect(yes(k, n, RULE_PRESETS.default)).toBe(true);
      if (yes(k, n, RULE_PRESETS.default)) expect(yes(k, n, RULE_PRESETS.broad)).toBe(true);
    }
  });
  it("recognises a preset from its three fields and writes a rule as the form's URL fields", () => {
    expect(presetOf(parseRule({ threshold: "5", basis: "upper", minContacts: "50" }).value)).toBe("strict");
    expect(presetOf(DEFAULT_RULE)).toBe("default");
    expect(presetOf({ ...DEFAULT_RULE, minContacts: 60 })).toBeNull();
    expect(ruleParams(RULE_PRESETS.broad)).toEqual({ threshold: "20", basis: "estimate", minContacts: "20" });
    expect(parseRule(ruleParams(RULE_PRESETS.strict)).value).toEqual(RULE_PRESETS.strict);
  });
  it("reads the rule from the URL and explains bad values", () => {
    expect(parseRule({ threshold: "2.5", minContacts: "100", basis: "estimate" })).toEqual({
      value: { threshold: 2.5, minContacts: 100, basis: "estimate" },
      issues: [],
    });
    const bad = parseRule({ threshold: "90" });
    expect(bad.value).toEqual(DEFAULT_RULE);
    expect(issueMessages(bad.issues)[0]).toMatch(/threshold must be at most 50/);
    expect(issueMessages(parseRule({ threshold: "abc" }).issues)[0]).toMatch(/threshold/);
  });
});

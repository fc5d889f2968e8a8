import { describe, expect, it } from "vitest";
import { issueMessages } from "@/lib/errors/app-error";
import { classify, DEFAULT_RULE, parseRule } from "@/lib/trends/alternative-rule";

describe("alternative-response rule", () => {
  it("defaults: 5%, upper end of the interval, at least 50 contacts", () => {
    expect(DEFAULT_RULE).toEqual({ threshold: 5, minContacts: 50, basis: "upper" });
  });
  it("judges the upper end of the 95% interval by default, the estimate on request", () => {
    // 2 of 100: estimate 2%, Wilson upper end ~7.0%
    expect(classify(2, 100, DEFAULT_RULE).classification).toBe("not_candidate");
    expect(classify(2, 100, { ...DEFAULT_RULE, basis: "estimate" }).classification).toBe("candidate");
    expect(classify(20, 2000, DEFAULT_RULE).classification).toBe("candidate");
    expect(classify(1, 20, DEFAULT_RULE).classification).toBe("too_few");
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

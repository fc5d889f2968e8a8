import { describe, expect, it } from "vitest";
import { fieldErrorsOf, reviewInputFromForm, ReviewInputSchema } from "@/lib/staff/eis-review-input";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("the review form's validation", () => {
  it("reads the form's fields, one decision per reason", () => {
    const input = reviewInputFromForm(
      form({
        scoreId: "12",
        flagDecision: "agree",
        "reason:escalation": "disagree",
        "reason:volume": "agree",
        intervention: "no",
        notes: " seen ",
      }),
    );
    expect(input).toEqual({
      scoreId: "12",
      flagDecision: "agree",
      reasonDecisions: { escalation: "disagree", volume: "agree" },
      dismissalReason: undefined,
      interventionRecommended: "no",
      notes: " seen ",
    });
    expect(ReviewInputSchema.parse(input)).toEqual({
      scoreId: 12,
      flagDecision: "agree",
      reasonDecisions: { escalation: "disagree", volume: "agree" },
      dismissalReason: undefined,
      interventionRecommended: false,
      notes: "seen",
    });
  });

  it("requires a reason of at least 10 characters to dismiss a flag", () => {
    for (const reason of [undefined, "", "   short  "]) {
      const r = ReviewInputSchema.safeParse({
        scoreId: 1,
        flagDecision: "disagree",
        reasonDecisions: {},
        dismissalReason: reason,
        interventionRecommended: "no",
      });
      expect(r.success).toBe(false);
      expect(fieldErrorsOf(r.error!)).toEqual({
        dismissalReason: "A dismissal needs a reason: say why the flag is not warranted (at least 10 characters).",
      });
    }
    const ok = ReviewInputSchema.parse({
      scoreId: 1,
      flagDecision: "disagree",
      reasonDecisions: {},
      dismissalReason: "The incidents were a single event.",
      interventionRecommended: "yes",
    });
    expect(ok).toMatchObject({
      flagDecision: "disagree",
      dismissalReason: "The incidents were a single event.",
      interventionRecommended: true,
    });
  });

  it("names every missing or bad field by its form name", () => {
    const r = ReviewInputSchema.safeParse(
      reviewInputFromForm(form({ scoreId: "x", "reason:escalation": "maybe", notes: "n".repeat(4001) })),
    );
    expect(r.success).toBe(false);
    expect(Object.keys(fieldErrorsOf(r.error!)).sort()).toEqual([
      "flagDecision",
      "intervention",
      "notes",
      "reason:escalation",
      "scoreId",
    ]);
    expect(fieldErrorsOf(r.error!)["reason:escalation"]).toBe("Choose agree or disagree for this reason.");
  });
});

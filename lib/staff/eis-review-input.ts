import { z } from "zod";
import { fieldErrorsOf as zodFieldErrors } from "@/lib/errors/zod";

/**
 * A supervisor's review of one EIS flag, as submitted by the officer page's form (pure: shared by the server
 * action, the DAL and the tests). The form's field names: scoreId, flagDecision, `reason:<code>` (one per reason of
 * the flag), dismissalReason, intervention, notes.
 */
export const DECISIONS = ["agree", "disagree"] as const;
export const MIN_DISMISSAL_REASON = 10;

export const ReviewInputSchema = z
  .object({
    scoreId: z.coerce
      .number("The form lost which flag it reviews; reload the page.")
      .int()
      .positive("The form lost which flag it reviews; reload the page."),
    flagDecision: z.enum(DECISIONS, "Choose whether you agree with the flag."),
    reasonDecisions: z.record(
      z.string().regex(/^[a-z0-9_]{1,40}$/, "is not a reason code"),
      z.enum(DECISIONS, "Choose agree or disagree for this reason."),
    ),
    dismissalReason: z
      .string()
      .trim()
      .max(2000, "Keep the dismissal reason under 2,000 characters.")
      .optional()
      .transform((v) => v || undefined),
    interventionRecommended: z
      .enum(["yes", "no"], "Say whether you recommend an intervention.")
      .transform((v) => v === "yes"),
    notes: z.string().trim().max(4000, "Keep the notes under 4,000 characters.").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.flagDecision === "disagree" && (v.dismissalReason ?? "").length < MIN_DISMISSAL_REASON) {
      ctx.addIssue({
        code: "custom",
        path: ["dismissalReason"],
        message: `A dismissal needs a reason: say why the flag is not warranted (at least ${MIN_DISMISSAL_REASON} characters).`,
      });
    }
  });
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** The form's fields as the schema's input (FormData values are strings; missing radios are absent). */
export function reviewInputFromForm(form: FormData): Record<string, unknown> {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const reasonDecisions: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (k.startsWith("reason:") && typeof v === "string") reasonDecisions[k.slice(7)] = v;
  return {
    scoreId: text("scoreId"),
    flagDecision: text("flagDecision"),
    reasonDecisions,
    dismissalReason: text("dismissalReason"),
    interventionRecommended: text("intervention"),
    notes: text("notes") ?? "",
  };
}

/** Field-level messages keyed by the form's field names. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  return zodFieldErrors(error, ([first, second]) =>
    first === "reasonDecisions" && second
      ? `reason:${second}`
      : first === "interventionRecommended"
        ? "intervention"
        : (first ?? "form"),
  );
}

export type ReviewFormState =
  | { status: "idle" }
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors: Record<string, string>; values: Record<string, string> };

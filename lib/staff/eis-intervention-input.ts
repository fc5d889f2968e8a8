import { z } from "zod";
import { fieldErrorsOf } from "@/lib/errors/zod";

/**
 * An intervention after a reviewed EIS flag: assigned (type, owner, due date), then completed (date, note). Pure: the
 * schemas are shared by the server actions, the JSON route, the DAL and the tests. Dates are calendar dates
 * (YYYY-MM-DD, Seattle), stored as midnight UTC like every wall-clock date in the portal.
 */
export const INTERVENTION_TYPES = {
  conversation: "Supervisor conversation",
  mentoring: "Mentoring or coaching",
  training: "Training",
  wellness: "Wellness or peer support referral",
  assignment_change: "Change of assignment",
  other: "Other (say what in the notes)",
} as const;
export type InterventionType = keyof typeof INTERVENTION_TYPES;
export const INTERVENTION_STATUSES = { assigned: "Assigned (open)", completed: "Completed" } as const;

const isoDate = (what: string) =>
  z
    .string(`Give the ${what} as a date.`)
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Give the ${what} as a date (YYYY-MM-DD).`)
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      `The ${what} is not a real date.`,
    );

export const AssignInterventionSchema = z.object({
  scoreId: z.coerce
    .number("The form lost which flag this is for; reload the page.")
    .int()
    .positive("The form lost which flag this is for; reload the page."),
  type: z.enum(
    Object.keys(INTERVENTION_TYPES) as [InterventionType, ...InterventionType[]],
    "Choose the type of intervention.",
  ),
  owner: z
    .string("Say who carries out the intervention.")
    .trim()
    .min(2, "Say who carries out the intervention.")
    .max(120, "Keep the owner under 120 characters."),
  dueDate: isoDate("due date"),
});
export type AssignInterventionInput = z.infer<typeof AssignInterventionSchema>;

export const MIN_COMPLETION_NOTE = 10;
export const CompleteInterventionSchema = z.object({
  interventionId: z.coerce
    .number("The form lost which intervention this is; reload the page.")
    .int()
    .positive("The form lost which intervention this is; reload the page."),
  completedOn: isoDate("completion date"),
  note: z
    .string("Say what was done.")
    .trim()
    .min(MIN_COMPLETION_NOTE, `Say what was done (at least ${MIN_COMPLETION_NOTE} characters).`)
    .max(4000, "Keep the note under 4,000 characters."),
});
export type CompleteInterventionInput = z.infer<typeof CompleteInterventionSchema>;

/** The dates the DAL checks against the flag and today (pure, so the rule is tested without a database). */
export function dateIssues(kind: "due" | "completed", date: string, flagAsOf: string, today: string): string | null {
  if (date < flagAsOf)
    return `The ${kind === "due" ? "due" : "completion"} date cannot be before the flag's run date (${flagAsOf}).`;
  if (kind === "completed" && date > today) return "The completion date cannot be in the future.";
  return null;
}

export const formText = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : undefined;
};

export type InterventionFormState =
  | { status: "idle" }
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors: Record<string, string>; values: Record<string, string> };

/** Field-level messages keyed by the form's field names (the schemas' keys). */
export function interventionFieldErrors(error: z.ZodError): Record<string, string> {
  return fieldErrorsOf(error);
}

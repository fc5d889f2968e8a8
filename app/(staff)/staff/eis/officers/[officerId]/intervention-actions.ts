"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { assignIntervention, completeIntervention } from "@/lib/dal/staff-eis-interventions";
import { actionError } from "@/lib/dal/staff-action";
import { formText, interventionFieldErrors, type InterventionFormState } from "@/lib/staff/eis-intervention-input";

/**
 * Assigning and completing interventions. Server actions are public endpoints: the DAL checks the session, the
 * permission and the officer view's scope rule itself, validates with zod and audits.
 */
async function run(
  form: FormData,
  fields: string[],
  write: (input: Record<string, unknown>) => Promise<{ officerId: string }>,
  ok: string,
): Promise<InterventionFormState> {
  const values = Object.fromEntries(fields.map((f) => [f, formText(form, f) ?? ""]));
  try {
    const saved = await write(values);
    revalidatePath(`/staff/eis/officers/${encodeURIComponent(saved.officerId)}`);
    revalidatePath("/staff/eis");
    return { status: "ok", message: ok };
  } catch (e) {
    if (e instanceof z.ZodError)
      return {
        status: "error",
        message: "Not saved: check the marked fields.",
        fieldErrors: interventionFieldErrors(e),
        values,
      };
    // A refusal (AppError) reads as the other staff forms do; anything else is a bug and propagates.
    return { status: "error", message: actionError(e).message, fieldErrors: {}, values };
  }
}

export async function assignInterventionAction(
  _prev: InterventionFormState,
  form: FormData,
): Promise<InterventionFormState> {
  return run(
    form,
    ["scoreId", "type", "owner", "dueDate"],
    assignIntervention,
    "Intervention assigned. Record it as completed when it is done.",
  );
}

export async function completeInterventionAction(
  _prev: InterventionFormState,
  form: FormData,
): Promise<InterventionFormState> {
  return run(
    form,
    ["interventionId", "completedOn", "note"],
    completeIntervention,
    "Intervention recorded as completed. Its follow-up appears once the data cover the months after it.",
  );
}

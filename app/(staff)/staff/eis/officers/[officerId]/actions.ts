"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { submitEisReview } from "@/lib/dal/staff-eis-review";
import { actionError } from "@/lib/dal/staff-action";
import { fieldErrorsOf, reviewInputFromForm, type ReviewFormState } from "@/lib/staff/eis-review-input";

/**
 * Saves a review of an EIS flag. A server action is a public endpoint: submitEisReview checks the session, the
 * reviewEisFlags permission and the supervisor's units itself, validates with zod and audits.
 */
export async function submitReviewAction(_prev: ReviewFormState, form: FormData): Promise<ReviewFormState> {
  const values = Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string" && !e[0].startsWith("$")),
  );
  try {
    const saved = await submitEisReview(reviewInputFromForm(form));
    revalidatePath(`/staff/eis/officers/${encodeURIComponent(saved.officerId)}`);
    revalidatePath("/staff/eis");
    return {
      status: "ok",
      message: `Review saved (review ${saved.reviewId}). It is now the current decision on this flag; earlier reviews stay on record.`,
    };
  } catch (e) {
    if (e instanceof z.ZodError) {
      return {
        status: "error",
        message: "The review was not saved: check the marked fields.",
        fieldErrors: fieldErrorsOf(e),
        values,
      };
    }
    // A refusal (AppError) reads as the other staff forms do; anything else is a bug and propagates.
    return { status: "error", message: actionError(e).message, fieldErrors: {}, values };
  }
}

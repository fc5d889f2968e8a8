"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runStaffAction, type ActionState } from "@/lib/dal/staff-action";
import { reportContentChanged } from "@/lib/db/health";
import { createStaffAnnotation, editStaffAnnotation, transitionStaffAnnotation } from "@/lib/dal/staff-annotations";
import { splitScope } from "./labels";

/**
 * Annotation form actions. Each is a public endpoint: the DAL functions they call check the session, the role and
 * the workflow rule (author, second person) themselves and validate the fields again, so a forged POST gets the same
 * refusal as the page's missing button.
 */
// The scope picker sends "kind:target" as one field; the DAL checks the two stored fields as before.
const fields = (form: FormData) =>
  splitScope(Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string")));
// The full checks (scope targets from the data) run in the DAL; this only makes sure the form is a form.
const FormShape = z.record(z.string(), z.string().max(20_000, "too long"));

function refreshPublic(id?: number) {
  revalidatePath("/staff/annotations");
  if (id) revalidatePath(`/staff/annotations/${id}`);
  // Rendered public pages are cached by content stamp: re-read it now, so the change shows on the next request.
  // This also drops any client-side router cache of them.
  reportContentChanged();
  revalidatePath("/", "layout");
}

export async function createAnnotationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let id = 0;
  const state = await runStaffAction(FormShape, fields(form), async (data) => {
    id = await createStaffAnnotation(data);
    refreshPublic(id);
    return { message: "Draft saved." };
  });
  if (state.status === "ok") redirect(`/staff/annotations/${id}?saved=created`);
  return state;
}

export async function editAnnotationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let id = 0;
  const state = await runStaffAction(FormShape, fields(form), async (data) => {
    await editStaffAnnotation(data);
    id = Number(data.id);
    refreshPublic(id);
    return { message: "Saved." };
  });
  if (state.status === "ok") redirect(`/staff/annotations/${id}?saved=edited`);
  return state;
}

export async function transitionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let done = { id: 0, change: "" };
  const state = await runStaffAction(FormShape, fields(form), async (data) => {
    done = await transitionStaffAnnotation(data);
    refreshPublic(done.id);
    return { message: "Done." };
  });
  // The page's actions change with the state, so the confirmation travels in the URL, not in this form's state.
  if (state.status === "ok") redirect(`/staff/annotations/${done.id}?saved=${done.change}`);
  return state;
}

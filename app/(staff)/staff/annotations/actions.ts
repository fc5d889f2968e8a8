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

// Each action redirects on success, so the confirmation travels in the URL (the page's actions change with the
// annotation's state); only errors stay in the form's state.
export async function createAnnotationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const created = await runStaffAction(FormShape, fields(form), async (data) => {
    const id = await createStaffAnnotation(data);
    refreshPublic(id);
    return id;
  });
  if (!created.ok) return created.error;
  redirect(`/staff/annotations/${created.value}?saved=created`);
}

export async function editAnnotationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const edited = await runStaffAction(FormShape, fields(form), async (data) => {
    await editStaffAnnotation(data);
    const id = Number(data.id);
    refreshPublic(id);
    return id;
  });
  if (!edited.ok) return edited.error;
  redirect(`/staff/annotations/${edited.value}?saved=edited`);
}

export async function transitionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const done = await runStaffAction(FormShape, fields(form), async (data) => {
    const t = await transitionStaffAnnotation(data);
    refreshPublic(t.id);
    return t;
  });
  if (!done.ok) return done.error;
  redirect(`/staff/annotations/${done.value.id}?saved=${done.value.change}`);
}

import { can, type StaffUser } from "@/lib/auth/roles";
import type { AnnotationState } from "./model";

/**
 * The review workflow: draft → in review → published → retired, and in review → draft when a reviewer returns it
 * with a note. Who may do what, checked by the data access layer on every change (the pages only hide buttons):
 *   - create: everyone with draftAnnotation (supervisors too);
 *   - edit (draft or in review) and submit: analysts and admins, or the author;
 *   - publish: an analyst or admin who neither wrote nor edited the content (publishing needs a second person);
 *   - return to draft, retire: analysts and admins.
 * Published notes are not edited: they are retired (they stay on the public corrections page) and a new note is
 * written, so what the public once read stays on record.
 */
export type WorkflowAction = "edit" | "submit" | "publish" | "return" | "retire";
export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = ["edit", "submit", "publish", "return", "retire"];

export const TRANSITIONS: Record<Exclude<WorkflowAction, "edit">, { from: AnnotationState; to: AnnotationState }> = {
  submit: { from: "draft", to: "in_review" },
  publish: { from: "in_review", to: "published" },
  return: { from: "in_review", to: "draft" },
  retire: { from: "published", to: "retired" },
};

export interface WorkflowSubject {
  state: AnnotationState;
  authorId: number | null;
  /** Everyone who wrote the current content: the author and every editor since (create and edit versions). */
  writerIds: number[];
}

export type Decision = { ok: true } | { ok: false; code: "forbidden" | "bad_request"; message: string };

const EDITABLE: readonly AnnotationState[] = ["draft", "in_review"];
const VERB: Record<WorkflowAction, string> = {
  edit: "edited",
  submit: "submitted for review",
  publish: "published",
  return: "returned to draft",
  retire: "retired",
};
const STATE_WORDS: Record<AnnotationState, string> = {
  draft: "a draft",
  in_review: "in review",
  published: "published",
  retired: "retired",
};

export function decide(user: Pick<StaffUser, "id" | "role">, a: WorkflowSubject, action: WorkflowAction): Decision {
  if (!can(user, "draftAnnotation"))
    return { ok: false, code: "forbidden", message: "Your role does not give access to annotations." };
  const who = whoMay(user, a, action);
  if (!who.ok) return who;
  const stateOk = action === "edit" ? EDITABLE.includes(a.state) : TRANSITIONS[action].from === a.state;
  if (!stateOk) {
    const hint =
      a.state === "published" && action === "edit"
        ? " Retire it and write a new note instead, so the public record keeps what was shown."
        : "";
    return {
      ok: false,
      code: "bad_request",
      message: `This annotation is ${STATE_WORDS[a.state]}, so it cannot be ${VERB[action]}.${hint}`,
    };
  }
  return { ok: true };
}

/** The person check, before the state check: a refused role is refused whatever the annotation's state. */
function whoMay(user: Pick<StaffUser, "id" | "role">, a: WorkflowSubject, action: WorkflowAction): Decision {
  const own = a.authorId !== null && a.authorId === user.id;
  switch (action) {
    case "edit":
    case "submit":
      return can(user, "editAnnotation") || own
        ? { ok: true }
        : {
            ok: false,
            code: "forbidden",
            message: `Only its author, an analyst or an admin can ${action === "edit" ? "edit" : "submit"} this annotation.`,
          };
    case "publish":
      if (!can(user, "publishAnnotation"))
        return { ok: false, code: "forbidden", message: "Only an analyst or an admin can publish an annotation." };
      if (own || a.writerIds.includes(user.id))
        return {
          ok: false,
          code: "forbidden",
          message:
            "Publishing needs a second person: you wrote or edited this annotation, so someone else must publish it.",
        };
      return { ok: true };
    case "return":
    case "retire":
      return can(user, "editAnnotation")
        ? { ok: true }
        : {
            ok: false,
            code: "forbidden",
            message: `Only an analyst or an admin can ${action === "return" ? "return an annotation to draft" : "retire an annotation"}.`,
          };
  }
}

/** The actions `user` may take on `a` now (the detail page shows exactly these). */
export const allowedActions = (user: Pick<StaffUser, "id" | "role">, a: WorkflowSubject): WorkflowAction[] =>
  WORKFLOW_ACTIONS.filter((x) => decide(user, a, x).ok);

"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/dal/staff-action";
import { transitionAction } from "./actions";

const IDLE: ActionState = { status: "idle" };
const LABELS: Record<string, string> = {
  submit: "Submit for review",
  publish: "Publish",
  return: "Return to draft",
  retire: "Retire",
};
const NOTE_LABELS: Record<string, string> = {
  return: "What should the author change? (required)",
  retire: "Why is it retired? (optional, kept in the history)",
};

/** One workflow step (submit, publish, return, retire) for the annotation at the version the page showed. */
export function TransitionForm({ id, version, change }: { id: number; version: number; change: string }) {
  const [state, action, pending] = useActionState(transitionAction, IDLE);
  const noteError = state.status === "error" ? state.fieldErrors?.note : undefined;
  return (
    <form action={action} className="transition-form" data-change={change}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="change" value={change} />
      {NOTE_LABELS[change] && (
        <div className="form-field">
          <label htmlFor={`note-${change}`}>{NOTE_LABELS[change]}</label>
          <textarea
            id={`note-${change}`}
            name="note"
            rows={2}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `note-${change}-error` : undefined}
          />
          {noteError && (
            <p id={`note-${change}-error`} className="field-error" data-field-error="note">
              {noteError}
            </p>
          )}
        </div>
      )}
      {state.status === "error" && !noteError && (
        <p className="alert alert--error" role="alert">
          {state.message}
        </p>
      )}
      <button type="submit" className={`button${change === "retire" ? " button--danger" : ""}`} disabled={pending}>
        {LABELS[change] ?? change}
      </button>
    </form>
  );
}

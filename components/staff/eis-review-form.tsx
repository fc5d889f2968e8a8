"use client";

import { useActionState } from "react";
import type { ReviewFormState } from "@/lib/staff/eis-review-input";

/**
 * The review of one flag: agree or disagree with the flag and with each of its reasons, a reason when dismissing
 * (required), whether an intervention is recommended, and notes. Errors are shown next to their fields. Only the
 * flag's reason texts and codes come in as props: no score values reach the client bundle.
 */
const IDLE: ReviewFormState = { status: "idle" };

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

function Choice({
  name,
  legend,
  options,
  value,
  error,
  hint,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  hint?: string;
}) {
  const errorId = `${name.replace(/\W/g, "-")}-error`;
  return (
    <fieldset className="form-field review-choice" aria-describedby={error ? errorId : undefined} data-field={name}>
      <legend>{legend}</legend>
      {hint && <p className="form-hint">{hint}</p>}
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} value={o.value} defaultChecked={value === o.value} /> {o.label}
        </label>
      ))}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

const AGREE = [
  { value: "agree", label: "Agree" },
  { value: "disagree", label: "Disagree" },
];

export function FlagReviewForm({
  scoreId,
  asOf,
  reasons,
  action,
}: {
  scoreId: number;
  asOf: string;
  reasons: { code: string; text: string }[];
  action: (state: ReviewFormState, form: FormData) => Promise<ReviewFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    // The key remounts the form with the submitted values after an error (React resets a form after its action).
    <form
      action={formAction}
      className="staff-form staff-form--wide"
      aria-labelledby="review-title"
      key={state.status === "error" ? JSON.stringify(values) : state.status}
      data-testid="review-form"
      noValidate
    >
      <h3 id="review-title">Review this flag (run as of {asOf})</h3>
      {reasons.length > 1 && (
        <p className="form-hint">
          This flag has {reasons.length} reasons: say for each whether the evidence supports it, and overall.
        </p>
      )}
      {state.status !== "idle" && (
        <p
          className={`alert ${state.status === "ok" ? "alert--ok" : "alert--error"}`}
          role={state.status === "ok" ? "status" : "alert"}
          data-testid="review-result"
        >
          {state.message}
        </p>
      )}
      <input type="hidden" name="scoreId" value={scoreId} />
      <Choice
        name="flagDecision"
        legend={
          reasons.length === 1 ? `Do you agree with the flag: ${reasons[0]!.text}` : "Do you agree with the flag?"
        }
        options={AGREE}
        value={values.flagDecision}
        error={errors.flagDecision ?? (reasons.length === 1 ? errors[`reason:${reasons[0]!.code}`] : undefined)}
      />
      {reasons.length > 1 &&
        reasons.map((r) => (
          <Choice
            key={r.code}
            name={`reason:${r.code}`}
            legend={`Reason: ${r.text}`}
            options={AGREE}
            value={values[`reason:${r.code}`]}
            error={errors[`reason:${r.code}`]}
          />
        ))}
      <div className="form-field">
        <label htmlFor="dismissal-reason">Reason for dismissal (required when you disagree with the flag)</label>
        <textarea
          id="dismissal-reason"
          name="dismissalReason"
          rows={3}
          defaultValue={values.dismissalReason}
          aria-invalid={errors.dismissalReason ? true : undefined}
          aria-describedby={errors.dismissalReason ? "dismissalReason-error" : undefined}
        />
        <FieldError id="dismissalReason-error" message={errors.dismissalReason} />
      </div>
      <Choice
        name="intervention"
        legend="Do you recommend an intervention?"
        hint="For example a conversation, training or a change of assignment. This is a recommendation, not a decision."
        options={[
          { value: "yes", label: "Yes, recommend an intervention" },
          { value: "no", label: "No intervention" },
        ]}
        value={values.intervention}
        error={errors.intervention}
      />
      <div className="form-field">
        <label htmlFor="review-notes">Notes (optional)</label>
        <textarea
          id="review-notes"
          name="notes"
          rows={3}
          defaultValue={values.notes}
          aria-invalid={errors.notes ? true : undefined}
          aria-describedby={errors.notes ? "notes-error" : undefined}
        />
        <FieldError id="notes-error" message={errors.notes} />
      </div>
      <FieldError id="scoreId-error" message={errors.scoreId ?? errors.form} />
      <button type="submit" className="button" disabled={pending}>
        Save review
      </button>
    </form>
  );
}

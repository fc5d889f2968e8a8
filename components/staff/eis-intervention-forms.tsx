"use client";

import { useActionState } from "react";
import type { InterventionFormState } from "@/lib/staff/eis-intervention-input";

/**
 * Assign an intervention on a reviewed flag, and record one as completed. Errors are shown at their fields. Only ids,
 * type labels and dates come in as props: no score values reach the client bundle.
 */
type Action = (state: InterventionFormState, form: FormData) => Promise<InterventionFormState>;
const IDLE: InterventionFormState = { status: "idle" };

function Field({
  id,
  name,
  label,
  errors,
  children,
}: {
  id: string;
  name: string;
  label: string;
  errors: Record<string, string>;
  children: (a: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const error = errors[name];
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {}) })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Result({ state, testId }: { state: InterventionFormState; testId: string }) {
  if (state.status === "idle") return null;
  return (
    <p
      className={`alert ${state.status === "ok" ? "alert--ok" : "alert--error"}`}
      role={state.status === "ok" ? "status" : "alert"}
      data-testid={testId}
    >
      {state.message}
    </p>
  );
}

export function AssignInterventionForm({
  scoreId,
  types,
  minDate,
  action,
}: {
  scoreId: number;
  types: Record<string, string>;
  minDate: string;
  action: Action;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <form
      action={formAction}
      className="staff-form"
      aria-labelledby="assign-title"
      data-testid="assign-intervention"
      key={state.status === "error" ? JSON.stringify(values) : state.status}
      noValidate
    >
      <h3 id="assign-title">Assign an intervention</h3>
      <Result state={state} testId="assign-result" />
      <input type="hidden" name="scoreId" value={scoreId} />
      <Field id="iv-type" name="type" label="Type" errors={errors}>
        {(a) => (
          <select {...a} name="type" defaultValue={values.type ?? ""}>
            <option value="">Choose…</option>
            {Object.entries(types).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="iv-owner" name="owner" label="Owner (who carries it out)" errors={errors}>
        {(a) => <input {...a} name="owner" type="text" autoComplete="off" defaultValue={values.owner} />}
      </Field>
      <Field id="iv-due" name="dueDate" label="Due date" errors={errors}>
        {(a) => <input {...a} name="dueDate" type="date" min={minDate} defaultValue={values.dueDate} />}
      </Field>
      <button type="submit" className="button" disabled={pending}>
        Assign intervention
      </button>
    </form>
  );
}

export function CompleteInterventionForm({
  interventionId,
  minDate,
  action,
}: {
  interventionId: number;
  minDate: string;
  action: Action;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const id = (s: string) => `iv${interventionId}-${s}`;
  return (
    <form
      action={formAction}
      className="staff-form"
      aria-label={`Record intervention ${interventionId} as completed`}
      data-testid="complete-intervention"
      key={state.status === "error" ? JSON.stringify(values) : state.status}
      noValidate
    >
      <Result state={state} testId="complete-result" />
      <input type="hidden" name="interventionId" value={interventionId} />
      <Field id={id("on")} name="completedOn" label="Completed on" errors={errors}>
        {(a) => <input {...a} name="completedOn" type="date" min={minDate} defaultValue={values.completedOn} />}
      </Field>
      <Field id={id("note")} name="note" label="What was done (note)" errors={errors}>
        {(a) => <textarea {...a} name="note" rows={3} defaultValue={values.note} />}
      </Field>
      <button type="submit" className="button" disabled={pending}>
        Record as completed
      </button>
    </form>
  );
}

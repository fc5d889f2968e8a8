"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/dal/staff-action";
import { createAnnotationAction, editAnnotationAction } from "./actions";

const IDLE: ActionState = { status: "idle" };

export interface FormValues {
  title: string;
  body: string;
  kind: string;
  scopeKind: string;
  scopeTarget: string;
  dateStart: string;
  dateEnd: string;
  sourceLabel: string;
  sourceUrl: string;
}

interface Props {
  mode: "create" | "edit";
  id?: number;
  version?: number;
  initial: FormValues;
  options: {
    kinds: [string, string][];
    scopeKinds: [string, string][];
    scopeGroups: { label: string; options: { value: string; label: string }[] }[];
  };
}

/** The annotation form (a server action: works without JavaScript). Field messages sit under their inputs. */
export function AnnotationForm({ mode, id, version, initial, options }: Props) {
  const [state, action, pending] = useActionState(
    mode === "create" ? createAnnotationAction : editAnnotationAction,
    IDLE,
  );
  const errors = (state.status === "error" && state.fieldErrors) || {};
  const v: FormValues = { ...initial, ...((state.status === "error" && state.values) || {}) };
  const field = (name: keyof FormValues) => ({
    id: `annotation-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby":
      [errors[name] ? `annotation-${name}-error` : "", HINTS[name] ? `annotation-${name}-hint` : ""]
        .filter(Boolean)
        .join(" ") || undefined,
  });
  const message = (name: keyof FormValues) => (
    <>
      {HINTS[name] && (
        <p id={`annotation-${name}-hint`} className="form-hint">
          {HINTS[name]}
        </p>
      )}
      {errors[name] && (
        <p id={`annotation-${name}-error`} className="field-error" data-field-error={name}>
          {errors[name]}
        </p>
      )}
    </>
  );
  const formError =
    state.status === "error" &&
    (!state.fieldErrors || Object.keys(state.fieldErrors).length === 0 || state.code !== "bad_request");
  return (
    <form action={action} className="staff-form staff-form--wide annotation-form" noValidate>
      {formError && (
        <p className="alert alert--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === "error" && !formError && (
        <p className="alert alert--error" role="alert">
          Some fields need attention: see the messages below them.
        </p>
      )}
      {mode === "edit" && (
        <>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="version" value={version} />
        </>
      )}
      <div className="form-field">
        <label htmlFor="annotation-title">Title</label>
        <input {...field("title")} defaultValue={v.title} maxLength={200} autoComplete="off" key={`t${v.title}`} />
        {message("title")}
      </div>
      <div className="form-field">
        <label htmlFor="annotation-body">Note (Markdown)</label>
        <textarea {...field("body")} defaultValue={v.body} rows={6} key={`b${v.body}`} />
        {message("body")}
      </div>
      <div className="form-field">
        <label htmlFor="annotation-kind">Kind</label>
        <select {...field("kind")} defaultValue={v.kind} key={`k${v.kind}`}>
          {options.kinds.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {message("kind")}
      </div>
      <div className="form-field">
        <label htmlFor="annotation-scope">Where it applies</label>
        {(() => {
          const current = `${v.scopeKind}:${v.scopeTarget}`;
          const listed = options.scopeGroups.some((g) => g.options.some((o) => o.value === current));
          const error = errors.scopeKind ?? errors.scopeTarget;
          return (
            <>
              <select
                id="annotation-scope"
                name="scope"
                defaultValue={current}
                key={`s${current}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={["annotation-scope-hint", error ? "annotation-scope-error" : ""]
                  .filter(Boolean)
                  .join(" ")}
              >
                {!listed && <option value={current}>{`${v.scopeKind}: ${v.scopeTarget} (no longer listed)`}</option>}
                {options.scopeGroups.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <p id="annotation-scope-hint" className="form-hint">
                The whole site, one public page, one chart (listed under its page), a dataset or a precinct.
              </p>
              {error && (
                <p id="annotation-scope-error" className="field-error" data-field-error="scopeTarget">
                  {error}
                </p>
              )}
            </>
          );
        })()}
      </div>
      <fieldset className="form-field">
        <legend>When (on the charts&apos; time axis)</legend>
        <label htmlFor="annotation-dateStart">Date, or start of the range</label>
        <input {...field("dateStart")} type="date" defaultValue={v.dateStart} key={`d${v.dateStart}`} />
        {message("dateStart")}
        <label htmlFor="annotation-dateEnd">End of the range (optional)</label>
        <input {...field("dateEnd")} type="date" defaultValue={v.dateEnd} key={`e${v.dateEnd}`} />
        {message("dateEnd")}
      </fieldset>
      <div className="form-field">
        <label htmlFor="annotation-sourceLabel">Source (optional)</label>
        <input {...field("sourceLabel")} defaultValue={v.sourceLabel} autoComplete="off" key={`l${v.sourceLabel}`} />
        {message("sourceLabel")}
      </div>
      <div className="form-field">
        <label htmlFor="annotation-sourceUrl">Source link (optional)</label>
        <input
          {...field("sourceUrl")}
          type="url"
          defaultValue={v.sourceUrl}
          autoComplete="off"
          key={`u${v.sourceUrl}`}
        />
        {message("sourceUrl")}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {mode === "create" ? "Save draft" : "Save changes"}
      </button>
    </form>
  );
}

const HINTS: Partial<Record<keyof FormValues, string>> = {
  body: "Plain language. Markdown only: **bold**, *italic*, lists, [link text](https://...). HTML is not allowed.",
  dateStart: "A note with a date is marked on time axes; leave both empty for a note without a date.",
};

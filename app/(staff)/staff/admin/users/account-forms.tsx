"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/dal/staff-action";
import { changeAccessAction, createAccountAction, resetPasswordAction, setActiveAction, unlockAction } from "./actions";

const IDLE: ActionState = { status: "idle" };
const ROLES = ["admin", "analyst", "supervisor"] as const;

function Result({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  return (
    <p
      className={`alert ${state.status === "ok" ? "alert--ok" : "alert--error"}`}
      role={state.status === "ok" ? "status" : "alert"}
    >
      {state.message}{" "}
      {state.status === "ok" && state.secret && (
        <code className="secret" data-testid="one-time-secret">
          {state.secret}
        </code>
      )}
    </p>
  );
}

export function CreateAccountForm() {
  const [state, action, pending] = useActionState(createAccountAction, IDLE);
  const v = (state.status === "error" && state.values) || {};
  return (
    <form action={action} className="staff-form staff-form--wide" aria-labelledby="invite">
      <Result state={state} />
      <div className="form-field">
        <label htmlFor="new-email">Email</label>
        <input id="new-email" name="email" type="email" required autoComplete="off" defaultValue={v.email} />
      </div>
      <div className="form-field">
        <label htmlFor="new-name">Name</label>
        <input id="new-name" name="name" required autoComplete="off" defaultValue={v.name} />
      </div>
      <div className="form-field">
        <label htmlFor="new-role">Role</label>
        <select id="new-role" name="role" defaultValue={v.role ?? "supervisor"} key={v.role ?? "default"}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="new-units">Units (supervisors)</label>
        <input id="new-units" name="units" aria-describedby="units-hint" autoComplete="off" defaultValue={v.units} />
        <p id="units-hint" className="form-hint">
          Comma-separated precincts (e.g. West, North) and squads as squad:NAME.
        </p>
      </div>
      <fieldset className="form-field">
        <legend>Sign-in method</legend>
        <label>
          <input type="radio" name="signIn" value="password" defaultChecked={v.signIn !== "sso"} /> Password (an initial
          password is generated and shown once)
        </label>
        <label>
          <input type="radio" name="signIn" value="sso" defaultChecked={v.signIn === "sso"} /> Single sign-on only
        </label>
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        Create account
      </button>
    </form>
  );
}

interface RowProps {
  id: number;
  email: string;
  role: string;
  unitsText: string;
  active: boolean;
  locked: boolean;
  self: boolean;
}

/** Row controls: change role and units, deactivate/reactivate, unlock, reset password. */
export function AccountControls({ id, email, role, unitsText, active, locked, self }: RowProps) {
  const [access, changeAccess, p1] = useActionState(changeAccessAction, IDLE);
  const [activeState, toggle, p2] = useActionState(setActiveAction, IDLE);
  const [unlockState, unlock, p3] = useActionState(unlockAction, IDLE);
  const [reset, resetPassword, p4] = useActionState(resetPasswordAction, IDLE);
  return (
    <div>
      <form action={changeAccess} className="inline-form">
        <input type="hidden" name="id" value={id} />
        <label className="visually-hidden" htmlFor={`role-${id}`}>
          Role for {email}
        </label>
        <select id={`role-${id}`} name="role" defaultValue={role} disabled={self}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`units-${id}`}>
          Units for {email}
        </label>
        <input id={`units-${id}`} name="units" defaultValue={unitsText} placeholder="units" size={18} />
        {self && <input type="hidden" name="role" value={role} />}
        <button type="submit" className="button button--small" disabled={p1}>
          Save
        </button>
      </form>
      <Result state={access} />
      <div className="inline-form">
        {!self && (
          <form action={toggle}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="active" value={active ? "0" : "1"} />
            <button
              type="submit"
              className={`button button--small ${active ? "button--danger" : ""}`}
              disabled={p2}
              aria-label={`${active ? "Deactivate" : "Reactivate"} ${email}`}
            >
              {active ? "Deactivate" : "Reactivate"}
            </button>
          </form>
        )}
        {locked && (
          <form action={unlock}>
            <input type="hidden" name="id" value={id} />
            <button type="submit" className="button button--small" disabled={p3} aria-label={`Unlock ${email}`}>
              Unlock
            </button>
          </form>
        )}
        <form action={resetPassword}>
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            className="button button--small button--secondary"
            disabled={p4}
            aria-label={`Reset password of ${email}`}
          >
            Reset password
          </button>
        </form>
      </div>
      <Result state={activeState} />
      <Result state={unlockState} />
      <Result state={reset} />
    </div>
  );
}

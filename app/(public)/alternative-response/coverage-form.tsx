import { dayFieldValues, DAY_FIELDS, type SimParams } from "@/lib/coverage/params";
import { WEEKDAYS, WEEKDAY_NAMES } from "@/lib/coverage/hours";
import type { CoverageRun } from "@/lib/coverage/run";

/**
 * The simulator's form: a plain GET form (works without JavaScript), its values from the URL, each field's message
 * beside it. Hidden fields carry the rest of the page's state (the rule and the call-type filters) so that applying
 * one form never resets the other.
 */
function Field({
  name,
  label,
  value,
  errors,
  hint,
  ...input
}: {
  name: string;
  label: string;
  value: string | number;
  errors: Record<string, string>;
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const err = errors[name];
  const describedBy = [hint ? `${name}-hint` : "", err ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <label>
      {label}
      <input
        name={name}
        defaultValue={value}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {hint && (
        <span id={`${name}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {err && (
        <span id={`${name}-error`} className="field-error">
          {err}
        </span>
      )}
    </label>
  );
}

export function CoverageForm({
  run,
  params,
  errors,
  keep,
}: {
  run: CoverageRun;
  params: Record<string, string | string[] | undefined>;
  errors: Record<string, string>;
  keep: Record<string, string>;
}) {
  const p: SimParams = run.params;
  // Show what the reader typed when it was rejected, else the value in use.
  const raw = (k: string, fallback: string | number) =>
    errors[k] && typeof params[k] === "string" ? (params[k] as string) : fallback;
  const days = dayFieldValues(p.hours);
  return (
    <form
      method="get"
      action="/alternative-response#coverage-model"
      className="filters coverage-form"
      aria-label="Coverage simulator"
    >
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {Object.keys(errors).length > 0 && (
        <div role="alert" className="form-errors">
          <p>Some settings could not be used, so defaults are shown for them:</p>
          <ul>
            {Object.values(errors).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <fieldset>
        <legend>Year, teams and area</legend>
        <div className="filters__row">
          <label>
            Year simulated
            <select name="year" defaultValue={String(run.year)}>
              {run.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <Field
            name="teams"
            label="Teams on duty"
            type="number"
            min={1}
            max={100}
            step={1}
            value={raw("teams", p.teams)}
            errors={errors}
          />
          <Field
            name="minutesPerContact"
            label="Minutes per contact"
            type="number"
            min={5}
            max={720}
            step={1}
            value={raw("minutesPerContact", p.minutesPerContact)}
            errors={errors}
            hint="on scene plus travel"
          />
        </div>
        <fieldset className="precinct-choice">
          <legend>Precincts covered (none ticked = every precinct)</legend>
          {run.precinctOptions.map((pr) => (
            <label key={pr} className="inline-check">
              <input
                type="checkbox"
                name="precincts"
                value={pr}
                defaultChecked={run.precincts?.includes(pr) ?? false}
              />{" "}
              {pr}
            </label>
          ))}
          {errors.precincts && <p className="field-error">{errors.precincts}</p>}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Coverage hours per weekday (e.g. 11-23; two windows: 0-2 20-24; empty = no coverage)</legend>
        <div className="filters__row">
          {WEEKDAYS.map((d, i) => (
            <Field
              key={d}
              name={DAY_FIELDS[i]!}
              label={WEEKDAY_NAMES[d]}
              value={raw(DAY_FIELDS[i]!, days[DAY_FIELDS[i]!] ?? "")}
              errors={errors}
              size={9}
              inputMode="text"
              pattern="[0-9 ,;-]*"
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Staffing and costs (placeholders: put in your own)</legend>
        <div className="filters__row">
          <Field
            name="staffPerTeam"
            label="People per team"
            type="number"
            min={1}
            max={10}
            step={1}
            value={raw("staffPerTeam", p.staffPerTeam)}
            errors={errors}
          />
          <Field
            name="productiveHours"
            label="Hours worked per employee a year"
            type="number"
            min={500}
            max={3000}
            step={1}
            value={raw("productiveHours", p.productiveHours)}
            errors={errors}
          />
          <Field
            name="costPerStaff"
            label="Cost per employee a year ($)"
            type="number"
            min={0}
            step="any"
            value={raw("costPerStaff", p.costPerStaff)}
            errors={errors}
          />
          <Field
            name="costPerTeam"
            label="Cost per team a year ($)"
            type="number"
            min={0}
            step="any"
            value={raw("costPerTeam", p.costPerTeam)}
            errors={errors}
            hint="vehicle, equipment"
          />
          <Field
            name="officerCostPerHour"
            label="Officer cost per hour ($)"
            type="number"
            min={0}
            step="any"
            value={raw("officerCostPerHour", p.officerCostPerHour)}
            errors={errors}
          />
          <Field
            name="officersPerContact"
            label="Officers per contact"
            type="number"
            min={0.1}
            max={10}
            step="any"
            value={raw("officersPerContact", p.officersPerContact)}
            errors={errors}
          />
        </div>
      </fieldset>
      <div className="filters__row">
        <label>
          Heat map: precinct
          <select name="heatPrecinct" defaultValue={run.heat.precinct ?? "all"}>
            <option value="all">All precincts</option>
            {run.precinctOptions.map((pr) => (
              <option key={pr} value={pr}>
                {pr}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Simulate</button>
        <a href={`/alternative-response${keepQuery(keep)}#coverage-model`}>Reset the simulator</a>
      </div>
    </form>
  );
}

const keepQuery = (keep: Record<string, string>) => {
  const q = new URLSearchParams(keep).toString();
  return q ? `?${q}` : "";
};

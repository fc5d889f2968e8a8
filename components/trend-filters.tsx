import type { InputIssue } from "@/lib/errors/app-error";
import type { TrendFilters } from "@/lib/trends/filters";

/**
 * A plain GET form: filters live in the URL, so every view is a permalink and works without JavaScript. Unset month
 * bounds show the data's first and last month (an empty month input reads "--------- ----"); the same span is the
 * default, so submitting them unchanged selects the same rows. On a page pinned to a release the form carries the
 * release, so applying a filter stays on it.
 */
export function TrendFiltersForm({
  action,
  filters,
  issues,
  precincts,
  callTypes,
  firstMonth,
  lastMonth,
  release,
}: {
  action: string;
  /** The release the page is pinned to (lib/http/public-page.ts), kept by the form and its reset link. */
  release?: string;
  filters: TrendFilters;
  /** What the URL got wrong (shown above the form; the filters are the defaults then). */
  issues: InputIssue[];
  precincts: string[];
  callTypes: string[];
  firstMonth: string | null;
  lastMonth: string | null;
}) {
  return (
    <form method="get" action={action} className="filters" aria-label="Filters">
      {release && <input type="hidden" name="release" value={release} />}
      {issues.length > 0 && (
        <div role="alert" className="form-errors">
          <p>Some filters could not be used, so defaults are shown:</p>
          <ul>
            {issues.map(({ message }) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="filters__row">
        <label>
          From (month)
          <input
            type="month"
            name="from"
            defaultValue={filters.from ?? firstMonth ?? ""}
            min={firstMonth ?? undefined}
            max={lastMonth ?? undefined}
          />
        </label>
        <label>
          To (month)
          <input
            type="month"
            name="to"
            defaultValue={filters.to ?? lastMonth ?? ""}
            min={firstMonth ?? undefined}
            max={lastMonth ?? undefined}
          />
        </label>
        <label>
          Precinct
          <select name="precinct" defaultValue={filters.precinct ?? "all"}>
            <option value="all">All precincts</option>
            {precincts.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        {callTypes.length > 0 && (
          <label>
            Initial call type
            <select name="callType" defaultValue={filters.callType ?? "all"}>
              <option value="all">All call types</option>
              {callTypes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Time step
          <select name="granularity" defaultValue={filters.granularity}>
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
            <option value="year">Year</option>
          </select>
        </label>
        <button type="submit">Apply</button>
        <a href={release ? `${action}?release=${encodeURIComponent(release)}` : action}>Reset</a>
      </div>
    </form>
  );
}

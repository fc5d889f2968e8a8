import Link from "next/link";

/** The flags page's filters as a plain GET form, so they work without JavaScript (like the public pages). */
export function EisFlagFilters({
  filter,
  precincts,
  reasons,
  reviewStatuses,
  sorts,
}: {
  filter: {
    show: "flagged" | "all";
    precinct?: string;
    reason?: string;
    review?: string;
    sort: string;
    na: "hide" | "show";
  };
  precincts: string[];
  reasons: { code: string; label: string }[];
  reviewStatuses: Record<string, string>;
  sorts: Record<string, string>;
}) {
  return (
    <form
      method="get"
      action="/staff/eis#latest-run"
      className="filter-bar"
      aria-label="Filter the officers"
      data-testid="eis-filters"
    >
      <div className="form-field">
        <label htmlFor="f-show">Show</label>
        <select id="f-show" name="show" defaultValue={filter.show}>
          <option value="flagged">Flagged officers</option>
          <option value="all">All scored officers</option>
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="f-precinct">Precinct (unit)</label>
        <select id="f-precinct" name="precinct" defaultValue={filter.precinct ?? ""}>
          <option value="">All precincts</option>
          {precincts.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="f-reason">Reason</label>
        <select id="f-reason" name="reason" defaultValue={filter.reason ?? ""}>
          <option value="">Any reason</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="f-review">Review status</label>
        <select id="f-review" name="review" defaultValue={filter.review ?? ""}>
          <option value="">Any status</option>
          {Object.entries(reviewStatuses).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="f-sort">Sort by</label>
        <select id="f-sort" name="sort" defaultValue={filter.sort}>
          {Object.entries(sorts).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="f-na">Officers with no score</label>
        <select id="f-na" name="na" defaultValue={filter.na}>
          <option value="hide">Hide</option>
          <option value="show">Show</option>
        </select>
      </div>
      <button type="submit" className="button">
        Apply
      </button>
      <Link href="/staff/eis">Clear</Link>
    </form>
  );
}

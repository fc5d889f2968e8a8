import { pinnedHref } from "@/lib/charts/types";
import type { ExtractPageData, FilterView } from "@/lib/extracts/page-data";

/**
 * The extract builder's forms: plain GET forms, so the page works without JavaScript and its URL is the permalink.
 * Choosing a dataset is its own form because each dataset has its own filters and columns. On a pinned page both
 * forms carry the release in a hidden field: a GET form replaces the whole query, so without it a change of filter
 * would silently leave the release (issue 18).
 */
function ReleaseField({ data }: { data: ExtractPageData }) {
  return data.release ? <input type="hidden" name="release" value={data.release} /> : null;
}

export function DatasetForm({ data }: { data: ExtractPageData }) {
  return (
    <form method="get" action="/extracts" className="filters" aria-label="Dataset">
      <ReleaseField data={data} />
      <div className="filters__row">
        <label>
          Dataset
          <select name="dataset" defaultValue={data.dataset} className="extract-dataset">
            <optgroup label="Row-level data">
              {data.rowDatasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </optgroup>
            <optgroup label="Published aggregates (the numbers behind each chart)">
              {data.aggregates.map((a) => (
                <option key={a.dataset} value={a.dataset}>
                  {a.title} ({a.chartId})
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <button type="submit">Choose dataset</button>
      </div>
    </form>
  );
}

function FilterControl({ view }: { view: FilterView }) {
  const { def, selected, choices } = view;
  if (def.key === "from" || def.key === "to") {
    return (
      <label>
        {def.label}
        <input type="date" name={def.key} defaultValue={selected[0] ?? ""} />
      </label>
    );
  }
  // Several values (from an API-style permalink) keep a multiple select so that the permalink round-trips.
  const multiple = def.list && selected.length > 1;
  return (
    <label>
      {def.label}
      <select name={def.key} multiple={multiple} defaultValue={multiple ? selected : (selected[0] ?? "")}>
        {!multiple && <option value="">All</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const resetHref = (data: ExtractPageData) => {
  const href = `/extracts?dataset=${data.dataset}`;
  return data.release ? pinnedHref(href, data.release) : href;
};

export function ExtractFiltersForm({ data }: { data: ExtractPageData }) {
  const agg = data.aggregate;
  return (
    <form method="get" action="/extracts" className="filters" aria-label="Filters and columns">
      <input type="hidden" name="dataset" value={data.dataset} />
      <ReleaseField data={data} />
      {data.errors.length > 0 && (
        <div role="alert" className="form-errors">
          <p>Fix these to get an extract:</p>
          <ul>
            {data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {data.ignored.length > 0 && (
        <p className="callout" role="note">
          Not used because they do not apply to this dataset: {data.ignored.join(", ")}.
        </p>
      )}
      <fieldset>
        <legend>Filters</legend>
        <div className="filters__row">
          {data.filters.map((f) => (
            <FilterControl key={f.def.key} view={f} />
          ))}
          {agg && (
            <>
              <label>
                From (month)
                <input
                  type="month"
                  name="from"
                  defaultValue={agg.params.from ?? agg.options.firstMonth ?? ""}
                  min={agg.options.firstMonth ?? undefined}
                  max={agg.options.lastMonth ?? undefined}
                />
              </label>
              <label>
                To (month)
                <input
                  type="month"
                  name="to"
                  defaultValue={agg.params.to ?? agg.options.lastMonth ?? ""}
                  min={agg.options.firstMonth ?? undefined}
                  max={agg.options.lastMonth ?? undefined}
                />
              </label>
              <label>
                Precinct
                <select name="precinct" defaultValue={agg.params.precinct ?? ""}>
                  <option value="">All</option>
                  {agg.options.precincts.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              </label>
              <label>
                Time step
                <select name="granularity" defaultValue={agg.params.granularity ?? "quarter"}>
                  <option value="month">Month</option>
                  <option value="quarter">Quarter</option>
                  <option value="year">Year</option>
                </select>
              </label>
            </>
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Columns (all when none is ticked)</legend>
        <ul className="extract-columns">
          {data.columns.map((c) => (
            <li key={c.key}>
              <label>
                <input type="checkbox" name="columns" value={c.key} defaultChecked={c.checked} />
                <span>
                  <code>{c.key}</code> <span className="extract-columns__desc">{c.description}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="filters__row">
        <button type="submit">Count rows</button>
        <a href={resetHref(data)} data-testid="extract-reset">
          Reset
        </a>
      </div>
    </form>
  );
}

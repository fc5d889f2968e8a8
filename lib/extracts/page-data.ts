import "server-only";
import type { ChartData } from "@/lib/charts/types";
import { getTrendPage, type TrendPage } from "@/lib/dal/charts";
import { pinnedRelease, resolveReleaseParam, withRelease, type PinnedRelease } from "@/lib/dal/releases";
import { db } from "@/lib/db/client";
import { problemsOf } from "@/lib/errors/app-error";
import { listAggregates, readAggregate, type AggregateInfo } from "./aggregates";
import { CATALOGUE } from "./catalogue";
import {
  FILTERS,
  ROW_DATASETS,
  ROW_DATASET_IDS,
  filtersFor,
  isRowDataset,
  type FilterDef,
  type RowDatasetId,
} from "./datasets";
import { activeExtractVersion, countRows, countTemplates } from "./reader";
import { canonicalQuery, describeFilters, parseExtractRequest, splitColumns, type Filters } from "./request";
import { pinnedRowsProblem } from "./resolve";
import type { SearchParams } from "@/lib/trends/filters";

/**
 * Everything the extract builder page shows for a URL: the dataset, its filters with their choices, the columns,
 * the row count of the current selection and the links, which are all the page URL's own parameters (the page URL
 * is the permalink). With `?release=ID` (or inside a page already pinned with `withRelease`) it shows that release:
 * aggregates as the release served them, rows only while the release's version is still the current one (the same
 * rule and message as the API, lib/extracts/resolve.ts), and `query` keeps `release=` so every link stays pinned.
 */

export interface FilterView {
  def: FilterDef;
  selected: string[];
  choices: { value: string; label: string }[];
}

export interface ExtractPageData {
  dataset: string;
  rowDatasets: { id: RowDatasetId; title: string; description: string }[];
  aggregates: AggregateInfo[];
  errors: string[];
  /** Parameters of the URL that do not apply to the chosen dataset (the API would refuse them). */
  ignored: string[];
  filters: FilterView[];
  columns: { key: string; description: string; checked: boolean }[];
  rowCount: number | null;
  /** Crisis datasets: distinct Template IDs (crisis contacts) among the rows, shown beside the row count. */
  templateCount?: number | null;
  version: string | null;
  /** The release shown when the page is pinned (null: the latest). */
  release: string | null;
  /** The filters in words, e.g. "Precinct: West; Force level: Level 2". */
  summary: string;
  query: string;
  aggregate: {
    chart: ChartData;
    page: string;
    params: Record<string, string>;
    options: Awaited<ReturnType<typeof getTrendPage>>["options"];
  } | null;
}

const optionCache = new Map<string, Record<string, string[]>>();
const DATA_CHOICES = [
  "precinct",
  "sector",
  "beat",
  "callType",
  "initialCallType",
  "finalCallType",
  "subjectRace",
  "subjectGender",
];

/** Distinct values of the data-driven filters in a version (cached per version: a version's rows never change). */
async function dataChoices(dataset: RowDatasetId, versionId: number): Promise<Record<string, string[]>> {
  const key = `${dataset}:${versionId}`;
  const hit = optionCache.get(key);
  if (hit) return hit;
  const model = db()[ROW_DATASETS[dataset].model] as unknown as {
    groupBy(a: object): Promise<Record<string, string>[]>;
  };
  const out: Record<string, string[]> = {};
  for (const f of filtersFor(dataset).filter((f) => DATA_CHOICES.includes(f.key))) {
    const rows = await model.groupBy({ by: [f.key], where: { versionId } });
    out[f.key] = rows.map((r) => r[f.key]!).sort((a, b) => a.localeCompare(b));
  }
  optionCache.set(key, out);
  return out;
}

function toSearch(params: SearchParams, skip: string[]): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (skip.includes(k)) continue;
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v])
      if (one !== "" && one !== "all") q.append(k, one);
  }
  return q;
}

const PAGE_OF: Record<string, TrendPage> = {
  "/crisis": "crisis",
  "/use-of-force": "use-of-force",
  "/metrics": "metrics",
};

export async function getExtractPage(params: SearchParams): Promise<ExtractPageData> {
  const current = pinnedRelease();
  if (current) return extractPage(params, current);
  const pin = await resolveReleaseParam(params.release);
  if (!pin.ok) {
    const page = await extractPage(params, null);
    return { ...page, errors: [pin.error.message, ...page.errors] };
  }
  return withRelease(pin.value, () => extractPage(params, pin.value));
}

const withPin = (query: string, pin: PinnedRelease | null) =>
  pin ? `${query ? `${query}&` : "?"}release=${pin.number}` : query;

async function extractPage(params: SearchParams, pin: PinnedRelease | null): Promise<ExtractPageData> {
  const aggregates = await listAggregates();
  const requested = typeof params.dataset === "string" ? params.dataset : "use-of-force";
  const known = isRowDataset(requested) || aggregates.some((a) => a.dataset === requested);
  const dataset = known ? requested : "use-of-force";
  const base: ExtractPageData = {
    dataset,
    rowDatasets: ROW_DATASET_IDS.map((id) => ({
      id,
      title: ROW_DATASETS[id].title,
      description: ROW_DATASETS[id].description,
    })),
    aggregates,
    errors: known ? [] : [`There is no dataset "${requested.slice(0, 80)}"; showing use-of-force.`],
    ignored: [],
    filters: [],
    columns: [],
    rowCount: null,
    version: null,
    release: pin?.number ?? null,
    summary: "",
    query: "",
    aggregate: null,
  };
  const search = toSearch(params, ["dataset", "limit", "cursor", "format", "release"]);

  if (!isRowDataset(dataset)) {
    const info = aggregates.find((a) => a.dataset === dataset)!;
    const parsed = await readAggregate(info.chartId, search);
    const trend = await getTrendPage(PAGE_OF[info.page] ?? "metrics", {});
    if (!parsed || !parsed.ok)
      return { ...base, errors: [...base.errors, ...(parsed && !parsed.ok ? problemsOf(parsed.error) : [])] };
    const { chart, filters, columns, columnsChosen } = parsed.value;
    const query = new URLSearchParams(filters);
    if (columnsChosen) query.set("columns", columns.map((c) => c.key).join(","));
    return {
      ...base,
      columns: chart.columns.map((c) => ({ key: c.key, description: c.label, checked: columns.includes(c) })),
      rowCount: chart.rows.length,
      version: chart.sources.map((s) => s.label).join("+") || null,
      summary:
        Object.entries(filters)
          .map(([k, v]) => `${k}: ${v}`)
          .join("; ") || "none (the chart's defaults)",
      query: withPin(query.size ? `?${query}` : "", pin),
      aggregate: { chart, page: info.page, params: filters, options: trend.options },
    };
  }

  // Parameters of another dataset (e.g. after switching datasets) are set aside with a note, not refused.
  const applicable = new Set(["columns", ...filtersFor(dataset).map((f) => f.key)]);
  const ignored = [...new Set(search.keys())].filter((k) => !applicable.has(k));
  for (const k of ignored) search.delete(k);
  const columnKeys = CATALOGUE[dataset].map((c) => c.key);
  const strayColumns = splitColumns(search.getAll("columns")).filter((c) => !columnKeys.includes(c));
  if (strayColumns.length) {
    search.set(
      "columns",
      splitColumns(search.getAll("columns"))
        .filter((c) => columnKeys.includes(c))
        .join(","),
    );
    ignored.push(...strayColumns.map((c) => `column ${c}`));
  }
  const version = await activeExtractVersion(db(), dataset);
  const unpinnable = pin && version ? pinnedRowsProblem(pin, dataset, version) : null;
  const choices = version ? await dataChoices(dataset, version.id) : {};
  const parsed = parseExtractRequest(dataset, search);
  const selected: Filters = parsed.ok
    ? parsed.value.filters
    : Object.fromEntries(filtersFor(dataset).map((f) => [f.key, search.getAll(f.key)]));
  const chosen = parsed.ok ? parsed.value.columns.map((c) => c.key) : columnKeys;
  const filters = FILTERS.filter((f) => f.appliesTo.includes(dataset)).map((def) => {
    const v = selected[def.key];
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    const values = def.choices ? Object.keys(def.choices) : [...new Set([...(choices[def.key] ?? []), ...list])];
    return { def, selected: list, choices: values.map((value) => ({ value, label: def.choices?.[value] ?? value })) };
  });
  return {
    ...base,
    ignored,
    errors: [
      ...base.errors,
      ...(parsed.ok ? [] : problemsOf(parsed.error)),
      ...(version ? [] : ["This dataset has not been loaded yet."]),
      ...(unpinnable ? [unpinnable] : []),
    ],
    filters,
    columns: CATALOGUE[dataset].map((c) => ({
      key: c.key,
      description: c.description,
      checked: chosen.includes(c.key),
    })),
    rowCount: parsed.ok && version ? await countRows(db(), parsed.value, version) : null,
    templateCount: parsed.ok && version ? await countTemplates(db(), parsed.value, version) : null,
    version: version?.label ?? null,
    summary: parsed.ok ? describeFilters(dataset, parsed.value.filters) : "",
    query: parsed.ok ? withPin(canonicalQuery(parsed.value), pin) : "",
  };
}

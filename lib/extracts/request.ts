import { z } from "zod";
import { firstIssueMessage } from "@/lib/errors/zod";
import { fail, invalidInput, ok, type Result } from "@/lib/errors/app-error";
import { CATALOGUE, type ExtractColumn } from "./catalogue";
import { CONTROL_PARAMS, FILTERS, filtersFor, MAX_LIMIT, type RowDatasetId } from "./datasets";

/**
 * An extract request, read from a URL's query: the same parameters drive the CSV, the JSON pages, the manifest, the
 * ZIP and the extract page, so a permalink reproduces the extract exactly. Every problem is reported with what to fix.
 */
export type Filters = Record<string, string | string[]>;

export interface ExtractRequest {
  dataset: RowDatasetId;
  columns: ExtractColumn[];
  /** True when the columns were chosen (not the default "all columns"). */
  columnsChosen: boolean;
  filters: Filters;
  limit: number | null;
  cursor: { versionId: number; afterId: number } | null;
  format: "csv" | "json";
}

const limitSchema = z
  .string()
  .regex(/^\d+$/, "limit must be a whole number")
  .transform(Number)
  .pipe(z.number().min(1, "limit must be at least 1").max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`));
const cursorSchema = z
  .string()
  .regex(/^\d{1,12}-\d{1,12}$/, "cursor must be the nextCursor value of a previous page")
  .transform((s) => ({ versionId: Number(s.split("-")[0]), afterId: Number(s.split("-")[1]) }));
const formatSchema = z.enum(["csv", "json"], { error: "format must be csv or json" });

/** `columns=a,b&columns=c` and checkboxes (`columns=a&columns=b`) both work; order is kept, repeats dropped. */
export function splitColumns(values: string[]): string[] {
  return [
    ...new Set(
      values
        .flatMap((v) => v.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseExtractRequest(dataset: RowDatasetId, query: URLSearchParams): Result<ExtractRequest> {
  const errors: string[] = [];
  const allowedFilters = filtersFor(dataset);
  const allowed = new Set<string>([...CONTROL_PARAMS, ...allowedFilters.map((f) => f.key)]);
  for (const key of new Set(query.keys())) {
    if (allowed.has(key)) continue;
    const elsewhere = FILTERS.find((f) => f.key === key);
    // `release` is read before this parse, by the route (lib/extracts/resolve.ts), and removed from the query.
    errors.push(
      elsewhere
        ? `filter '${key}' does not apply to ${dataset} (it applies to ${elsewhere.appliesTo.join(", ")})`
        : `unknown parameter '${key}'; parameters for ${dataset}: ${[...allowed].join(", ")}`,
    );
  }

  const catalogue = CATALOGUE[dataset];
  const requested = splitColumns(query.getAll("columns"));
  const unknown = requested.filter((c) => !catalogue.some((col) => col.key === c));
  for (const c of unknown)
    errors.push(`unknown column '${c}'; available: ${catalogue.map((col) => col.key).join(", ")}`);
  const columns = requested.length ? requested.flatMap((k) => catalogue.filter((c) => c.key === k)) : [...catalogue];

  const filters: Filters = {};
  for (const f of allowedFilters) {
    const raw = query.getAll(f.key).filter((v) => v !== "");
    if (raw.length === 0) continue;
    if (!f.list && raw.length > 1) {
      errors.push(`${f.key}: give one value (got ${raw.length})`);
      continue;
    }
    if (raw.length > 100) {
      errors.push(`${f.key}: at most 100 values`);
      continue;
    }
    const values: string[] = [];
    for (const v of raw) {
      const r = f.value.safeParse(v);
      if (r.success) values.push(r.data);
      else errors.push(`${f.key}: '${v.slice(0, 80)}' ${firstIssueMessage(r.error) ?? "is not valid"}`);
    }
    if (values.length === raw.length) filters[f.key] = f.list ? [...new Set(values)] : values[0]!;
  }
  if (typeof filters.from === "string" && typeof filters.to === "string" && filters.to < filters.from) {
    errors.push(`to must not be before from (from ${filters.from}, to ${filters.to})`);
  }

  const one = <T>(key: string, schema: z.ZodType<T>): T | null => {
    const raw = query.getAll(key);
    if (raw.length === 0 || raw[0] === "") return null;
    if (raw.length > 1) {
      errors.push(`${key}: give one value (got ${raw.length})`);
      return null;
    }
    const r = schema.safeParse(raw[0]);
    if (r.success) return r.data;
    errors.push(firstIssueMessage(r.error) ?? `${key} is not valid`);
    return null;
  };
  const limit = one("limit", limitSchema);
  const cursor = one("cursor", cursorSchema);
  const format = one("format", formatSchema) ?? "csv";

  // The API's documented error code for a request it cannot read.
  if (errors.length) return fail(invalidInput(errors, { reason: "invalid_request" }));
  // Every column in catalogue order is the default: left out of permalinks so that they stay short and stable.
  const columnsChosen = requested.length > 0 && requested.join(",") !== catalogue.map((c) => c.key).join(",");
  return ok({ dataset, columns, columnsChosen, filters, limit, cursor, format });
}

/**
 * The canonical query of a request (fixed parameter order, defaults left out): used for permalinks, the links
 * between CSV, JSON, manifest and ZIP, and the manifest's record of what was asked.
 */
export function canonicalQuery(
  req: Pick<ExtractRequest, "dataset" | "columns" | "columnsChosen" | "filters">,
  extra: Record<string, string | number | null> = {},
): string {
  const q = new URLSearchParams();
  if (req.columnsChosen) q.set("columns", req.columns.map((c) => c.key).join(","));
  for (const f of filtersFor(req.dataset)) {
    const v = req.filters[f.key];
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(f.key, one);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** A readable summary of the filters, e.g. for the page and the manifest. */
export function describeFilters(dataset: RowDatasetId, filters: Filters): string {
  const parts = filtersFor(dataset)
    .filter((f) => filters[f.key] !== undefined)
    .map((f) => {
      const v = filters[f.key]!;
      const values = (Array.isArray(v) ? v : [v]).map((x) => f.choices?.[x] ?? x);
      return `${f.label}: ${values.join(" or ")}`;
    });
  return parts.length ? parts.join("; ") : "none (every row of the version)";
}

import { z } from "zod";
import { DATA_STATUS_KEY } from "@/lib/charts/publish";
import { SimParams } from "@/lib/coverage/params";
import { RELEASE_NUMBER } from "@/lib/pipeline/release-changelog";
import { AlternativeRule } from "@/lib/trends/alternative-rule";
import { CommunityFilters } from "@/lib/community/filters";
import { TrendFilters } from "@/lib/trends/filters";
import type { AggregateInfo } from "./aggregates";
import { CATALOGUE, type ExtractColumn } from "./catalogue";
import { AGGREGATE_PREFIX, MAX_LIMIT, ROW_DATASETS, ROW_DATASET_IDS, filtersFor, type RowDatasetId } from "./datasets";

/**
 * The OpenAPI 3.1 description of the public API, written from the same filter table, zod schemas and column
 * catalogue that validate and answer requests, so the document cannot drift from the code.
 */
type Json = Record<string, unknown>;
const schemaOf = (s: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});
const ERRORS = {
  "400": errorResponse(
    "Bad input; the message says what to fix (unknown column or parameter, inverted dates, limit above 10000, malformed value, malformed release id: code invalid_release; a row extract pinned to a release whose version was superseded: code release_rows_unavailable).",
  ),
  "404": errorResponse("No such dataset, or no such release (never made or pruned: code unknown_release)."),
  "429": {
    ...errorResponse("Too many requests from this client (per app instance); wait Retry-After seconds."),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
  "503": errorResponse("The dataset has not been loaded yet."),
};
const RELEASE_HEADER = {
  "X-Release": {
    description: "The release the answer serves: the one pinned with ?release=, else the latest.",
    schema: { type: "string" },
  },
};
/** `?release=ID` on every route: the answer as that release served it (see /releases). */
const releaseParam = (rows: boolean) => ({
  name: "release",
  in: "query",
  description: rows
    ? "A release id (e.g. 2026.12.1): only while that release's version of the dataset is still the current one (the rows of superseded versions are not kept); otherwise 400 release_rows_unavailable."
    : "A release id (e.g. 2026.12.1): the answer exactly as that release served it (its stored results, dataset versions and notes). Default: the latest.",
  schema: { type: "string", pattern: RELEASE_NUMBER.source },
});
const PROVENANCE_HEADERS = {
  ...RELEASE_HEADER,
  "X-Dataset-Version": {
    description: "Label of the dataset version(s) the data comes from.",
    schema: { type: "string" },
  },
  "X-Methodology-Version": {
    description: "Methodology version of the portal's published figures.",
    schema: { type: "string" },
  },
  "Content-Disposition": {
    description: "attachment; the file name carries the dataset version.",
    schema: { type: "string" },
  },
};

const columnsParam = (names: string[] | null) => ({
  name: "columns",
  in: "query",
  style: "form",
  explode: false,
  description:
    "Columns in the order wanted, comma-separated (or repeated). Default: all." +
    (names ? ` Available: ${names.join(", ")}.` : ""),
  schema: { type: "array", items: names ? { type: "string", enum: names } : { type: "string" } },
});
const formatParam = {
  name: "format",
  in: "query",
  description: "csv (default) or json.",
  schema: { type: "string", enum: ["csv", "json"], default: "csv" },
};

function rowParams(dataset: RowDatasetId, paged: boolean): Json[] {
  const filters = filtersFor(dataset).map((f) => ({
    name: f.key,
    in: "query",
    description: f.description + (f.list ? " Repeat the parameter for several values (either matches)." : ""),
    ...(f.list
      ? { style: "form", explode: true, schema: { type: "array", items: schemaOf(f.value) } }
      : { schema: schemaOf(f.value) }),
  }));
  const paging = [
    {
      name: "limit",
      in: "query",
      description: `Rows per JSON page (default 1000), or the most rows of a CSV. At most ${MAX_LIMIT}.`,
      schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT },
    },
    {
      name: "cursor",
      in: "query",
      description: "nextCursor of the previous page.",
      schema: { type: "string", pattern: "^\\d+-\\d+$" },
    },
  ];
  return [
    columnsParam(CATALOGUE[dataset].map((c) => c.key)),
    ...filters,
    ...(paged ? [...paging, formatParam] : []),
    releaseParam(true),
  ];
}

function aggregateParams(chartIds: string[], paged: boolean): Json[] {
  const trend = Object.entries(TrendFilters.shape).map(([name, s]) => ({
    name,
    in: "query",
    description: "As on the chart's page.",
    schema: schemaOf(s as z.ZodType),
  }));
  const rule = Object.entries(AlternativeRule.shape).map(([name, s]) => ({
    name,
    in: "query",
    description: "alt-* charts only: the alternative-response rule.",
    schema: schemaOf(s as z.ZodType),
  }));
  const community = Object.entries(CommunityFilters.shape).map(([name, s]) => ({
    name,
    in: "query",
    description:
      name === "precinct"
        ? "As on the chart's page (trend charts), or the community page's precinct (community-* charts)."
        : "community-* charts only: a year (default: the complete-year period).",
    schema: schemaOf(s as z.ZodType),
  }));
  const sim = Object.entries(SimParams.shape).map(([name, s]) => ({
    name,
    in: "query",
    description:
      "alt-heatmap and alt-sim-* charts only: the coverage simulator's parameters (see /alternative-response#coverage-model).",
    schema: schemaOf(s as z.ZodType),
  }));
  const chartId = {
    name: "chartId",
    in: "path",
    required: true,
    description: "A chart id (as listed). cit-* charts take no filter.",
    schema: { type: "string", enum: chartIds },
  };
  const names = new Set([...trend, ...rule, ...sim].map((p) => p.name));
  return [
    chartId,
    columnsParam(null),
    ...trend,
    ...rule,
    ...sim,
    ...community.filter((p) => !names.has(p.name)),
    ...(paged ? [formatParam] : []),
    releaseParam(false),
  ];
}

const COLUMN_TYPE: Record<ExtractColumn["type"], Json> = {
  string: { type: ["string", "null"] },
  integer: { type: ["integer", "null"] },
  boolean: { type: ["boolean", "null"] },
  datetime: {
    type: ["string", "null"],
    pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$",
    description: "Seattle local time, no offset",
  },
};

const rowSchema = (dataset: RowDatasetId): Json => ({
  type: "object",
  description: ROW_DATASETS[dataset].description,
  required: [DATA_STATUS_KEY],
  properties: {
    ...Object.fromEntries(
      CATALOGUE[dataset].map((c) => [c.key, { ...COLUMN_TYPE[c.type], description: c.description }]),
    ),
    [DATA_STATUS_KEY]: {
      type: "string",
      enum: ["real", "synthetic", "mixed"],
      description:
        "On every row (the last CSV column, whatever columns are chosen): real (Seattle's published records) or synthetic (a generated sample).",
    },
  },
});

const page = (rows: Json): Json => ({
  type: "object",
  required: ["dataset", "version", "columns", "rows", "nextCursor"],
  properties: {
    dataset: { type: "string" },
    version: { type: "string" },
    release: { type: ["object", "null"], description: "The release served: id, pinned, url" },
    columns: { type: "array", items: { type: "string" } },
    dataStatus: {
      type: "string",
      enum: ["real", "synthetic", "mixed"],
      description: "synthetic: a generated sample, not Seattle's records",
    },
    stamp: { type: ["string", "null"] },
    smallCounts: { type: "object", description: "Aggregates: the small-count policy (reliability; nothing withheld)" },
    filters: { type: "object" },
    totalRows: { type: "integer" },
    limit: { type: "integer" },
    rows: { type: "array", items: rows },
    nextCursor: { type: ["string", "null"] },
    links: { type: "object" },
  },
});

function extractPaths(path: string, params: Json[], manifestParams: Json[], rows: Json, tag: string): Json {
  const ok = (content: Json, description: string) => ({
    "200": { description, headers: PROVENANCE_HEADERS, content },
    ...ERRORS,
  });
  return {
    [path]: {
      get: {
        tags: [tag],
        summary: "CSV extract (streamed) or a JSON page",
        parameters: params,
        responses: ok(
          { "text/csv": { schema: { type: "string" } }, "application/json": { schema: page(rows) } },
          "CSV (UTF-8, RFC 4180 quoting; every row ends with data_status: real, synthetic or mixed) or JSON page",
        ),
      },
    },
    [`${path}/manifest`]: {
      get: {
        tags: [tag],
        summary: "Manifest: provenance of the same extract",
        parameters: manifestParams,
        responses: ok({ "application/json": { schema: ref("Manifest") } }, "Manifest"),
      },
    },
    [`${path}/zip`]: {
      get: {
        tags: [tag],
        summary: "ZIP: CSV + data dictionary + manifest (with the CSV's sha256)",
        parameters: manifestParams,
        responses: ok({ "application/zip": { schema: { type: "string", contentEncoding: "binary" } } }, "ZIP archive"),
      },
    },
  };
}

export function openApiDocument(aggregates: AggregateInfo[]): Json {
  const chartIds = aggregates.map((a) => a.chartId);
  const paths: Json = {};
  // The manifest and ZIP routes parse the same request as the extract (limit and cursor apply to them too).
  for (const id of ROW_DATASET_IDS)
    Object.assign(
      paths,
      extractPaths(
        `/api/v1/extracts/${id}`,
        rowParams(id, true),
        rowParams(id, true),
        ref(`Row_${id.replace(/-/g, "_")}`),
        "Row extracts",
      ),
    );
  Object.assign(
    paths,
    extractPaths(
      `/api/v1/extracts/${AGGREGATE_PREFIX}{chartId}`,
      aggregateParams(chartIds, true),
      aggregateParams(chartIds, false),
      { type: "object" },
      "Aggregates",
    ),
  );
  paths["/api/v1/charts/{id}"] = {
    get: {
      tags: ["Aggregates"],
      summary: "CSV of one chart's numbers, as on its page (column labels as headers)",
      parameters: [
        { ...aggregateParams(chartIds, false)[0], name: "id" },
        ...aggregateParams(chartIds, false).slice(2),
      ],
      responses: {
        "200": { description: "CSV", headers: RELEASE_HEADER, content: { "text/csv": { schema: { type: "string" } } } },
        "400": ERRORS["400"],
        "404": ERRORS["404"],
      },
    },
  };
  paths["/api/v1/dictionary/{dataset}"] = {
    get: {
      tags: ["Documentation"],
      summary: "Data dictionary of a dataset (JSON, or CSV with format=csv)",
      parameters: [
        {
          name: "dataset",
          in: "path",
          required: true,
          schema: { type: "string", enum: [...ROW_DATASET_IDS, ...aggregates.map((a) => a.dataset)] },
        },
        { name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"], default: "json" } },
        releaseParam(false),
      ],
      responses: {
        "200": {
          description: "Dictionary",
          headers: RELEASE_HEADER,
          content: { "application/json": { schema: ref("Dictionary") }, "text/csv": { schema: { type: "string" } } },
        },
        "400": ERRORS["400"],
        "404": ERRORS["404"],
      },
    },
  };
  paths["/api/v1/openapi.json"] = {
    get: {
      tags: ["Documentation"],
      summary: "This document (with release: the aggregates that release had)",
      parameters: [releaseParam(false)],
      responses: {
        "200": { description: "OpenAPI 3.1", headers: RELEASE_HEADER, content: { "application/json": {} } },
        "400": ERRORS["400"],
        "404": ERRORS["404"],
      },
    },
  };

  return {
    openapi: "3.1.0",
    info: {
      title: "Seattle crisis response and use of force: open data API",
      version: "1",
      description:
        "Row extracts from the active dataset versions (only fields Seattle publishes, plus documented derived columns) and the aggregates behind every chart, with the same small-count flags as the charts (nothing is withheld; values resting on small counts are listed in the unstable column). " +
        "Every response names its dataset version (X-Dataset-Version) and its release (X-Release); manifests give source URL, retrieval time, source sha256, filters, row count, methodology version and release. " +
        "Any answer can be pinned with ?release=ID (see /releases): aggregates, chart CSVs, dictionaries and this document as that release served them; row extracts only while the release's version of the dataset is still the current one (older rows are not kept). " +
        "Extract routes are rate limited per client address and per app instance (429 with Retry-After). Aggregates (chart ids): " +
        aggregates.map((a) => `${a.chartId} (${a.title})`).join("; "),
      license: { name: "Data: public domain (City of Seattle open data)" },
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" } },
            },
          },
        },
        Manifest: {
          type: "object",
          required: ["dataset", "version", "sources", "filters", "rowCount", "methodologyVersion", "generatedAt"],
          properties: {
            dataset: { type: "string" },
            title: { type: "string" },
            version: { type: "string" },
            sourceUrl: { type: ["string", "null"] },
            retrievedAt: { type: ["string", "null"] },
            sha256: { type: ["string", "null"], description: "sha256 of the source file or pull" },
            sources: { type: "array", items: { type: "object" } },
            filters: { type: "object" },
            filtersDescription: { type: "string" },
            columns: { type: "array", items: { type: "string" } },
            rowCount: { type: "integer" },
            methodologyVersion: { type: "string" },
            release: {
              type: ["object", "null"],
              description: "The release served: id, pinned (true when asked with ?release=), url",
            },
            generatedAt: {
              type: "string",
              format: "date-time",
              description:
                "When the manifest was made; pinned: the release's creation time (pinned manifests repeat byte for byte)",
            },
            links: { type: "object" },
            smallCounts: { type: "object" },
            file: { type: "object" },
            dataStatus: { type: "string", enum: ["real", "synthetic", "mixed"] },
            stamp: { type: ["string", "null"], description: "The visible label of synthetic data" },
          },
        },
        Dictionary: {
          type: "object",
          properties: {
            dataset: { type: "string" },
            title: { type: "string" },
            notes: { type: "array", items: { type: "string" } },
            columns: { type: "array", items: { type: "object" } },
          },
        },
        ...Object.fromEntries(ROW_DATASET_IDS.map((id) => [`Row_${id.replace(/-/g, "_")}`, rowSchema(id)])),
      },
    },
  };
}

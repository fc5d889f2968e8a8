import "server-only";
import { stringify } from "csv-stringify/sync";
import { manifestNotes } from "@/lib/charts/csv-table";
import { db } from "@/lib/db/client";
import { DATA_STATUS_KEY, dataStatusOf, smallCountPolicy } from "@/lib/charts/publish";
import { stampOf } from "@/lib/charts/stamp";
import { aggregateCells } from "./aggregates";
import { jsonValue, rowColumnKeys } from "./catalogue";
import { csvChunks, newTally, pullStream } from "./csv-stream";
import { ROW_DATASETS } from "./datasets";
import {
  aggregateDictionary,
  buildManifest,
  dictionaryCsv,
  provenanceOf,
  rowDictionary,
  type Dictionary,
  type Manifest,
} from "./provenance";
import { countRows, readPages } from "./reader";
import { releaseHeaders, releaseOf } from "./pin";
import { canonicalQuery, describeFilters } from "./request";
import { fileBase, versionOf, type Resolved } from "./resolve";
import { textChunk, zipChunks } from "./zip";

/**
 * The responses of the extract API for a validated request: CSV (streamed for row data), JSON pages, the manifest
 * and the ZIP (CSV + data dictionary + manifest). Every one names the dataset version in X-Dataset-Version and links
 * its manifest, so any download can be paired with its provenance, and its release in X-Release (and `release` in
 * JSON bodies and manifests). A pinned request's links keep `release=`, so following them stays in that release.
 */
export const DEFAULT_JSON_LIMIT = 1_000;

/** The canonical query (filters, columns and a pinned release; no paging or format) that every link of one extract shares. */
export function queryOf(r: Resolved, more: Record<string, string | number | null> = {}): string {
  const extra = { release: r.release.pinned ? r.release.id : null, ...more };
  if (r.kind === "rows") return canonicalQuery(r.req, extra);
  const q = new URLSearchParams(r.agg.filters);
  if (r.agg.columnsChosen) q.set("columns", r.agg.columns.map((c) => c.key).join(","));
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const withParam = (query: string, param: string) => (query ? `${query}&${param}` : `?${param}`);

export function linksOf(r: Resolved): Manifest["links"] {
  const q = queryOf(r);
  const base = `${r.origin}/api/v1/extracts/${r.dataset}`;
  return {
    csv: `${base}${q}`,
    json: `${base}${withParam(q, "format=json")}`,
    dictionary: `${r.origin}/api/v1/dictionary/${r.dataset}${r.release.pinned ? `?release=${r.release.id}` : ""}`,
    permalink: `${r.origin}/extracts${q ? `?dataset=${r.dataset}&${q.slice(1)}` : `?dataset=${r.dataset}`}`,
  };
}

function headers(r: Resolved, methodologyVersion: string): Record<string, string> {
  return {
    "X-Dataset-Version": versionOf(r),
    "X-Data-Status": dataStatusOf(r.kind === "rows" ? [r.version] : r.sources),
    "X-Methodology-Version": methodologyVersion,
    ...releaseHeaders(r.release),
    Link: `<${r.origin}/api/v1/extracts/${r.dataset}/manifest${queryOf(r)}>; rel="describedby"; type="application/json"`,
    "Cache-Control": "public, max-age=60",
  };
}

const methodologyOf = (r: Resolved) => r.methodologyVersion;
const paging = (r: Resolved) => (r.kind === "rows" ? { limit: r.req.limit, afterId: r.req.cursor?.afterId } : {});

function csvBytes(r: Resolved, tally = newTally()): AsyncGenerator<Uint8Array> {
  if (r.kind === "rows")
    return csvChunks(readPages(db(), r.req, r.version, paging(r)), r.req.columns, dataStatusOf([r.version]), tally);
  const text = stringify(aggregateCells(r.agg), { header: true, columns: r.agg.columns.map((c) => c.key) });
  return (async function* () {
    tally.rows = r.agg.chart.rows.length;
    const bytes = textChunk(text)[0]!;
    tally.bytes = bytes.length;
    tally.hash.update(bytes);
    yield bytes;
  })();
}

export function csvResponse(r: Resolved): Response {
  return new Response(pullStream(csvBytes(r), r.dataset), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileBase(r)}.csv"`,
      ...headers(r, methodologyOf(r)),
    },
  });
}

export async function jsonResponse(r: Resolved): Promise<Response> {
  if (r.kind === "aggregate") {
    const rows = r.agg.chart.rows.map((row) =>
      Object.fromEntries(r.agg.columns.map((c) => [c.key, row[c.key] ?? null])),
    );
    const annotations = manifestNotes(r.notes, r.origin);
    const status = dataStatusOf(r.sources);
    const body = {
      dataset: r.dataset,
      version: versionOf(r),
      release: releaseOf(r.release, r.origin),
      dataStatus: status,
      stamp: stampOf(status),
      smallCounts: smallCountPolicy(r.agg.chart),
      columns: r.agg.columns.map((c) => c.key),
      filters: r.agg.filters,
      totalRows: rows.length,
      rows,
      nextCursor: null,
      links: linksOf(r),
      annotations,
    };
    return Response.json(body, { headers: headers(r, methodologyOf(r)) });
  }
  const limit = r.req.limit ?? DEFAULT_JSON_LIMIT;
  // One row more than asked tells whether another page exists without an empty last page.
  const pages = readPages(db(), r.req, r.version, {
    limit: limit + 1,
    pageSize: limit + 1,
    afterId: r.req.cursor?.afterId,
  });
  const got: Record<string, unknown>[] = [];
  for await (const page of pages) got.push(...page);
  const rows = got.slice(0, limit);
  const nextCursor = got.length > limit ? `${r.version.id}-${rows[rows.length - 1]!.id as number}` : null;
  const status = dataStatusOf([r.version]);
  const body = {
    dataset: r.dataset,
    version: r.version.label,
    release: releaseOf(r.release, r.origin),
    dataStatus: status,
    stamp: stampOf(status),
    columns: rowColumnKeys(r.req.columns),
    filters: r.req.filters,
    totalRows: await countRows(db(), r.req, r.version),
    limit,
    rows: rows.map((row) => ({
      ...Object.fromEntries(r.req.columns.map((c) => [c.key, jsonValue(c, row)])),
      [DATA_STATUS_KEY]: status,
    })),
    nextCursor,
    links: {
      ...linksOf(r),
      next: nextCursor
        ? `${r.origin}/api/v1/extracts/${r.dataset}${queryOf(r, { format: "json", limit, cursor: nextCursor })}`
        : null,
    },
  };
  return Response.json(body, { headers: headers(r, methodologyOf(r)) });
}

export function dictionaryOf(r: Resolved): Dictionary {
  return r.kind === "rows" ? rowDictionary(r.req.dataset) : aggregateDictionary(r.dataset, r.agg.chart);
}

/** The manifest; rowCount is counted (filters, and limit when given) unless the caller counted the rows written. */
export async function manifestOf(
  r: Resolved,
  written?: { rows: number; file: NonNullable<Manifest["file"]> },
): Promise<Manifest> {
  const rows = r.kind === "rows";
  const rowCount =
    written?.rows ??
    (rows ? Math.min(await countRows(db(), r.req, r.version), r.req.limit ?? Infinity) : r.agg.chart.rows.length);
  return buildManifest(
    {
      dataset: r.dataset,
      title: rows ? ROW_DATASETS[r.req.dataset].title : r.agg.chart.title,
      sources: rows ? [provenanceOf(r.version)] : r.sources,
      filters: rows ? r.req.filters : r.agg.filters,
      filtersDescription: rows
        ? describeFilters(r.req.dataset, r.req.filters)
        : Object.entries(r.agg.filters)
            .map(([k, v]) => `${k}: ${v}`)
            .join("; ") || "none",
      columns: rows ? rowColumnKeys(r.req.columns) : r.agg.columns.map((c) => c.key),
      rowCount,
      methodologyVersion: methodologyOf(r),
      release: releaseOf(r.release, r.origin),
      links: linksOf(r),
      ...(rows ? {} : { smallCounts: smallCountPolicy(r.agg.chart) }),
      ...(written ? { file: written.file } : {}),
      annotations: manifestNotes(r.notes, r.origin),
    },
    r.release.pinned && r.release.createdAt ? r.release.createdAt : undefined,
  );
}

export async function manifestResponse(r: Resolved): Promise<Response> {
  return Response.json(await manifestOf(r), { headers: headers(r, methodologyOf(r)) });
}

/** CSV first (streamed and hashed), then the dictionary, then the manifest, which records the CSV's hash and rows. */
export function zipResponse(r: Resolved): Response {
  const base = fileBase(r);
  const tally = newTally();
  const entries = [
    { name: `${base}.csv`, data: () => csvBytes(r, tally) },
    { name: "data-dictionary.csv", data: () => textChunk(dictionaryCsv(dictionaryOf(r))) },
    { name: "data-dictionary.json", data: () => textChunk(JSON.stringify(dictionaryOf(r), null, 2)) },
    {
      name: "manifest.json",
      data: async function* () {
        const file = { name: `${base}.csv`, sha256: tally.hash.digest("hex"), bytes: tally.bytes };
        yield* textChunk(JSON.stringify(await manifestOf(r, { rows: tally.rows, file }), null, 2));
      },
    },
  ];
  return new Response(pullStream(zipChunks(entries), `${r.dataset} zip`), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${base}.zip"`,
      ...headers(r, methodologyOf(r)),
    },
  });
}

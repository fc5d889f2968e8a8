import { stringify } from "csv-stringify/sync";
import type { ManifestNote } from "@/lib/charts/csv-table";
import { stampOf } from "@/lib/charts/stamp";
import {
  COVERAGE_KEY,
  dataStatusOf,
  DATA_STATUS_KEY,
  smallCountRule,
  UNSTABLE_KEY,
  type SmallCountPolicy,
} from "@/lib/charts/publish";
import type { ChartData, DataStatus, ValueFormat } from "@/lib/charts/types";
import { CATALOGUE, type ColumnType } from "./catalogue";
import { ROW_DATASETS, type RowDatasetId } from "./datasets";
import type { ActiveVersion } from "./reader";

/**
 * What travels with every download: the manifest (which data, which version, which filters, how many rows, when)
 * and the data dictionary (what each column means and how the pipeline normalised it, generated from the catalogue,
 * which takes its text from the source mappings).
 */
export interface SourceProvenance {
  dataset: string;
  version: string;
  versionId: number;
  sourceName: string;
  sourceUrl: string;
  retrievedAt: string;
  sha256: string;
  mappingVersion: string;
  synthetic: boolean;
}

export const provenanceOf = (v: ActiveVersion): SourceProvenance => ({
  dataset: v.dataset,
  version: v.label,
  versionId: v.id,
  sourceName: v.sourceName,
  sourceUrl: v.sourceUrl,
  retrievedAt: v.retrievedAt.toISOString(),
  sha256: v.sha256,
  mappingVersion: v.mappingVersion,
  synthetic: v.synthetic,
});

export interface Manifest {
  manifestVersion: 1;
  dataset: string;
  title: string;
  /** Dataset version label(s), '+'-joined when an aggregate combines two datasets. */
  version: string;
  /** Provenance of the single source (row extracts); aggregates list theirs under `sources`. */
  sourceUrl: string | null;
  retrievedAt: string | null;
  sha256: string | null;
  sources: SourceProvenance[];
  filters: Record<string, string | string[]>;
  filtersDescription: string;
  columns: string[];
  rowCount: number;
  methodologyVersion: string;
  /** The release the answer serves: pinned with ?release=ID, else the latest (null before the first release). */
  release: { id: string; pinned: boolean; url: string } | null;
  /** When the answer was made; a pinned answer gives its release's time instead, so it repeats byte for byte. */
  generatedAt: string;
  links: { csv: string; json: string; dictionary: string; permalink: string };
  /** real | synthetic | mixed, from the sources; `stamp` is the visible label for synthetic data (null when real). */
  dataStatus: DataStatus;
  stamp: string | null;
  /** Aggregates: the small-count policy (reliability: nothing withheld, small counts flagged; lib/charts/publish.ts). */
  smallCounts?: SmallCountPolicy;
  /** Published staff notes that apply to this data (site-wide, dataset or chart scope): why numbers may move. */
  annotations?: ManifestNote[];
  /** Only in a ZIP: the CSV file it describes, hashed while it was written. */
  file?: { name: string; sha256: string; bytes: number };
}

export function buildManifest(
  m: Omit<
    Manifest,
    "manifestVersion" | "version" | "sourceUrl" | "retrievedAt" | "sha256" | "generatedAt" | "dataStatus" | "stamp"
  >,
  generatedAt: string = new Date().toISOString(),
): Manifest {
  const single = m.sources.length === 1 ? m.sources[0]! : null;
  const { dataset, title, ...rest } = m;
  return {
    manifestVersion: 1,
    dataset,
    title,
    version: m.sources.map((s) => s.version).join("+") || "no-data",
    dataStatus: dataStatusOf(m.sources),
    stamp: stampOf(dataStatusOf(m.sources)),
    sourceUrl: single?.sourceUrl ?? null,
    retrievedAt: single?.retrievedAt ?? null,
    sha256: single?.sha256 ?? null,
    ...rest,
    generatedAt,
  };
}

export interface DictionaryEntry {
  name: string;
  type: ColumnType | "number";
  description: string;
  normalisation: string;
  sourceColumns: string[];
  derived: boolean;
}

export interface Dictionary {
  dataset: string;
  title: string;
  description: string;
  notes: string[];
  columns: DictionaryEntry[];
}

const COLUMN_NOTES: Record<string, string> = {
  [UNSTABLE_KEY]:
    "Column names (separated by ;) of this row whose value rests on a count below the small-count threshold: shown, but unstable. Empty when none.",
  [COVERAGE_KEY]: "partial when the data cover only part of the period (never compare against it), else complete.",
  [DATA_STATUS_KEY]:
    "real (published source records), synthetic (a generated sample, not Seattle's records) or mixed (both).",
};

const ROW_NOTES = [
  "Rows come from the dataset version named in the manifest and the X-Dataset-Version header; rows that failed validation are quarantined and not included (counts by reason: /data).",
  "Dates and times are Seattle local time as published, written as ISO 8601 without an offset (YYYY-MM-DDTHH:MM:SS).",
  "The last column, data_status, says whether the rows are Seattle's published records (real) or a generated synthetic sample (synthetic): every row carries it, in CSV and JSON.",
  "Yes/no columns are Y or N in CSV and true/false in JSON (cit_certified: N = not certified or not recorded; Seattle's file leaves it empty).",
  "Officer IDs are the keys Seattle publishes. Crisis Data and Use of Force officer IDs are different ID spaces: never join them.",
  "Text is UTF-8; fields are quoted when they contain commas, quotes or line breaks (RFC 4180).",
  "Values are never altered: spreadsheet programs may read a value that starts with =, +, - or @ as a formula, so import columns as text.",
];

export function rowDictionary(dataset: RowDatasetId): Dictionary {
  const def = ROW_DATASETS[dataset];
  return {
    dataset,
    title: def.title,
    description: def.description,
    notes: ROW_NOTES,
    columns: [
      ...CATALOGUE[dataset].map((c) => ({
        name: c.key,
        type: c.type,
        description: c.description,
        normalisation: c.normalisation,
        sourceColumns: c.sourceColumns,
        derived: c.derived,
      })),
      {
        name: DATA_STATUS_KEY,
        type: "string",
        description:
          "Data status of the dataset version the row comes from (on every row, whatever columns are chosen).",
        normalisation: COLUMN_NOTES[DATA_STATUS_KEY]!,
        sourceColumns: [],
        derived: true,
      },
    ],
  };
}

const FORMAT_TYPE: Record<ValueFormat, DictionaryEntry["type"]> = {
  int: "integer",
  percent: "number",
  decimal: "number",
  estimate: "number",
  usd: "integer",
  text: "string",
};

export function aggregateDictionary(dataset: string, chart: ChartData): Dictionary {
  return {
    dataset,
    title: chart.title,
    description: `The numbers behind the chart "${chart.title}", as shown on the site with the same filters.`,
    notes: [
      ...chart.definitions,
      ...chart.notes,
      smallCountRule(chart.smallCountThreshold),
      `Methodology: ${chart.methodologyHref}`,
    ],
    columns: chart.columns.map((c) => ({
      name: c.key,
      type: FORMAT_TYPE[c.format],
      description: c.label,
      normalisation:
        c.format === "percent"
          ? "A share between 0 and 1 (not multiplied by 100)."
          : c.format === "int"
            ? "A count (exact; never withheld)."
            : c.format === "usd"
              ? "US dollars, whole (an estimate from the stated assumptions; empty when it cannot be computed)."
              : (COLUMN_NOTES[c.key] ?? ""),
      sourceColumns: [],
      derived: true,
    })),
  };
}

export function dictionaryCsv(d: Dictionary): string {
  return stringify(
    d.columns.map((c) => [
      c.name,
      c.type,
      c.description,
      c.normalisation,
      c.sourceColumns.join("; "),
      c.derived ? "derived" : "published",
    ]),
    { header: true, columns: ["column", "type", "description", "normalisation", "source_columns", "origin"] },
  );
}

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CsvError, parse } from "csv-parse";
import type { z } from "zod";
import { issueLines } from "@/lib/errors/zod";
import { bulkInsert } from "@/lib/db/bulk-insert";
import { providerOfDb, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capDetail, capRaw, checkActivation, cleanExcerpt, CsvFormatError } from "./guards";
import { QUARANTINE_REASONS, type QuarantineReason } from "./normalise";
import { MAX_RECORD_BYTES, oversizedRecord, RecordSizeGuard } from "./record-guard";
import { SOURCES, type SourceKey } from "./sources";
import { isMappedDisposition } from "./sources/crisis-dispositions";
import { resolveHeader } from "./sources/types";
import {
  activateVersion,
  type ComputeResults,
  activeVersion,
  cleanupStaleLoads,
  failVersion,
  heartbeat,
  IngestBusyError,
  isSecondLoad,
  keepAlive,
  loaderIdentity,
} from "./versions";
import { crisisWriter, uofWriter, type DatasetWriter, type Numbered } from "./writers";

export interface IngestInput {
  source: SourceKey;
  filePath: string;
  origin: "file" | "pull" | "sample";
  /** Where the data came from: the API address for pulls, the dataset page otherwise. */
  sourceUrl?: string;
  inputName?: string;
  retrievedAt?: Date;
  /** When the publisher last changed the data (pull metadata); none for files and the sample. */
  upstreamUpdatedAt?: Date | null;
  synthetic?: boolean;
  /** Activate even when the new version has more than INGEST_MAX_SHRINK fewer rows than the active one. */
  allowShrink?: boolean;
  onProgress?: (rowsRead: number) => void;
  /** The results written in the same transaction as the switch to active (lib/pipeline/results.ts computeAllResults). */
  computeResults: ComputeResults;
}

export interface IngestReport {
  dataset: string;
  status: "loaded" | "unchanged";
  versionId: number;
  label: string;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  quarantineByReason: Partial<Record<QuarantineReason, number>>;
  derived: Record<string, number>;
  unmappedValues: Record<string, number>;
  periodStart: string | null;
  periodEnd: string | null;
}

const BATCH = 1000;

export async function sha256File(filePath: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function versionLabel(dataset: string, retrievedAt: Date, sha256: string, synthetic: boolean): string {
  return `${dataset}@${retrievedAt.toISOString().slice(0, 10)}.${sha256.slice(0, 8)}${synthetic ? " (synthetic)" : ""}`;
}

/**
 * Loads one CSV file as a new version of its dataset: streaming parse, per-row validation, quarantine with reasons,
 * exact row accounting (read = loaded + quarantined), then an atomic switch. Loading the same bytes with the same
 * mapping again changes nothing. Before the switch, lib/ingest/guards.ts refuses a load with no rows or far fewer
 * rows than the active version; records are bounded in size (lib/ingest/record-guard.ts), as are quarantined rows.
 */
export async function loadDatasetFile(db: Db, input: IngestInput): Promise<IngestReport> {
  const mapping = SOURCES[input.source];
  const sha256 = await sha256File(input.filePath);
  const current = await activeVersion(db, mapping.dataset);
  if (current && current.sha256 === sha256 && current.mappingVersion === mapping.mappingVersion) {
    return reportOf(current, "unchanged", {}, {}, {});
  }
  await cleanupStaleLoads(db, mapping.dataset);
  // WAL keeps the database consistent on a crash; NORMAL skips an fsync per statement during bulk loads.
  if (providerOfDb(db) === "sqlite") await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");

  const retrievedAt = input.retrievedAt ?? fs.statSync(input.filePath).mtime;
  const synthetic = input.synthetic ?? input.origin === "sample";
  // The partial unique index allows one "loading" version per dataset: a concurrent loader that got here first wins.
  const version = await db.datasetVersion
    .create({
      data: {
        dataset: mapping.dataset,
        label: versionLabel(mapping.dataset, retrievedAt, sha256, synthetic),
        origin: input.origin,
        sourceName: mapping.sourceName,
        sourceUrl: input.sourceUrl ?? mapping.sourceUrl,
        inputName: input.inputName ?? path.basename(input.filePath),
        retrievedAt,
        upstreamUpdatedAt: input.upstreamUpdatedAt ?? null,
        sha256,
        mappingVersion: mapping.mappingVersion,
        synthetic,
        status: "loading",
        ...loaderIdentity(),
      },
    })
    .catch(async (e: unknown) => {
      if (!isSecondLoad(e)) throw e;
      const other = await db.datasetVersion.findFirst({
        where: { dataset: mapping.dataset, status: "loading" },
        select: { id: true },
      });
      throw new IngestBusyError(mapping.dataset, other?.id ?? 0);
    });

  const stopHeartbeat = keepAlive(db, version.id);
  try {
    const writer: DatasetWriter<never> = (
      input.source === "seattle-uof"
        ? await uofWriter(db, version.id, mapping.officerIdSpace)
        : await crisisWriter(db, version.id, mapping.officerIdSpace)
    ) as DatasetWriter<never>;
    const counts = { rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0 };
    const byReason: Partial<Record<QuarantineReason, number>> = {};
    const unmapped: Record<string, number> = {};
    let period: { start: Date | null; end: Date | null } = { start: null, end: null };
    let accepted: Numbered<never>[] = [];
    let quarantined: { sourceRow: number; reason: QuarantineReason; detail: string; raw: string }[] = [];
    const seenIds = new Set<string>();

    const flush = async () => {
      if (accepted.length) await writer.writeBatch(accepted);
      const q = quarantined.map((x) => [version.id, x.sourceRow, x.reason, x.detail, x.raw]);
      await bulkInsert(db, "QuarantinedRow", ["versionId", "sourceRow", "reason", "detail", "raw"], q);
      accepted = [];
      quarantined = [];
      await heartbeat(db, version.id, counts);
      input.onProgress?.(counts.rowsRead);
    };
    const quarantine = (sourceRow: number, reason: QuarantineReason, detail: string, raw: unknown) => {
      counts.rowsQuarantined++;
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      quarantined.push({ sourceRow, reason, detail: capDetail(detail), raw: capRaw(raw) });
    };

    // max_record_size is a backstop: the guard already replaced longer records (bytes >= characters).
    const parser = fs
      .createReadStream(input.filePath)
      .pipe(new RecordSizeGuard())
      .pipe(
        parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 2 * MAX_RECORD_BYTES }),
      );
    let keys: (string | null)[] | null = null;
    for await (const fields of csvRecords(parser)) {
      const oversized = oversizedRecord(fields);
      if (!keys) {
        if (oversized)
          throw new CsvFormatError(
            `The header line is longer than ${MAX_RECORD_BYTES} bytes (${oversized.bytes}): "${cleanExcerpt(oversized.excerpt)}"`,
          );
        keys = resolveHeader(fields, mapping.columns as never);
        continue;
      }
      const sourceRow = ++counts.rowsRead;
      if (oversized) {
        quarantine(
          sourceRow,
          "oversized_record",
          `Row is ${oversized.bytes} bytes, more than the ${MAX_RECORD_BYTES} allowed; it was not read`,
          [oversized.excerpt],
        );
      } else if (fields.length !== keys.length) {
        quarantine(
          sourceRow,
          "malformed_row",
          `Row has ${fields.length} fields, the header has ${keys.length}`,
          fields,
        );
      } else {
        const raw = Object.fromEntries(keys.map((k, i) => [k, fields[i] ?? ""]));
        const mapped = mapping.toRecord(raw as never);
        const checked = mapped.ok ? (mapping.recordSchema as z.ZodType<unknown>).safeParse(mapped.record) : null;
        const outcome =
          checked && !checked.success
            ? {
                ok: false as const,
                reason: "invalid_record" as const,
                detail: issueLines(checked.error!, { root: "" }).join("; "),
              }
            : mapped;
        const uniqueValue = mapping.uniqueKey ? String(raw[mapping.uniqueKey] ?? "").trim() : "";
        if (!outcome.ok) quarantine(sourceRow, outcome.reason, outcome.detail, raw);
        else if (uniqueValue && seenIds.has(uniqueValue))
          quarantine(sourceRow, "duplicate_id", `ID ${uniqueValue} appeared earlier in this input`, raw);
        else {
          if (uniqueValue) seenIds.add(uniqueValue);
          counts.rowsLoaded++;
          const rec = outcome.record as { occurredAt?: Date | null; reportedDate?: Date; disposition?: string };
          const when = rec.reportedDate ?? rec.occurredAt ?? null;
          if (when)
            period = {
              start: !period.start || when < period.start ? when : period.start,
              end: !period.end || when > period.end ? when : period.end,
            };
          if (rec.disposition !== undefined && rec.disposition !== "Unknown" && !isMappedDisposition(rec.disposition)) {
            unmapped[rec.disposition] = (unmapped[rec.disposition] ?? 0) + 1;
          }
          accepted.push({ sourceRow, record: outcome.record as never });
        }
      }
      if (accepted.length + quarantined.length >= BATCH) await flush();
    }
    if (!keys) throw new Error(`${input.filePath} is empty: it has no header line.`);
    await flush();
    if (counts.rowsRead !== counts.rowsLoaded + counts.rowsQuarantined) {
      throw new Error(
        `Row accounting failed: read ${counts.rowsRead} != loaded ${counts.rowsLoaded} + quarantined ${counts.rowsQuarantined}`,
      );
    }
    checkActivation({
      dataset: mapping.dataset,
      ...counts,
      active: await activeVersion(db, mapping.dataset),
      maxShrink: env().INGEST_MAX_SHRINK,
      allowShrink: input.allowShrink ?? false,
    });
    const derived = await writer.finish();
    await activateVersion(db, version.id, input.computeResults, {
      ...counts,
      periodStart: period.start,
      periodEnd: period.end,
    });
    const loaded = await db.datasetVersion.findUniqueOrThrow({ where: { id: version.id } });
    return reportOf(loaded, "loaded", byReason, derived, unmapped);
  } catch (error) {
    await failVersion(db, version.id, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  } finally {
    stopHeartbeat();
  }
}

/** csv-parse's records, with its errors turned into one clean line (line number and excerpt, no stack). */
async function* csvRecords(parser: AsyncIterable<unknown>): AsyncGenerator<string[]> {
  try {
    for await (const fields of parser) yield fields as string[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    throw new CsvFormatError(
      `The input is not well-formed CSV${line ? ` (line ${line})` : ""}: ${cleanExcerpt(e.message.replace(/\s*at line \d+\b/, ""), 200)} [${e.code}]`,
    );
  }
}

function reportOf(
  v: {
    id: number;
    dataset: string;
    label: string;
    sha256: string;
    rowsRead: number;
    rowsLoaded: number;
    rowsQuarantined: number;
    periodStart: Date | null;
    periodEnd: Date | null;
  },
  status: IngestReport["status"],
  quarantineByReason: IngestReport["quarantineByReason"],
  derived: Record<string, number>,
  unmappedValues: Record<string, number>,
): IngestReport {
  return {
    dataset: v.dataset,
    status,
    versionId: v.id,
    label: v.label,
    sha256: v.sha256,
    rowsRead: v.rowsRead,
    rowsLoaded: v.rowsLoaded,
    rowsQuarantined: v.rowsQuarantined,
    quarantineByReason,
    derived,
    unmappedValues,
    periodStart: v.periodStart?.toISOString() ?? null,
    periodEnd: v.periodEnd?.toISOString() ?? null,
  };
}

export { QUARANTINE_REASONS };

import crypto from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { DATA_STATUS_KEY } from "@/lib/charts/publish";
import type { DataStatus } from "@/lib/charts/types";
import { csvValue, type ExtractColumn } from "./catalogue";

/**
 * CSV bytes produced page by page: each page of rows becomes one chunk (csv-stringify does the quoting), so memory
 * holds one page whatever the size of the extract. Also counts rows and hashes the bytes for the ZIP's manifest.
 * Every row ends with the `data_status` column (real | synthetic | mixed) of the version it was read from, like the
 * chart and aggregate CSVs (lib/charts/publish.ts): a row copied out of the file keeps its label. It is required
 * here, so no path (streamed CSV, ZIP, embed) can write rows without it.
 */
export interface CsvTally {
  rows: number;
  bytes: number;
  hash: crypto.Hash;
}

export const newTally = (): CsvTally => ({ rows: 0, bytes: 0, hash: crypto.createHash("sha256") });
const encoder = new TextEncoder();

export async function* csvChunks(
  pages: AsyncIterable<Record<string, unknown>[]>,
  columns: readonly ExtractColumn[],
  dataStatus: DataStatus,
  tally: CsvTally = newTally(),
): AsyncGenerator<Uint8Array> {
  const emit = (text: string) => {
    const bytes = encoder.encode(text);
    tally.bytes += bytes.length;
    tally.hash.update(bytes);
    return bytes;
  };
  yield emit(stringify([[...columns.map((c) => c.key), DATA_STATUS_KEY]]));
  for await (const page of pages) {
    tally.rows += page.length;
    yield emit(stringify(page.map((row) => [...columns.map((c) => csvValue(c, row)), dataStatus])));
  }
}

/**
 * A pull-based byte stream: the next chunk is produced only when the consumer asks for it (at most one chunk
 * queued ahead), so a slow client slows the database reads instead of filling memory. Cancelling (client gone)
 * closes the generator, which stops the reads.
 */
export function pullStream(chunks: AsyncGenerator<Uint8Array>, label: string): ReadableStream<Uint8Array> {
  // A client that goes away (or whose disk fills up) cancels while a chunk is being produced: that chunk is dropped.
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await chunks.next();
        } catch (e) {
          if (cancelled) return;
          // Headers are gone already: failing the stream makes the client see an incomplete download, never a short file.
          console.error(`extract stream failed (${label})`, e);
          controller.error(e);
          return;
        }
        if (cancelled) return;
        try {
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch {
          // The response was closed under us (seen with `next start` when a client disconnects): stop reading.
          cancelled = true;
          await chunks.return(undefined);
        }
      },
      async cancel() {
        cancelled = true;
        await chunks.return(undefined);
      },
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}

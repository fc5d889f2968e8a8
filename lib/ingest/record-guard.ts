import { Transform, type TransformCallback } from "node:stream";

/**
 * Bounds the memory one CSV record can take, before csv-parse sees it. A record longer than `maxBytes` is not
 * passed on: the guard drops its bytes as they arrive (never holding more than `maxBytes` of it) and emits in its
 * place one sentinel record that the loader quarantines as `oversized_record`, so row numbers and the accounting
 * read = loaded + quarantined stay exact. (A 100 MB field once made the loader peak at 1.9 GB.)
 *
 * It tracks RFC 4180 quoting only: `"` toggles "inside quotes" (an escaped `""` toggles twice), and CR or LF
 * outside quotes ends a record. Both are single bytes that never occur inside a multi-byte UTF-8 character.
 */
export const MAX_RECORD_BYTES = 64 * 1024;
/** First character of the sentinel record's only field: a NUL, which no real CSV field starts with. */
export const OVERSIZED_SENTINEL = "\u0000oversized:";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const EXCERPT_BYTES = 120;

export interface OversizedRecord {
  bytes: number;
  excerpt: string;
}

/** Parses a sentinel field back into what the guard saw; null for an ordinary field. */
export function oversizedRecord(fields: string[]): OversizedRecord | null {
  if (fields.length !== 1 || !fields[0]!.startsWith(OVERSIZED_SENTINEL)) return null;
  const rest = fields[0]!.slice(OVERSIZED_SENTINEL.length);
  const colon = rest.indexOf(":");
  return { bytes: Number(rest.slice(0, colon)), excerpt: rest.slice(colon + 1) };
}

export class RecordSizeGuard extends Transform {
  private quoted = false;
  /** Bytes of the current record not yet passed on (at most maxBytes). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** > 0 while dropping an oversized record: its total size so far. */
  private droppedBytes = 0;
  private excerpt = "";

  constructor(private readonly maxBytes = MAX_RECORD_BYTES) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const out: Buffer[] = [];
    let start = 0; // start of the part of `chunk` that belongs to the current record
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === QUOTE) this.quoted = !this.quoted;
      else if ((b === LF || b === CR) && !this.quoted) {
        this.endRecord(chunk.subarray(start, i), chunk.subarray(i, i + 1), out);
        start = i + 1;
      }
    }
    this.addToRecord(chunk.subarray(start));
    if (out.length) this.push(Buffer.concat(out));
    done();
  }

  override _flush(done: TransformCallback): void {
    const out: Buffer[] = [];
    if (this.pendingBytes > 0 || this.droppedBytes > 0) this.endRecord(Buffer.alloc(0), Buffer.alloc(0), out);
    if (out.length) this.push(Buffer.concat(out));
    done();
  }

  private startDropping(head: Buffer[], total: number): void {
    this.excerpt = Buffer.concat(head).subarray(0, EXCERPT_BYTES).toString("utf8");
    this.droppedBytes = total;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The start of a record that continues in the next chunk: kept (copied) while small, else dropped. */
  private addToRecord(part: Buffer): void {
    if (!part.length) return;
    if (this.droppedBytes > 0) this.droppedBytes += part.length;
    else if (this.pendingBytes + part.length > this.maxBytes)
      this.startDropping([...this.pending, part.subarray(0, EXCERPT_BYTES)], this.pendingBytes + part.length);
    else {
      this.pending.push(Buffer.from(part)); // a copy, so the chunk itself is not retained
      this.pendingBytes += part.length;
    }
  }

  /** The current record ends with `body` and then `terminator` (CR or LF; empty at the end of the input). */
  private endRecord(body: Buffer, terminator: Buffer, out: Buffer[]): void {
    if (this.droppedBytes === 0 && this.pendingBytes + body.length > this.maxBytes) {
      this.startDropping([...this.pending, body.subarray(0, EXCERPT_BYTES)], this.pendingBytes);
    }
    if (this.droppedBytes > 0) {
      this.droppedBytes += body.length;
      const field = `${OVERSIZED_SENTINEL}${this.droppedBytes}:${this.excerpt}`.replace(/"/g, '""');
      out.push(Buffer.from(`"${field}"`, "utf8"), terminator.length ? terminator : Buffer.from("\n"));
      this.droppedBytes = 0;
      this.excerpt = "";
      this.quoted = false; // the sentinel is balanced, whatever the dropped bytes were
    } else {
      out.push(...this.pending, body, terminator);
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/**
 * The cost of recording a release (issue 18) on the bench database: what every load, recompute and note change pays
 * at its end (lib/pipeline/releases.ts recordRelease reads every stored result, hashes each payload with SHA-256 and
 * compares with the latest release), and what a release costs when it is made: with every payload new (the first
 * release, or a load that changed everything) and with the payloads already stored (a note change). Measured on a
 * copy of the database (VACUUM INTO), so the bench database's own releases are untouched. Medians of the runs.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createDb, type Db } from "@/lib/db/client";
import { recordRelease } from "@/lib/pipeline/releases";
import type { BenchContext, BenchRow } from "./types";

export interface ReleasesBench {
  results: number;
  payloadMiB: number;
  hashMs: number[];
  unchangedMs: number[];
  allNewMs: number[];
  storedPayloadsMs: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Removes the latest release, so that the next record makes it again with its payloads already stored; or every
 * release and payload, so that the next record is a first release that writes every payload.
 */
async function drop(db: Db, which: "latest" | "all"): Promise<void> {
  if (which === "all") {
    await db.releaseResult.deleteMany({});
    await db.release.deleteMany({});
    await db.releasePayload.deleteMany({});
    return;
  }
  const latest = await db.release.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  if (!latest) return;
  await db.releaseResult.deleteMany({ where: { releaseId: latest.id } });
  await db.release.delete({ where: { id: latest.id } });
}

export async function runReleasesBench(ctx: BenchContext): Promise<ReleasesBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-releases-"));
  const copy = path.join(dir, "releases.db");
  const source = new Database(ctx.dbFile, { readonly: true });
  source.prepare("VACUUM INTO ?").run(copy);
  source.close();
  const db = createDb(`file:${copy}`);
  const runs = Math.max(ctx.runs, 3);
  try {
    await recordRelease(db, "recompute"); // the copy's latest release now matches its state
    const rows = await db.result.findMany({ select: { payload: true } });
    const bytes = rows.reduce((n, r) => n + Buffer.byteLength(r.payload), 0);
    const out: ReleasesBench = {
      results: rows.length,
      payloadMiB: bytes / 1024 / 1024,
      hashMs: [],
      unchangedMs: [],
      allNewMs: [],
      storedPayloadsMs: [],
    };
    for (let i = 0; i < runs; i++) {
      out.hashMs.push(
        await timed(async () => rows.forEach((r) => crypto.createHash("sha256").update(r.payload).digest("hex"))),
      );
      out.unchangedMs.push(await timed(() => recordRelease(db, "recompute")));
      await drop(db, "latest");
      out.storedPayloadsMs.push(await timed(() => recordRelease(db, "recompute")));
      await drop(db, "all");
      out.allNewMs.push(await timed(() => recordRelease(db, "recompute")));
      if ((await db.releasePayload.count()) !== new Set(rows.map((r) => r.payload)).size)
        throw new Error("releases bench: the first release did not store every payload");
    }
    ctx.log(
      `releases: ${out.results} results, ${out.payloadMiB.toFixed(1)} MiB of payloads; record unchanged ${median(out.unchangedMs).toFixed(0)} ms, new ${median(out.allNewMs).toFixed(0)} ms`,
    );
    return out;
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function releasesRows(r: ReleasesBench): BenchRow[] {
  const size = `${r.results} results, ${r.payloadMiB.toFixed(1)} MiB`;
  const row = (c: string, ms: number[], note: string): BenchRow => ({
    section: "releases",
    case: c,
    tool: "portal",
    p50: median(ms),
    seconds: median(ms) / 1000,
    note: `${note}; ${size}; median of ${ms.length}`,
  });
  return [
    row("SHA-256 of every result payload", r.hashMs, "the hashing alone, in memory"),
    row("record a release: nothing changed", r.unchangedMs, "read, hash, compare: what every load and note pays"),
    row("record a release: payloads stored", r.storedPayloadsMs, "a note change: release and result rows only"),
    row("record a release: every payload new", r.allNewMs, "a first release: every payload written"),
  ];
}

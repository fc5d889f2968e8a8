import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { CsvFormatError, IngestRefusedError } from "@/lib/ingest/guards";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { HeaderError } from "@/lib/ingest/sources/types";
import { activeVersion } from "@/lib/ingest/versions";
import { activeExtractVersion as extractVersion, countRows } from "@/lib/extracts/reader";
import { parseExtractRequest } from "@/lib/extracts/request";
import { eisFixtureRows, UOF_HEADER } from "../helpers/eis-fixtures";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * Issue 25 items 1, 2, 8 and 10: a file that would replace the live data with nothing (or far less) is refused and
 * the old version keeps serving; an absurdly long field is quarantined without the loader holding it in memory;
 * parser errors are one clean line; a load killed after activation gets its EIS run on the next "unchanged" run.
 */
const row = (i: number, race = "White"): string[] => [
  `G${i}`,
  String(7000 + i),
  "Level 1 - Use of Force",
  "02/03/2025 10:00:00 AM",
  "West",
  "KING",
  "K2",
  "9101",
  `S${i}`,
  race,
  "Male",
];
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));

describe("ingest guards", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let liveId: number;
  beforeAll(async () => {
    t = await tempSqliteDb();
    const report = await ingestFile(t.db, {
      source: "seattle-uof",
      filePath: writeCsv(t.dir, "full.csv", UOF_HEADER, rows(200)),
      origin: "file",
    });
    liveId = report.versionId;
  });
  afterAll(() => t.cleanup());

  const expectStillServed = async () => {
    expect((await activeVersion(t.db, "seattle-uof"))?.id).toBe(liveId);
    expect(await t.db.useOfForce.count({ where: { versionId: liveId } })).toBe(200);
    expect(await t.db.result.count({ where: { datasetVersionIds: { contains: String(liveId) } } })).toBeGreaterThan(0);
    // What the public extract (/api/v1/extracts/use-of-force) reads and answers.
    const version = await extractVersion(t.db, "use-of-force");
    expect(version?.id).toBe(liveId);
    const parsed = parseExtractRequest("use-of-force", new URLSearchParams());
    if (!parsed.ok) throw parsed.error;
    expect(await countRows(t.db, parsed.value, version!)).toBe(200);
  };

  it("refuses a header-only file, in one line, and keeps the old version served", async () => {
    const file = writeCsv(t.dir, "header-only.csv", UOF_HEADER, []);
    const refused = ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" });
    await expect(refused).rejects.toThrow(IngestRefusedError);
    await expect(refused).rejects.toThrow(
      /^Refused to activate seattle-uof: no row could be loaded \(read 0, loaded 0\)\. The active version .* stays live\.$/,
    );
    await expectStillServed();
    const failed = await t.db.datasetVersion.findFirstOrThrow({ where: { status: "failed" }, orderBy: { id: "desc" } });
    expect(failed.error).toMatch(/no row could be loaded/);
  });

  it("refuses a shrunken file unless --allow-shrink, and the public extract still answers the old rows", async () => {
    const small = writeCsv(t.dir, "small.csv", UOF_HEADER, rows(50));
    await expect(ingestFile(t.db, { source: "seattle-uof", filePath: small, origin: "file" })).rejects.toThrow(
      /Refused to activate seattle-uof: it loaded 50 rows, 75% fewer than the 200 of the active version .*--allow-shrink/,
    );
    await expectStillServed();
    expect(await t.db.useOfForce.count()).toBe(200); // the refused version's rows are gone
    // A 10% drop is within the default share; 11% is not.
    await expect(
      ingestFile(t.db, {
        source: "seattle-uof",
        filePath: writeCsv(t.dir, "s178.csv", UOF_HEADER, rows(178)),
        origin: "file",
      }),
    ).rejects.toThrow(IngestRefusedError);
    await expectStillServed();
    const allowed = await ingestFile(t.db, {
      source: "seattle-uof",
      filePath: small,
      origin: "file",
      allowShrink: true,
    });
    expect(allowed).toMatchObject({ status: "loaded", rowsLoaded: 50 });
    // Back to the full file for the remaining tests.
    liveId = (
      await ingestFile(t.db, {
        source: "seattle-uof",
        filePath: writeCsv(t.dir, "full2.csv", UOF_HEADER, rows(200)),
        origin: "file",
      })
    ).versionId;
  });

  it("refuses duplicate header columns (also two spellings of one column)", async () => {
    const dup = writeCsv(
      t.dir,
      "dup.csv",
      [...UOF_HEADER, "Subject_Race"],
      rows(200).map((r) => [...r, "Black"]),
    );
    await expect(ingestFile(t.db, { source: "seattle-uof", filePath: dup, origin: "file" })).rejects.toThrow(
      /duplicate column\(s\): "Subject_Race" and "Subject_Race"/,
    );
    const spelled = writeCsv(
      t.dir,
      "dup2.csv",
      [...UOF_HEADER, "subject_race"],
      rows(200).map((r) => [...r, "Black"]),
    );
    await expect(ingestFile(t.db, { source: "seattle-uof", filePath: spelled, origin: "file" })).rejects.toThrow(
      HeaderError,
    );
    await expectStillServed();
  });

  it("quarantines a 100 MB field with bounded memory and caps the stored raw row", async () => {
    const file = path.join(t.dir, "huge.csv");
    const out = fs.createWriteStream(file);
    const q = (v: string) => `"${v}"`;
    out.write(UOF_HEADER.map(q).join(",") + "\n");
    for (const r of rows(199)) out.write(r.map(q).join(",") + "\n");
    const huge = row(999);
    out.write(huge.slice(0, 9).map(q).join(",") + ',"');
    const block = "x".repeat(1 << 20);
    for (let i = 0; i < 100; i++) out.write(block);
    out.write('","Male"\n');
    out.write(row(1000, "A".repeat(2000)).map(q).join(",") + "\n"); // long but under the record limit: the schema's .max()
    await new Promise<void>((resolve) => out.end(resolve));
    expect(fs.statSync(file).size).toBeGreaterThan(100 * (1 << 20));

    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    let report;
    try {
      report = await ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" });
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(report).toMatchObject({ status: "loaded", rowsRead: 201, rowsLoaded: 199, rowsQuarantined: 2 });
    expect(report.quarantineByReason).toEqual({ oversized_record: 1, invalid_record: 1 });
    expect(peak - before).toBeLessThan(160 * (1 << 20)); // the field alone is 100 MB (as a JS string: 100-200 MB)
    const stored = await t.db.quarantinedRow.findMany({
      where: { versionId: report.versionId },
      orderBy: { sourceRow: "asc" },
    });
    expect(stored.map((s) => s.reason)).toEqual(["oversized_record", "invalid_record"]);
    expect(stored[0]!.detail).toMatch(/Row is 10485\d+ bytes, more than the 65536 allowed/);
    for (const s of stored) expect(s.raw.length).toBeLessThanOrEqual(4096);
    expect(JSON.parse(stored[1]!.raw).subjectRace).toMatch(/^A{200}… \(1800 more characters\)$/);
    const longest = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT MAX(LENGTH(payload)) AS n FROM Result`);
    expect(Number(longest[0]!.n)).toBeLessThan(1 << 20);
    liveId = report.versionId;
  }, 60_000);

  it("reports a CSV parser error as one clean line with the line number, and stores no binary bytes", async () => {
    const file = path.join(t.dir, "binary.csv");
    const good = [UOF_HEADER, ...rows(3)].map((r) => r.map((v) => `"${v}"`).join(",")).join("\n");
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${good}\n"bad"\u0000\u0001\u00ff"field",x\n`, "latin1"),
        Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a]),
      ]),
    );
    const failure = await ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" }).catch(
      (e: unknown) => e as Error,
    );
    expect(failure).toBeInstanceOf(CsvFormatError);
    expect((failure as Error).message).toMatch(/^The input is not well-formed CSV \(line 5\): .*\[[A-Z_]+\]$/);
    expect((failure as Error).message).not.toMatch(/[\u0000-\u0008\u00ff\ufffd]|\n|    at /);
    const failed = await t.db.datasetVersion.findFirstOrThrow({ where: { status: "failed" }, orderBy: { id: "desc" } });
    expect(failed.error).toBe((failure as Error).message);
    expect(failed.error).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
  });
});

describe("a load killed after activation", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(() => t.cleanup());

  it('gets its EIS run when the same file is loaded again ("unchanged")', async () => {
    const file = writeCsv(t.dir, "uof.csv", UOF_HEADER, eisFixtureRows());
    // The activation happened, then the process died before the EIS step (no run stored).
    const first = await ingestFile(t.db, { source: "seattle-uof", filePath: file, origin: "file" });
    expect(await t.db.eisRun.count()).toBe(0);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const again = await runIngest(t.db, { source: "seattle-uof", file });
      expect(again).toMatchObject({ status: "unchanged", versionId: first.versionId });
      const runs = await t.db.eisRun.findMany();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "complete", trigger: "ingest", datasetVersionId: first.versionId });
      // Once the version has its run, "unchanged" really is nothing to do.
      await runIngest(t.db, { source: "seattle-uof", file });
      expect(await t.db.eisRun.count()).toBe(1);
    } finally {
      log.mockRestore();
    }
  }, 60_000);
});

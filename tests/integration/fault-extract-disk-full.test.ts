import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { writeCsv } from "../helpers/temp-db";

/**
 * Fault test: a disk fills up during an extract. On the server's side (a read fails with ENOSPC half way, as SQLite
 * does when its temporary files no longer fit) the response must abort (the client sees a failed download, never
 * a short file that looks complete) and the next extract must work. On the client's side (the file it writes to
 * is on a full disk) the client gives up and the server must stop reading the database for it.
 */
const fault = vi.hoisted(() => ({ failAfterPages: Infinity, pagesRead: 0 }));
vi.mock("@/lib/extracts/reader", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/extracts/reader")>();
  return {
    ...original,
    readPages: async function* (...args: Parameters<typeof original.readPages>) {
      for await (const page of original.readPages(...args)) {
        if (fault.pagesRead >= fault.failAfterPages)
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 });
        fault.pagesRead++;
        yield page;
      }
    },
  };
});

const ROWS = 9_000; // 5 pages of 2,000 rows
const HEADER = [
  "ID",
  "Incident_Num",
  "Incident_Type",
  "Occured_date_time",
  "Precinct",
  "Sector",
  "Beat",
  "Officer_ID",
  "Subject_ID",
  "Subject_Race",
  "Subject_Gender",
];

describe("disk full during an extract", () => {
  let dir = "";
  let extractRoute: (r: Request, c: { params: Promise<{ dataset: string }> }) => Promise<Response>;
  let zipRoute: typeof extractRoute;
  const params = { params: Promise.resolve({ dataset: "use-of-force" }) };
  const get = (route: typeof extractRoute, url: string) =>
    route(new Request(url, { headers: { "x-forwarded-for": "198.18.2.1" } }), params);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-diskfull-"));
    const url = `file:${path.join(dir, "portal.db")}`;
    vi.stubEnv("DATABASE_URL", url);
    vi.stubEnv("EXTRACT_RATE_LIMIT_PER_MIN", "1000");
    await migrateDeploy(url);
    const db = createDb(url);
    const rows = Array.from({ length: ROWS }, (_, i) => [
      `D${i}`,
      `INC${i}`,
      "Level 1 - Use of Force",
      `2019-0${1 + (i % 9)}-15T10:00:00`,
      "West",
      "KING",
      "K2",
      String(i % 300),
      `S${i}`,
      "White",
      "Male",
    ]);
    await ingestFile(db, { source: "seattle-uof", filePath: writeCsv(dir, "uof.csv", HEADER, rows), origin: "file" });
    await db.$disconnect();
    ({ GET: extractRoute } = await import("@/app/api/v1/extracts/[dataset]/route"));
    ({ GET: zipRoute } = await import("@/app/api/v1/extracts/[dataset]/zip/route"));
  }, 120_000);
  afterAll(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("server side: a read failing with ENOSPC aborts the response, and the next extract is complete", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    fault.failAfterPages = 2;
    fault.pagesRead = 0;
    const response = await get(extractRoute, "http://portal.test/api/v1/extracts/use-of-force");
    expect(response.status).toBe(200); // the headers went out before the disk filled up
    const reader = response.body!.getReader();
    let bytes = 0;
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        bytes += value.length;
      }
    })().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "ENOSPC" });
    expect(bytes).toBeGreaterThan(0);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining("extract stream failed"),
      expect.objectContaining({ code: "ENOSPC" }),
    );

    // The ZIP fails the same way: no central directory, so no archive that opens as if it were whole.
    fault.pagesRead = 0;
    const zip = await get(zipRoute, "http://portal.test/api/v1/extracts/use-of-force/zip");
    await expect(zip.arrayBuffer()).rejects.toMatchObject({ code: "ENOSPC" });
    logged.mockRestore();

    fault.failAfterPages = Infinity;
    const next = await get(extractRoute, "http://portal.test/api/v1/extracts/use-of-force");
    expect(parse(await next.text(), { columns: true })).toHaveLength(ROWS);
  });

  it("client side: writing the download to a full disk cancels the response, and the server stops reading", async () => {
    fault.failAfterPages = Infinity;
    fault.pagesRead = 0;
    const response = await get(extractRoute, "http://portal.test/api/v1/extracts/use-of-force");
    // /dev/full: every write fails with ENOSPC, as on a full disk.
    const written = pipeline(
      Readable.fromWeb(response.body! as WebReadableStream<Uint8Array>),
      fs.createWriteStream("/dev/full"),
    );
    await expect(written).rejects.toMatchObject({ code: "ENOSPC" });
    await new Promise((r) => setTimeout(r, 50));
    // At most a page or two were read ahead of the failed write; the other pages never left the database.
    expect(fault.pagesRead).toBeLessThan(4);
    const next = await get(extractRoute, "http://portal.test/api/v1/extracts/use-of-force?limit=10");
    expect(parse(await next.text(), { columns: true })).toHaveLength(10);
  });
});

import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/extracts/catalogue";
import { csvChunks, newTally, pullStream } from "@/lib/extracts/csv-stream";
import { textChunk, zipChunks } from "@/lib/extracts/zip";
import { env } from "@/lib/env";
import { clientAddress, tokenBucket } from "@/lib/http/rate-limit";

const columns = CATALOGUE["use-of-force"].filter((c) =>
  ["id", "incident_num", "subject_race", "occurred_date_time"].includes(c.key),
);
const row = (i: number) => ({
  id: i,
  sourceId: `ID${i}`,
  incidentNum: `INC "${i}",\nsecond line`,
  subjectRace: "Black or African American, Hispanic — é",
  occurredAt: new Date(Date.UTC(2019, 0, 1, 0, i)),
});

/** Pages of rows that record how far they were read. */
function countingPages(pages: number, perPage: number) {
  const state = { produced: 0 };
  async function* gen() {
    for (let p = 0; p < pages; p++) {
      state.produced++;
      yield Array.from({ length: perPage }, (_, i) => row(p * perPage + i));
    }
  }
  return { state, pages: gen() };
}

describe("CSV streaming", () => {
  it("produces pages only as the reader asks for them (backpressure)", async () => {
    const { state, pages } = countingPages(50, 10);
    const reader = pullStream(csvChunks(pages, columns, "synthetic"), "test").getReader();
    await reader.read(); // header
    await reader.read(); // first page
    await new Promise((r) => setTimeout(r, 20));
    // One chunk may be queued ahead (highWaterMark 1), never the whole file.
    expect(state.produced).toBeLessThanOrEqual(3);
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 5));
    expect(state.produced).toBeLessThanOrEqual(3);
  });

  it("quotes commas, quotes, line breaks and UTF-8 so that they parse back unchanged", async () => {
    const { pages } = countingPages(3, 7);
    const tally = newTally();
    const text = await new Response(pullStream(csvChunks(pages, columns, "synthetic", tally), "test")).text();
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(21);
    expect(tally.rows).toBe(21);
    expect(tally.bytes).toBe(Buffer.byteLength(text));
    expect(records[4]).toEqual({
      id: "ID4",
      incident_num: 'INC "4",\nsecond line',
      subject_race: "Black or African American, Hispanic — é",
      occurred_date_time: "2019-01-01T00:04:00",
      data_status: "synthetic",
    });
    expect(records.every((r) => r.data_status === "synthetic")).toBe(true);
  });

  it("writes an empty extract as the header line only", async () => {
    const text = await new Response(pullStream(csvChunks((async function* () {})(), columns, "real"), "test")).text();
    expect(text).toBe("id,incident_num,occurred_date_time,subject_race,data_status\n");
  });
});

describe("ZIP streaming", () => {
  it("writes entries in order and the archive unzips to the same bytes", async () => {
    const { pages } = countingPages(4, 50);
    const tally = newTally();
    let seenRows = -1;
    const chunks: Uint8Array[] = [];
    for await (const c of zipChunks([
      { name: "data.csv", data: () => csvChunks(pages, columns, "synthetic", tally) },
      {
        name: "manifest.json",
        data: () => {
          seenRows = tally.rows;
          return textChunk(JSON.stringify({ rows: tally.rows }));
        },
      },
    ]))
      chunks.push(c);
    expect(seenRows).toBe(200); // the manifest was produced after the CSV was complete
    const files = unzipSync(Buffer.concat(chunks));
    expect(Object.keys(files)).toEqual(["data.csv", "manifest.json"]);
    const zipped = parse(strFromU8(files["data.csv"]!), { columns: true }) as Record<string, string>[];
    expect(zipped).toHaveLength(200);
    expect(zipped.every((r) => r.data_status === "synthetic")).toBe(true);
    expect(JSON.parse(strFromU8(files["manifest.json"]!))).toEqual({ rows: 200 });
  });
});

describe("rate limit (token bucket per client)", () => {
  it("allows the rate, then refuses with a retry time, and refills", () => {
    const limiter = tokenBucket(3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t0).ok)).toEqual([true, true, true]);
    const refused = limiter.take("a", t0);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(limiter.take("b", t0).ok).toBe(true); // other clients are not affected
    expect(limiter.take("a", t0 + 20_000).ok).toBe(true);
    expect(limiter.take("a", t0 + 20_000).ok).toBe(false);
  });

  it("keys clients by their address: a new X-Forwarded-For per request does not get a new bucket without TRUST_PROXY", () => {
    const req = (h: Record<string, string>) => new Request("http://x/", { headers: h });
    expect(env().TRUST_PROXY).toBe(0);
    const keys = new Set(
      Array.from({ length: 64 }, (_, i) => clientAddress(req({ "x-forwarded-for": `198.18.0.${i}` }))),
    );
    expect(keys.size).toBe(1);
  });

  it("keeps memory bounded under many clients", () => {
    const limiter = tokenBucket(60, 100);
    for (let i = 0; i < 1000; i++) expect(limiter.take(`c${i}`, 5_000).ok).toBe(true);
  });
});

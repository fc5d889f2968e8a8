import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify";
import { CRISIS_FIELDS } from "@/lib/ingest/sources/crisis-fields";
import { generateCrisisSample } from "./crisis-sample";

/** Writes the deterministic synthetic sample to a CSV (API field names), reusing an identical earlier file. */
export async function writeCrisisSample(seed: string, rows: number): Promise<string> {
  const file = path.resolve(".data", "samples", `crisis-sample-${seed}-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const out = fs.createWriteStream(tmp);
  const csv = stringify({ header: true, columns: CRISIS_FIELDS.map((f) => f.field), quoted: true });
  csv.pipe(out);
  for (const row of generateCrisisSample({ seed, targetRows: rows })) {
    if (!csv.write(row)) await new Promise((r) => csv.once("drain", r));
  }
  csv.end();
  await new Promise<void>((resolve, reject) => out.on("finish", resolve).on("error", reject));
  fs.renameSync(tmp, file);
  return file;
}

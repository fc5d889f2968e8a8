import path from "node:path";
import Database from "better-sqlite3";

/** Direct, read-only SQL over the e2e database: an independent check of what the pipeline stored and pages show. */
export function openE2eDb() {
  const url = process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db";
  return new Database(path.resolve(url.replace(/^file:/, "")), { readonly: true });
}

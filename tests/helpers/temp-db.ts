import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";

/** A fresh, migrated SQLite database in a temp folder. */
export async function tempSqliteDb(): Promise<{ db: Db; url: string; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrateDeploy(url);
  const db = createDb(url);
  return {
    db,
    url,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a CSV file (values quoted) into dir and returns its path. */
export function writeCsv(dir: string, name: string, header: string[], rows: string[][]): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, [header, ...rows].map((r) => r.map(q).join(",")).join("\n") + "\n");
  return file;
}

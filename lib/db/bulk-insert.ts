import { providerOfDb, type Db } from "./client";

/**
 * Multi-row INSERT through the driver adapter. Prisma's createMany costs ~0.35 ms per row here (query compilation
 * per row); a parameterised multi-row INSERT costs ~0.04 ms, which turns a 150,000-row load from a minute and a
 * half into seconds. Values are bound parameters, never interpolated. Table and column names come from code only.
 */
const MAX_PARAMS = { sqlite: 30_000, postgresql: 60_000 } as const;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function bulkInsert(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const provider = providerOfDb(db);
  if (rows.length === 0) return;
  for (const name of [table, ...columns])
    if (!IDENT.test(name)) throw new Error(`bulkInsert: invalid identifier ${name}`);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS[provider] / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    let n = 0;
    const tuples = chunk.map(() => `(${columns.map(() => (provider === "sqlite" ? "?" : `$${++n}`)).join(", ")})`);
    await db.$executeRawUnsafe(head + tuples.join(", "), ...chunk.flat());
  }
}

/** Turns records into rows in a fixed column order. */
export function rowsOf<T extends Record<string, unknown>>(
  records: readonly T[],
  columns: readonly (keyof T & string)[],
): unknown[][] {
  return records.map((r) => columns.map((c) => r[c] ?? null));
}

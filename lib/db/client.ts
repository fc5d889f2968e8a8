import fs from "node:fs";
import path from "node:path";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { providerOf, sqliteFilePath, type Provider } from "./url";

/**
 * One Prisma client for the process, chosen by the DATABASE_URL scheme. Both generated clients come from the same
 * models (prisma/models.prisma), so the SQLite client's type describes either.
 */
export type Db = SqliteClient;

const providers = new WeakMap<object, Provider>();

/** The provider behind a client made by createDb (raw SQL differs slightly between SQLite and PostgreSQL). */
export function providerOfDb(db: Db): Provider {
  return providers.get(db) ?? "sqlite";
}

export function createDb(url: string): Db {
  const provider = providerOf(url);
  let client: Db;
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 }) });
  } else {
    client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  }
  providers.set(client, provider);
  return client;
}

const globalForDb = globalThis as unknown as { portalDb?: Db; portalDbUrl?: string };

/** The shared client for DATABASE_URL (kept on globalThis so Next.js dev reloads do not open new pools). */
export function db(): Db {
  const url = env().DATABASE_URL;
  if (!globalForDb.portalDb || globalForDb.portalDbUrl !== url) {
    globalForDb.portalDb = createDb(url);
    globalForDb.portalDbUrl = url;
  }
  return globalForDb.portalDb;
}

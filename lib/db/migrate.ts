import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { providerOf, sqliteFilePath, type Provider } from "./url";

/**
 * Offline replacement for `prisma migrate deploy/dev`: Prisma's CLI needs a native schema engine that cannot be
 * downloaded here, so we drive Prisma's own WASM schema engine through the driver adapter. It reads and writes the
 * usual prisma/<provider>/migrations folders and the `_prisma_migrations` table, so the real CLI stays compatible.
 */
const require = createRequire(import.meta.url);
const FILTERS = { externalTables: [], externalEnums: [] };

export function schemaDir(provider: Provider): string {
  return path.resolve("prisma", provider);
}

function schemaFiles(provider: Provider) {
  const dir = schemaDir(provider);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), "utf8") }));
}

function migrationsList(provider: Provider) {
  const baseDir = path.join(schemaDir(provider), "migrations");
  fs.mkdirSync(baseDir, { recursive: true });
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = fs
    .readdirSync(baseDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir,
    lockfile: { path: lockPath, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => {
      const file = path.join(baseDir, d, "migration.sql");
      return {
        path: d,
        migrationFile: { path: file, content: { tag: "ok" as const, value: fs.readFileSync(file, "utf8") } },
      };
    }),
  };
}

// One WASM instance per process: instantiating the engine module a second time corrupts its shared glue state.
let engineModule: Promise<WasmEngineModule> | undefined;
type WasmEngineModule = typeof import("@prisma/schema-engine-wasm");
const loadWasmEngine = () => (engineModule ??= instantiateWasmEngine());

// The engine reports Rust panics through this global; without it a panic surfaces as an unrelated TypeError.
const panics = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
panics.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => console.error(`schema engine panic: ${m}`) };

async function instantiateWasmEngine(): Promise<WasmEngineModule> {
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(bgPath);
  const bytes = fs.readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg as WasmEngineModule;
}

async function adapterFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === "sqlite") {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSqlite3({ url: `file:${file}` });
  }
  // adapter-pg cannot map PostgreSQL's internal "char" type (OID 18) that the engine's catalog introspection
  // returns; report it as text (OID 25). Patched only inside the migration process.
  const pg = (await import("pg")).default;
  type R = { fields?: { dataTypeID: number }[] } | undefined;
  const fix = (r: R) => {
    for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return r;
  };
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown; __charPatched?: boolean };
  if (!proto.__charPatched) {
    const orig = proto.query;
    proto.query = function (this: unknown, ...a: unknown[]) {
      const cb = typeof a[a.length - 1] === "function" ? (a.pop() as (e: unknown, r: R) => void) : null;
      if (cb) return orig.call(this, ...a, (e: unknown, r: R) => cb(e, fix(r)));
      const ret = orig.apply(this, a) as Promise<R> | undefined;
      return ret && typeof ret.then === "function" ? ret.then(fix) : ret;
    };
    proto.__charPatched = true;
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: url });
}

/** Records the connections the engine opens, so they can be closed: an open SQLite connection keeps a lock. */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: { dispose(): Promise<void> }[] = [];
  const wrap = <A extends { dispose(): Promise<void> }>(p: Promise<A>) => p.then((a) => (opened.push(a), a));
  const proxy: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => wrap(factory.connect()),
    connectToShadowDb: () => wrap(factory.connectToShadowDb()),
  };
  return { proxy, close: async () => void (await Promise.all(opened.map((a) => a.dispose().catch(() => undefined)))) };
}

async function openEngine(url: string) {
  const provider = providerOf(url);
  const wasm = await loadWasmEngine();
  const { proxy: factory, close } = tracked(await adapterFactory(url));
  const files = schemaFiles(provider);
  const engine = await wasm.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    (log: string) => process.env.DEBUG_MIGRATE && console.error(log),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  const dispose = async () => {
    engine.free();
    await close();
  };
  return { engine, provider, files, dispose };
}

/** Applies every committed migration that the database has not seen yet. Returns the names applied. */
export async function migrateDeploy(url: string): Promise<string[]> {
  const { engine, provider, dispose } = await openEngine(url);
  try {
    const res = await engine.applyMigrations({ migrationsList: migrationsList(provider), filters: FILTERS });
    return res.appliedMigrationNames as string[];
  } finally {
    await dispose();
    if (provider === "sqlite") enableWriteAheadLog(sqliteFilePath(url));
  }
}

/**
 * Development only: applies existing migrations to the given (development) database, diffs it against the models
 * and writes the difference as a new migration folder. Run once per provider.
 */
export async function migrateCreate(url: string, name: string): Promise<string | null> {
  const create = async () => {
    const { engine, provider, files, dispose } = await openEngine(url);
    try {
      return await createFromDiff(engine, provider, files, name);
    } finally {
      await dispose();
    }
  };
  if (providerOf(url) !== "sqlite") return create(); // PostgreSQL: the engine leaves indexes it cannot express alone
  await migrateDeploy(url);
  return withoutPartialIndexes(sqliteFilePath(url), create);
}

/**
 * Hand-written partial indexes (e.g. DatasetVersion_one_loading_partial_idx: the Prisma schema cannot express
 * them) stop the WASM engine from describing a SQLite database: it quotes their names as identifiers, which
 * better-sqlite3's SQLite refuses. They are dropped for the diff and recreated from their own SQL afterwards, so a
 * new migration neither fails nor drops them.
 */
async function withoutPartialIndexes<T>(file: string, run: () => Promise<T>): Promise<T> {
  const sqlite = new Database(file);
  let saved: { name: string; sql: string }[];
  try {
    saved = sqlite
      .prepare(
        `SELECT i.name AS name, m.sql AS sql FROM sqlite_master t, pragma_index_list(t.name) i JOIN sqlite_master m ON m.name = i.name WHERE t.type = 'table' AND i.partial = 1`,
      )
      .all() as { name: string; sql: string }[];
    for (const index of saved) sqlite.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  } finally {
    sqlite.close();
  }
  try {
    return await run();
  } finally {
    const again = new Database(file);
    try {
      for (const index of saved) again.exec(index.sql);
    } finally {
      again.close();
    }
  }
}

async function createFromDiff(
  engine: Awaited<ReturnType<typeof openEngine>>["engine"],
  provider: Provider,
  files: ReturnType<typeof schemaFiles>,
  name: string,
): Promise<string | null> {
  await engine.applyMigrations({ migrationsList: migrationsList(provider), filters: FILTERS });
  const out = await engine.diff({
    from: { tag: "schemaDatasource", files, configDir: process.cwd() },
    to: { tag: "schemaDatamodel", files },
    script: true,
    exitCode: null,
    filters: FILTERS,
  });
  const sql: string = out.stdout ?? "";
  if (!sql.trim() || /empty migration/i.test(sql)) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(schemaDir(provider), "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.writeFileSync(
    path.join(schemaDir(provider), "migrations", "migration_lock.toml"),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
  );
  await engine.applyMigrations({ migrationsList: migrationsList(provider), filters: FILTERS });
  return dir;
}

/** WAL lets the web server keep reading while a load writes; the setting is stored in the database file. */
function enableWriteAheadLog(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
}

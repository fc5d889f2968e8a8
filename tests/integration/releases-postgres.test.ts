import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { concurrentReleaseCases } from "./releases-concurrent-cases";
import { releaseCases } from "./releases-cases";

/** The release cases on PostgreSQL, in a throwaway database (runs when TEST_DATABASE_URL_POSTGRES is set). */
const baseUrl = process.env.TEST_DATABASE_URL_POSTGRES;

describe.skipIf(!baseUrl)("numbered releases on PostgreSQL", () => {
  const dbName = `portal_releases_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let db: Db;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    await migrateDeploy(url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-releases-"));
    vi.stubEnv("DATABASE_URL", u.toString());
    vi.stubEnv("EXTRACT_RATE_LIMIT_PER_MIN", "100000"); // the API cases make hundreds of requests
    vi.stubEnv("DATA_DIR", dir);
    db = createDb(u.toString());
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db?.$disconnect();
    const { db: shared } = await import("@/lib/db/client");
    await shared().$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });
  releaseCases(() => ({ db, dir }));
  concurrentReleaseCases(() => ({ db, url, provider: "postgresql" }));
});

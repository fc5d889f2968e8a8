import { afterAll, beforeAll, describe, vi } from "vitest";
import { concurrentReleaseCases } from "./releases-concurrent-cases";
import { releaseCases } from "./releases-cases";
import { tempSqliteDb } from "../helpers/temp-db";

describe("numbered releases on SQLite", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  beforeAll(async () => {
    t = await tempSqliteDb();
    vi.stubEnv("DATABASE_URL", t.url);
    vi.stubEnv("EXTRACT_RATE_LIMIT_PER_MIN", "100000"); // the API cases make hundreds of requests
    vi.stubEnv("DATA_DIR", t.dir); // no reference files: only the loaded dataset's results
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.cleanup();
  });
  releaseCases(() => t);
  concurrentReleaseCases(() => ({ ...t, provider: "sqlite" }));
});

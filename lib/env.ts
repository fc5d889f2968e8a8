import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Configuration, validated once. Every process (CLI, Next.js server, tests) reads settings through here so that a
 * wrong value fails fast with a message that says which variable and what is expected.
 */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default("file:./.data/portal.db"),
  DATA_DIR: z.string().optional(),
  SOCRATA_BASE_URL: z.url("must be an http(s) URL").default("https://data.seattle.gov"),
  SOCRATA_APP_TOKEN: z.string().optional(),
  PULL_DIR: z.string().default(".data/pulls"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SMALL_COUNT_THRESHOLD: z.coerce.number().int().min(0).max(100).default(10),
  TEST_DATABASE_URL_POSTGRES: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The folder with local source files: DATA_DIR if set, else ../shared/data beside the project when present. */
export function localDataDir(): string | null {
  const configured = env().DATA_DIR;
  if (configured) return path.resolve(configured);
  const sibling = path.resolve(process.cwd(), "..", "shared", "data");
  return fs.existsSync(sibling) ? sibling : null;
}

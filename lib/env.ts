import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { issueLines } from "@/lib/errors/zod";

/**
 * Configuration, validated once. Every process (CLI, Next.js server, tests) reads settings through here so that a
 * wrong value fails fast with a message that says which variable and what is expected.
 */
const EnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .default("file:./.data/portal.db"),
    DATA_DIR: z.string().optional(),
    SOCRATA_BASE_URL: z.url("must be an http(s) URL").default("https://data.seattle.gov"),
    SOCRATA_APP_TOKEN: z.string().optional(),
    PULL_DIR: z.string().default(".data/pulls"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // A new version that loads more than this share fewer rows than the active one is refused unless --allow-shrink
    // (lib/ingest/guards.ts): a truncated download must not replace the published data.
    INGEST_MAX_SHRINK: z.coerce
      .number()
      .min(0, "must be a share between 0 and 1 (0.1 = 10%)")
      .max(1, "must be a share between 0 and 1 (0.1 = 10%)")
      .default(0.1),
    SMALL_COUNT_THRESHOLD: z.coerce.number().int().min(0).max(100).default(10),
    TEST_DATABASE_URL_POSTGRES: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    // Requests per minute per client address to /api/v1/extracts (in-memory, per app instance: lib/http/rate-limit.ts).
    EXTRACT_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
    // Reverse proxies in front of the app that append the client address to X-Forwarded-For (lib/auth/request-context.ts).
    // 0: no proxy, the client address is the socket's and X-Forwarded-For is ignored (a client could set it to anything).
    TRUST_PROXY: z.coerce.number().int("must be a whole number of proxy hops").min(0).max(10).default(0),
    // Memory for the response cache of public pages and API answers, per app instance (lib/http/serve-cached-page.ts); 0 turns it off.
    PAGE_CACHE_MAX_MB: z.coerce.number().min(0).max(16_384).default(64),
    // Staff area (lib/auth). AUTH_SECRET signs session tokens: required by `next start` in production (lib/auth/secret.ts);
    // the demo and the e2e setup generate one into .data/auth-secret.
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 33`)").optional(),
    // Single sign-on through the department's OpenID Connect provider: enabled when all three are set.
    OIDC_ISSUER: z.url("must be the issuer URL of the OpenID Connect provider").optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().max(60).default("Single sign-on"),
    SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.25, "must be at least 0.25 (15 minutes)").max(720).default(8),
    // Served over HTTPS (directly or behind a TLS proxy): HSTS header and Secure cookies. Read by `next build` too.
    FORCE_HTTPS: z.enum(["0", "1"], "must be 0 or 1").default("0"),
    // Allows the fixed, well-known demo accounts when NODE_ENV=production (never on a real deployment).
    DEMO_ACCOUNTS: z.enum(["0", "1"], "must be 0 or 1").default("0"),
    // Per-source expected update cadence in days ("seattle-uof=31,seattle-crisis=92"), overriding the mappings'.
    SOURCE_CADENCE_DAYS: z
      .string()
      .regex(
        /^\s*([a-z0-9-]+=\d{1,4})(\s*,\s*[a-z0-9-]+=\d{1,4})*\s*$/,
        "must be like seattle-uof=31,seattle-crisis=92",
      )
      .optional()
      .transform(
        (v) =>
          Object.fromEntries(
            (v ?? "")
              .split(",")
              .filter((p) => p.includes("="))
              .map((p) => p.trim().split("=") as [string, string])
              .map(([k, d]) => [k, Number(d)]),
          ) as Record<string, number>,
      ),
  })
  .superRefine((e, ctx) => {
    const oidc = {
      OIDC_ISSUER: e.OIDC_ISSUER,
      OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
    };
    const missing = Object.entries(oidc)
      .filter(([, v]) => !v)
      .map(([k]) => k);
    // A partial single sign-on setup is a mistake worth stopping for, not a silently disabled provider.
    if (missing.length > 0 && missing.length < 3) {
      for (const k of missing)
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: "needed for single sign-on (set all three OIDC_* variables or none)",
        });
    }
  });

/** True when single sign-on is configured (all three OIDC variables set). */
export const oidcEnabled = (e: Env) => Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);

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
    const lines = issueLines(result.error, { root: "" }).map((line) => `  - ${line}`);
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

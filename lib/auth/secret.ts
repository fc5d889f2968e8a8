import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, env } from "@/lib/env";

/**
 * The secret that signs and encrypts session tokens. A deployment sets AUTH_SECRET; `npm run demo`, the e2e setup
 * and `next dev` use a random one kept in .data/auth-secret (git-ignored, created on first use), so demo sessions
 * survive a restart without anyone choosing a secret. `next start` never falls back to the file by itself.
 */
export const LOCAL_SECRET_FILE = path.join(".data", "auth-secret");

export function ensureLocalAuthSecret(file = LOCAL_SECRET_FILE): string {
  const resolved = path.resolve(/*turbopackIgnore: true*/ file);
  if (fs.existsSync(resolved)) {
    const existing = fs.readFileSync(resolved, "utf8").trim();
    if (existing.length >= 32) return existing;
  }
  const secret = randomBytes(33).toString("base64");
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  fs.writeFileSync(resolved, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function authSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    throw new ConfigError(
      "AUTH_SECRET is required in production: set it to a random value of at least 32 characters (e.g. `openssl rand -base64 33`).",
    );
  }
  return ensureLocalAuthSecret();
}

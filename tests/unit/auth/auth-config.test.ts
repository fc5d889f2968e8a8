import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildAuthConfig } from "@/lib/auth/config";
import { ConfigError, parseEnv } from "@/lib/env";

const SECRET = "s".repeat(40);
const OIDC = {
  OIDC_ISSUER: "https://login.example.gov/realms/spd",
  OIDC_CLIENT_ID: "portal",
  OIDC_CLIENT_SECRET: "shh",
};
const providerIds = (cfg: ReturnType<typeof buildAuthConfig>) =>
  cfg.providers
    .map((p) => (typeof p === "function" ? p() : p))
    .map((p) => ("options" in p && p.options?.id ? p.options.id : p.id));

describe("staff-area configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("has safe defaults: 8-hour sessions, no single sign-on, no HSTS, no demo accounts in production", () => {
    const env = parseEnv({});
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(env.FORCE_HTTPS).toBe("0");
    expect(env.DEMO_ACCOUNTS).toBe("0");
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("rejects short secrets, bad session lengths and partial single sign-on settings with the variable's name", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ SESSION_MAX_AGE_HOURS: "0" })).toThrow(/SESSION_MAX_AGE_HOURS/);
    expect(() => parseEnv({ SESSION_MAX_AGE_HOURS: "eight" })).toThrow(ConfigError);
    expect(() => parseEnv({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: needed for single sign-on[\s\S]*OIDC_CLIENT_SECRET/,
    );
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
  });

  it("enables the OIDC provider only when all three OIDC variables are set", () => {
    expect(providerIds(buildAuthConfig(parseEnv({}), SECRET))).toEqual(["credentials"]);
    const cfg = buildAuthConfig(parseEnv({ ...OIDC, OIDC_NAME: "SPD login" }), SECRET);
    expect(providerIds(cfg)).toEqual(["credentials", "oidc"]);
    const oidc = cfg.providers[1] as { issuer: string; name: string; checks: string[] };
    expect(oidc).toMatchObject({ issuer: OIDC.OIDC_ISSUER, name: "SPD login", checks: ["pkce", "state", "nonce"] });
  });

  it("uses JWT sessions that expire SESSION_MAX_AGE_HOURS after sign-in and are not silently extended", () => {
    const cfg = buildAuthConfig(parseEnv({ SESSION_MAX_AGE_HOURS: "2" }), SECRET);
    expect(cfg.session).toEqual({ strategy: "jwt", maxAge: 7200, updateAge: 7200 });
    expect(cfg.trustHost).toBe(true);
    expect(cfg.pages?.signIn).toBe("/staff/sign-in");
    expect(cfg.useSecureCookies).toBeUndefined(); // Secure cookies whenever the request is https
    expect(buildAuthConfig(parseEnv({ FORCE_HTTPS: "1" }), SECRET).useSecureCookies).toBe(true);
  });

  it("requires AUTH_SECRET in production and otherwise keeps a generated one in a local file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      vi.stubEnv("NODE_ENV", "production");
      vi.stubEnv("AUTH_SECRET", "");
      const prod = await import("@/lib/auth/secret");
      expect(() => prod.authSecret()).toThrow(/AUTH_SECRET is required in production/);
      vi.resetModules();
      vi.stubEnv("NODE_ENV", "development");
      const dev = await import("@/lib/auth/secret");
      const first = dev.authSecret();
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(fs.readFileSync(path.join(dir, ".data", "auth-secret"), "utf8").trim()).toBe(first);
      expect(fs.statSync(path.join(dir, ".data", "auth-secret")).mode & 0o077).toBe(0);
      expect(dev.ensureLocalAuthSecret()).toBe(first); // stable across restarts
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

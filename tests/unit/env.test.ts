import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./.data/portal.db");
    expect(env.PORT).toBe(3000);
    expect(env.PAGE_CACHE_MAX_MB).toBe(64);
    expect(parseEnv({ PAGE_CACHE_MAX_MB: "0" }).PAGE_CACHE_MAX_MB).toBe(0);
  });
  it("fails fast with a readable message naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with file:/);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ SOCRATA_BASE_URL: "not a url" })).toThrow(/SOCRATA_BASE_URL/);
    expect(() => parseEnv({ PAGE_CACHE_MAX_MB: "-1" })).toThrow(/PAGE_CACHE_MAX_MB/);
    expect(() => parseEnv({ PAGE_CACHE_MAX_MB: "lots" })).toThrow(/PAGE_CACHE_MAX_MB/);
  });
});

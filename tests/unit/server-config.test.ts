import { afterEach, describe, expect, it, vi } from "vitest";

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
const exit = (code: number): never => {
  throw new Exited(code);
};

async function check(vars: Record<string, string>) {
  vi.resetModules(); // lib/env.ts reads the environment once per module instance
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  const { checkServerConfig } = await import("@/lib/server-config");
  return () => checkServerConfig(exit);
}

describe("checkServerConfig (instrumentation.ts, at server start)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("ends the process with 1 and the variable's message on a configuration error", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const run = await check({ AUTH_SECRET: "short", NODE_ENV: "production" });
    expect(run).toThrow(Exited);
    expect(run).toThrow("exit 1");
    expect(logged.mock.calls.at(-1)![0]).toMatch(
      /^The portal cannot start: Invalid configuration:\n {2}- AUTH_SECRET: must be at least 32 characters/,
    );
  });

  it("refuses a production server without AUTH_SECRET", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const run = await check({ AUTH_SECRET: "", NODE_ENV: "production" });
    expect(run).toThrow("exit 1");
    expect(logged.mock.calls.at(-1)![0]).toContain("AUTH_SECRET is required in production");
  });

  it("passes a good configuration", async () => {
    const run = await check({ AUTH_SECRET: "x".repeat(40), NODE_ENV: "production", PAGE_CACHE_MAX_MB: "32" });
    expect(run).not.toThrow();
  });
});

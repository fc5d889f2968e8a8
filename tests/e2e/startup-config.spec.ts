import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

/**
 * A server with a configuration error refuses to start (instrumentation.ts, lib/server-config.ts) instead of
 * answering every request with 500: `next start` on the e2e build with a too-short AUTH_SECRET ends with exit code 1
 * and a message naming the variable.
 */
test("next start with a bad AUTH_SECRET exits 1 with a message naming it", async ({ baseURL }) => {
  test.setTimeout(60_000);
  const port = Number(new URL(baseURL!).port) + 17;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: "too-short", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 45_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, output).toBe(1);
  expect(output).toContain("The portal cannot start");
  expect(output).toContain("AUTH_SECRET: must be at least 32 characters");
});

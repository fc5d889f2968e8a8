import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// `next start` needs AUTH_SECRET for staff sessions: the e2e setup (scripts/e2e-prepare.ts) keeps one here.
const authSecretFile = ".data/auth-secret";
const authSecret =
  process.env.AUTH_SECRET ??
  (fs.existsSync(authSecretFile) ? fs.readFileSync(authSecretFile, "utf8").trim() : undefined);

// Debian's Chromium (Playwright cannot download its own browser offline), launched with the flags that keep it
// from reaching for Google's services on a closed network.
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The rest of the environment (NEXT_DIST_DIR: which build to serve) is inherited from the runner.
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db",
      NEXT_TELEMETRY_DISABLED: "1",
      // The tests play the one reverse proxy in front of the app: each simulated client sends its own address in
      // X-Forwarded-For (load, rate-limit and throttle tests). tests/e2e/client-address.spec.ts starts a server
      // without it and checks that the header is then ignored.
      TRUST_PROXY: "1",
      ...(authSecret ? { AUTH_SECRET: authSecret } : {}),
    },
  },
});

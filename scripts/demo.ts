/**
 * `npm run demo`: migrate the embedded SQLite database, load the data (local files, else Seattle's API, else the
 * synthetic crisis sample), compute results, build and serve on http://localhost:PORT.
 */
import "dotenv/config";
import { spawn, spawnSync } from "node:child_process";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ingestProgress, printIngestReport } from "@/lib/cli/ingest-command";
import { prepareData } from "@/lib/pipeline/prepare";
import { ensureDemoAccounts, printDemoAccounts } from "@/lib/auth/demo-accounts";
import { ensureLocalAuthSecret } from "@/lib/auth/secret";

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  console.log(`database: ${env().DATABASE_URL}`);
  const reports = await prepareData(db(), { ingestObserver: (source) => ingestProgress(source) });
  reports.forEach(printIngestReport);
  const demoAccounts = await ensureDemoAccounts(db());
  await db().$disconnect();
  // `next start` requires AUTH_SECRET; a local demo keeps a random one in .data/auth-secret (git-ignored).
  process.env.AUTH_SECRET ??= ensureLocalAuthSecret();

  if (process.env.DEMO_SKIP_BUILD !== "1") {
    console.log("building the site (next build)...");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = String(env().PORT);
  const server = spawn("npx", ["next", "start", "-p", port], {
    stdio: ["ignore", "pipe", "inherit"],
    env: process.env,
  });
  let announced = false;
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready in/i.test(chunk.toString())) {
      announced = true;
      console.log(`\n  The portal is running at http://localhost:${port}`);
      printDemoAccounts(demoAccounts);
      console.log(`  Sign in at http://localhost:${port}/staff/sign-in\n`);
    }
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

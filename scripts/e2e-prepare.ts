// Loads the e2e database (DATABASE_URL) offline: the real Use of Force file and a smaller synthetic crisis sample.
import { db } from "@/lib/db/client";
import { ingestProgress } from "@/lib/cli/ingest-command";
import { prepareData } from "@/lib/pipeline/prepare";
import { ensureDemoAccounts } from "@/lib/auth/demo-accounts";
import { ensureLocalAuthSecret } from "@/lib/auth/secret";

// Staff e2e tests sign in with the demo accounts; the server reads the secret from .data/auth-secret
// (playwright.config.ts passes it as AUTH_SECRET).
prepareData(db(), {
  allowPull: false,
  sampleRows: Number(process.env.E2E_SAMPLE_ROWS ?? 40_000),
  ingestObserver: (source) => ingestProgress(source),
})
  .then(() => ensureDemoAccounts(db()))
  .then(() => ensureLocalAuthSecret())
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });

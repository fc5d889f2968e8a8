// Loads the e2e database (DATABASE_URL) offline: the real Use of Force file and a smaller synthetic crisis sample.
import { db } from "@/lib/db/client";
import { prepareData } from "@/lib/pipeline/prepare";

prepareData(db(), { allowPull: false, sampleRows: Number(process.env.E2E_SAMPLE_ROWS ?? 40_000) })
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });

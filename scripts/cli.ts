/**
 * The pipeline's command line: `npm run cli -- <command>`.
 *   db migrate                       apply committed migrations to DATABASE_URL (offline, WASM schema engine)
 *   db create-migration --name N     development: write a migration for the current provider from the models
 *   ingest --source S (--file PATH | --pull | --sample [--seed S] [--rows N]) [--json]
 *   compute                          recompute the precomputed results for the active versions
 *   status [--json]                  datasets, versions, row accounting, results
 */
import "dotenv/config";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { migrateCreate, migrateDeploy } from "@/lib/db/migrate";
import { ConfigError, env } from "@/lib/env";
import { parseFlags, UsageError } from "@/lib/cli/args";
import { ingestFlagsFrom, printIngestReport, runIngest } from "@/lib/cli/ingest-command";
import { datasetStatus, printStatus } from "@/lib/cli/status-command";
import { HeaderError } from "@/lib/ingest/sources/types";
import { IngestBusyError } from "@/lib/ingest/versions";
import { recomputeResults } from "@/lib/pipeline/recompute";

const USAGE = `usage: npm run cli -- <command>
  db migrate
  db create-migration --name NAME
  ingest --source seattle-uof|seattle-crisis (--file PATH | --pull | --sample [--seed S] [--rows N]) [--json]
  compute
  status [--json]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "db": {
      const [sub, ...flags] = rest;
      if (sub === "migrate") {
        const applied = await migrateDeploy(env().DATABASE_URL);
        console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database is up to date");
        return 0;
      }
      if (sub === "create-migration") {
        const { name } = parseFlags(flags, z.object({ name: z.string().regex(/^[a-z0-9_]+$/, "use lower-case letters, digits and _") }));
        const dir = await migrateCreate(env().DATABASE_URL, name);
        console.log(dir ? `created ${dir}` : "no schema changes");
        return 0;
      }
      throw new UsageError(`unknown db command "${sub ?? ""}"`);
    }
    case "ingest": {
      const flags = ingestFlagsFrom(rest);
      const report = await runIngest(db(), flags);
      if (flags.json) console.log(JSON.stringify(report, null, 2));
      else printIngestReport(report);
      return 0;
    }
    case "compute": {
      const keys = await recomputeResults(db());
      console.log(`computed: ${keys.join(", ") || "nothing (no active datasets)"}`);
      return 0;
    }
    case "status": {
      const { json } = parseFlags(rest, z.object({ json: z.boolean().optional() }), ["json"]);
      const status = await datasetStatus(db());
      if (json) console.log(JSON.stringify(status, null, 2));
      else printStatus(status);
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError) console.error(`error: ${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError || error instanceof HeaderError || error instanceof IngestBusyError) console.error(`error: ${error.message}`);
    else console.error(error);
    process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
  });

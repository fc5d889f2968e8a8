/**
 * The pipeline's command line: `npm run cli -- <command>`. Commands live in lib/cli/commands; flags are validated
 * with zod. Exit codes: 0 ok, 1 failure, 2 bad usage or configuration.
 */
import "dotenv/config";
import { UsageError } from "@/lib/cli/args";
import { COMMANDS } from "@/lib/cli/commands";
import { ConfigError } from "@/lib/env";
import { IngestInputError } from "@/lib/ingest/guards";
import { HeaderError } from "@/lib/ingest/sources/types";
import { IngestBusyError } from "@/lib/ingest/versions";

const USAGE = `usage: npm run cli -- <command>\n${Object.values(COMMANDS)
  .flatMap((c) => c.usage)
  .map((u) => `  ${u}`)
  .join("\n")}`;

async function main([name, ...rest]: string[]): Promise<number> {
  if (name === undefined || name === "help" || name === "--help") {
    console.log(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(rest);
}

// process.exit() drops output still queued for a pipe (e.g. `eis cos --json | jq` lost everything past ~200 KB):
// exit only once stdout has taken everything written before.
const exit = (code: number) => process.stdout.write("", () => process.exit(code));

main(process.argv.slice(2))
  .then(exit)
  .catch((error: unknown) => {
    if (error instanceof UsageError) console.error(`error: ${error.message}\n\n${USAGE}`);
    else if (
      error instanceof ConfigError ||
      error instanceof HeaderError ||
      error instanceof IngestBusyError ||
      error instanceof IngestInputError
    )
      console.error(`error: ${error.message}`);
    else console.error(error);
    exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
  });

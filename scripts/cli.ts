/**
 * The pipeline's command line: `npm run cli -- <command>`. Commands live in lib/cli/commands; flags are validated
 * with zod. Exit codes (lib/cli/exit-codes.ts): 0 ok, 1 failure, 2 bad usage or configuration.
 */
import "dotenv/config";
import { UsageError } from "@/lib/cli/args";
import { COMMANDS } from "@/lib/cli/commands";
import { cliFailure } from "@/lib/cli/exit-codes";

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
    const failure = cliFailure(error);
    if (failure.message === null) console.error(error);
    else console.error(failure.showUsage ? `${failure.message}\n\n${USAGE}` : failure.message);
    exit(failure.exitCode);
  });

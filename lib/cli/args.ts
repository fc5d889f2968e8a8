import { parseArgs } from "node:util";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { issueLines } from "@/lib/errors/zod";

/** Bad flags or arguments: exit code 2 with the usage lines (lib/cli/exit-codes.ts). */
export class UsageError extends AppError {
  constructor(message: string) {
    super("bad_request", message, { reason: "usage" });
    this.name = "UsageError";
  }
}

/** Parses `--flag value` style options with node:util and validates them with a zod schema. */
export function parseFlags<S extends z.ZodType>(argv: string[], schema: S, booleans: string[] = []): z.infer<S> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const options = Object.fromEntries(
    Object.keys(shape).map((k) => [k, { type: booleans.includes(k) ? ("boolean" as const) : ("string" as const) }]),
  );
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(issueLines(parsed.error, { prefix: "--" }).join("\n"));
  }
  return parsed.data;
}

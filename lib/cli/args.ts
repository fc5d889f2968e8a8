import { parseArgs } from "node:util";
import { z } from "zod";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
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
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return parsed.data;
}

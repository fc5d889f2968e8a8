import "server-only";
import { z } from "zod";
import { AccessError } from "./staff-session";

/**
 * The state every staff form action returns (useActionState). Actions validate FormData with zod, call DAL
 * functions (which check the session and role themselves) and never throw for bad input.
 */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; secret?: string }
  | {
      status: "error";
      code: "bad_request" | "unauthenticated" | "forbidden" | "not_found";
      message: string;
      values?: Record<string, string>;
      fieldErrors?: Record<string, string>;
    };

/** The first message for each field (issue path), so forms can show it next to the input. */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

export const IDLE: ActionState = { status: "idle" };

export async function runStaffAction<S extends z.ZodType>(
  schema: S,
  input: unknown,
  run: (data: z.infer<S>) => Promise<{ message: string; secret?: string }>,
): Promise<ActionState> {
  // React resets a form after its action: an error hands the submitted text back so the form can show it again.
  const values =
    input && typeof input === "object"
      ? Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string"))
      : undefined;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`);
    return {
      status: "error",
      code: "bad_request",
      message: `Check the form: ${issues.join("; ")}`,
      values,
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  try {
    return { status: "ok", ...(await run(parsed.data)) };
  } catch (e) {
    if (e instanceof AccessError) {
      const message = e.code === "unauthenticated" ? "Your session has ended. Sign in again." : e.message;
      return { status: "error", code: e.code, message, values };
    }
    if (e instanceof z.ZodError)
      return {
        status: "error",
        code: "bad_request",
        message: e.issues.map((i) => i.message).join("; "),
        values,
        fieldErrors: fieldErrorsOf(e),
      };
    throw e;
  }
}

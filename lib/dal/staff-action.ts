import "server-only";
import { z } from "zod";
import { AppError, fail, ok, type AppErrorCode, type FieldErrors, type Result } from "@/lib/errors/app-error";
import { fieldErrorsOf, issueLines } from "@/lib/errors/zod";

/**
 * Server actions' mapping of AppError. Actions validate FormData with zod, call DAL functions (which check the
 * session and role themselves) and never throw for bad input: `runStaffAction` returns the action's value or the
 * error state a form shows (useActionState), with the first message per field.
 */
export interface ActionError {
  status: "error";
  code: AppErrorCode;
  message: string;
  values?: Record<string, string>;
  fieldErrors?: FieldErrors;
}

export type ActionState = { status: "idle" } | { status: "ok"; message: string; secret?: string } | ActionError;

export const IDLE: ActionState = { status: "idle" };

/** The form state an error shows. Errors that are not AppErrors (or zod's) are bugs: they propagate. */
export function actionError(e: unknown, values?: Record<string, string>): ActionError {
  if (e instanceof z.ZodError)
    return {
      status: "error",
      code: "bad_request",
      message: issueLines(e, { paths: false }).join("; "),
      values,
      fieldErrors: fieldErrorsOf(e),
    };
  if (!(e instanceof AppError)) throw e;
  const message = e.code === "unauthenticated" ? "Your session has ended. Sign in again." : e.message;
  return { status: "error", code: e.code, message, values, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) };
}

export async function runStaffAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (data: z.infer<S>) => Promise<T>,
): Promise<Result<T, ActionError>> {
  // React resets a form after its action: an error hands the submitted text back so the form can show it again.
  const values =
    input && typeof input === "object"
      ? Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string"))
      : undefined;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return fail({
      status: "error",
      code: "bad_request",
      message: `Check the form: ${issueLines(parsed.error).join("; ")}`,
      values,
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  try {
    return ok(await run(parsed.data));
  } catch (e) {
    return fail(actionError(e, values));
  }
}

/** The state of a form whose action answers with a confirmation (and maybe a secret shown once). */
export const actionState = (result: Result<{ message: string; secret?: string }, ActionError>): ActionState =>
  result.ok ? { status: "ok", ...result.value } : result.error;

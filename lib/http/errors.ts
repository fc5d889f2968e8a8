import { AppError, type AppErrorCode } from "@/lib/errors/app-error";

/**
 * HTTP's mapping of AppError, the only one: every route handler (public API and staff API) answers errors with
 * `apiError`, so the status for a code and the one JSON error shape the API documents,
 * `{ error: { code, message } }`, are decided here. `code` is the error's reason when it has one (e.g.
 * "stale_cursor"), else its AppError code.
 */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export function apiError(error: AppError, headers: Record<string, string> = {}): Response {
  const retry: Record<string, string> =
    error.retryAfterSeconds === undefined ? {} : { "Retry-After": String(error.retryAfterSeconds) };
  // A 429 depends on this client's recent requests: no cache may keep it for anyone else.
  const noStore: Record<string, string> = error.code === "rate_limited" ? { "Cache-Control": "no-store" } : {};
  const body: ApiErrorBody = { error: { code: error.reason ?? error.code, message: error.message } };
  return Response.json(body, { status: HTTP_STATUS[error.code], headers: { ...retry, ...noStore, ...headers } });
}

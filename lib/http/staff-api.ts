import "server-only";
import { z } from "zod";
import { AccessError, type AccessCode } from "@/lib/dal/staff-session";

/**
 * Staff route handlers answer JSON, never cached by shared caches, and fail with one error shape:
 * `{ error: { code, message } }` and 400 / 401 / 403 / 404 (429 is the sign-in throttle's). Bad input is a 400 or
 * 404, never a 500; unexpected errors are logged and answered without detail.
 */
const STATUS: Record<AccessCode, number> = { bad_request: 400, unauthenticated: 401, forbidden: 403, not_found: 404 };
const NO_STORE = { "Cache-Control": "private, no-store" };

export function apiError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: NO_STORE });
}

export function apiOk(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}

export function staffRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (e) {
      if (e instanceof AccessError) return apiError(STATUS[e.code], e.code, e.message);
      if (e instanceof z.ZodError)
        return apiError(400, "bad_request", e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      console.error("staff API error", e);
      return apiError(500, "internal", "The request could not be completed.");
    }
  };
}

import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodAppError } from "@/lib/errors/zod";
import { apiError } from "./errors";

/**
 * Staff route handlers answer JSON, never cached by shared caches, and fail with the API's one error shape
 * (lib/http/errors.ts): `{ error: { code, message } }` and 400 / 401 / 403 / 404 / 409 (429 is the sign-in
 * throttle's). Bad input is a 400 or 404, never a 500; unexpected errors are logged and answered without detail.
 */
const NO_STORE = { "Cache-Control": "private, no-store" };

export function staffApiError(error: AppError): Response {
  return apiError(error, NO_STORE);
}

export function apiOk(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}

export function staffRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (e) {
      if (e instanceof AppError) return staffApiError(e);
      if (e instanceof z.ZodError) return staffApiError(zodAppError(e, "", { root: "" }));
      console.error("staff API error", e);
      return staffApiError(new AppError("internal", "The request could not be completed."));
    }
  };
}

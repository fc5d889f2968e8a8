import { AppError } from "@/lib/errors/app-error";
import { apiError } from "@/lib/http/errors";

/**
 * Any /api/... address that no route serves: a 404 in the API's error shape instead of Next.js's HTML page, so an
 * API client always gets JSON it can read. (More specific routes, e.g. /api/v1/... and /api/auth/..., come first.)
 */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname.slice(0, 120);
  return apiError(
    new AppError("not_found", `No API route at ${path}. The public API is described at /api/v1/openapi.json.`),
  );
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

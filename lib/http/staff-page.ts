import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";

/**
 * Pages' mapping of AppError (the DAL itself never imports next/navigation): runs a staff page's data loading and
 * turns refusals into the page responses: not signed in → redirect to the sign-in page (which returns to `from`),
 * wrong role or unit → 403 (app/forbidden.tsx), missing or malformed address → 404. Any other error (unavailable,
 * internal, ...) goes on to the error page. The checks themselves live in the DAL functions that `load` calls.
 */
export async function staffPage<T>(from: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === "unauthenticated") redirect(`/staff/sign-in?from=${encodeURIComponent(from)}`);
    if (e.code === "forbidden") forbidden();
    if (e.code === "not_found" || e.code === "bad_request") notFound();
    throw e;
  }
}

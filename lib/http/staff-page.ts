import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AccessError } from "@/lib/dal/staff-session";

/**
 * The page transport of the DAL's refusals (the DAL itself never imports next/navigation). Runs a staff page's data
 * loading and turns refusals into the page responses: not signed in → redirect to the sign-in page (which returns to
 * `from`), wrong role or unit → 403 (app/forbidden.tsx), missing → 404. The checks themselves live in the DAL
 * functions that `load` calls.
 */
export async function staffPage<T>(from: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (!(e instanceof AccessError)) throw e;
    if (e.code === "unauthenticated") redirect(`/staff/sign-in?from=${encodeURIComponent(from)}`);
    if (e.code === "forbidden") forbidden();
    notFound();
  }
}

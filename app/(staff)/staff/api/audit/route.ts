import { getAuditLog } from "@/lib/dal/staff-audit";
import { apiOk, staffRoute } from "@/lib/http/staff-api";

/** The audit log as JSON, with the page's filters as query parameters (action, user, from, to, page). */
export const GET = staffRoute(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return apiOk(await getAuditLog(params));
});

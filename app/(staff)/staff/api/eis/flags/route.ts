import { getEisFlags } from "@/lib/dal/staff-eis";
import { issuesError } from "@/lib/errors/app-error";
import { apiOk, staffApiError, staffRoute } from "@/lib/http/staff-api";

/**
 * The latest run's flags in the caller's scope as JSON (same DAL, checks and scope as /staff/eis). Query: show =
 * flagged | all, precinct, reason (a reason code), review = not_reviewed | confirmed | dismissed. A filter value that
 * is not understood is a 400.
 */
export const GET = staffRoute(async (request: Request) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const flags = await getEisFlags(query);
  if (flags.filterIssues.length) return staffApiError(issuesError(flags.filterIssues, "Check the query: "));
  return apiOk(flags);
});

import { getOfficerUnitSummary } from "@/lib/dal/staff-officers";
import { apiOk, staffRoute } from "@/lib/http/staff-api";

/** One officer's unit summary as JSON (same checks, scope and audit as the page). */
export const GET = staffRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return apiOk(await getOfficerUnitSummary(id));
});

import { z } from "zod";
import { assignIntervention, completeIntervention, interventionAggregate } from "@/lib/dal/staff-eis-interventions";
import { verifySession } from "@/lib/dal/staff-session";
import { AppError } from "@/lib/errors/app-error";
import { apiOk, staffApiError, staffRoute } from "@/lib/http/staff-api";

/**
 * Interventions as JSON, for tools other than the officer page's forms (same DAL, checks, scope and audit):
 * POST { "action": "assign", scoreId, type, owner, dueDate } or { "action": "complete", interventionId, completedOn,
 * note }. Answers 201 { interventionId }; refusals use the staff error shape (400/401/403/404). GET gives the
 * department-wide follow-up aggregate of the accuracy page (no officer identities).
 */
const ActionSchema = z
  .object({ action: z.enum(["assign", "complete"], "action must be assign or complete") })
  .passthrough();

export const GET = staffRoute(async () => apiOk(await interventionAggregate()));

export const POST = staffRoute(async (request: Request) => {
  await verifySession(); // a signed-out caller gets 401 whatever the body
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return staffApiError(new AppError("bad_request", "The body must be JSON."));
  }
  const { action, ...input } = ActionSchema.parse(body);
  const saved = action === "assign" ? await assignIntervention(input) : await completeIntervention(input);
  return Response.json(
    { interventionId: saved.interventionId },
    { status: 201, headers: { "Cache-Control": "private, no-store" } },
  );
});

import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { db, type Db } from "@/lib/db/client";
import { isoDay } from "@/lib/eis/store";
import { ReviewInputSchema } from "@/lib/staff/eis-review-input";
import { parseReasons } from "./internal/eis-runs";
import { requireEisOfficerInScope } from "./internal/eis-scope";
import { AppError } from "@/lib/errors/app-error";
import { actorFor, requirePermission } from "./staff-session";

/**
 * Reviews of EIS flags. A review is appended (never edited; the latest one is the decision) together with its
 * audit entry in one transaction. Who may review is decided by the one EIS scope rule (lib/dal/internal/eis-scope.ts):
 * exactly the people who may see the officer, judged on the officer's current unit. Invalid input throws a ZodError whose paths name the form fields.
 */
function reasonRecord(raw: unknown): Record<string, unknown> {
  const r = (raw as { reasonDecisions?: unknown } | null)?.reasonDecisions;
  return r && typeof r === "object" && !Array.isArray(r) ? (r as Record<string, unknown>) : {};
}

export async function submitEisReview(raw: unknown): Promise<{ reviewId: number; officerId: string; scoreId: number }> {
  const user = await requirePermission("reviewEisFlags");
  const parsed = ReviewInputSchema.safeParse(raw);
  // The flag is needed to check the per-reason decisions: find it even when other fields are invalid, so that the
  // form gets every field's message at once.
  const scoreId = parsed.success
    ? parsed.data.scoreId
    : z.coerce
        .number()
        .int()
        .positive()
        .safeParse((raw as { scoreId?: unknown } | null)?.scoreId).data;
  if (scoreId === undefined) throw parsed.error!;
  const score = await db().eisOfficerScore.findUnique({
    where: { id: scoreId },
    include: { run: { select: { asOf: true, status: true } } },
  });
  if (!score || score.run.status !== "complete")
    throw new AppError("not_found", "This flag no longer exists; reload the page.");
  // The same rule as the officer page: the officer's current unit, not the unit the flagged score recorded.
  const { auditTarget: target } = await requireEisOfficerInScope(user, score.officerSourceId, {
    what: "review",
    deniedAction: "flag.review_denied",
    detail: { scoreId: score.id },
  });
  const actor = await actorFor(user);
  if (!score.flagged) throw new AppError("bad_request", "This score is not flagged, so there is nothing to review.");
  const reasons = parseReasons(score.reasons);
  const given = { ...(parsed.success ? parsed.data.reasonDecisions : reasonRecord(raw)) };
  // A flag with one reason asks once (the form shows no separate question): the flag decision is the reason's.
  const flagDecision = parsed.success ? parsed.data.flagDecision : undefined;
  if (reasons.length === 1 && flagDecision && !(reasons[0]!.code in given)) given[reasons[0]!.code] = flagDecision;
  const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  for (const r of reasons) {
    if (!(r.code in given))
      issues.push({
        code: "custom",
        path: ["reasonDecisions", r.code],
        message: "Choose agree or disagree for this reason.",
        input: undefined,
      });
  }
  for (const code of Object.keys(given)) {
    if (!reasons.some((r) => r.code === code))
      issues.push({
        code: "custom",
        path: ["reasonDecisions", code],
        message: "This flag has no such reason.",
        input: code,
      });
  }
  if (issues.length || !parsed.success) throw new z.ZodError(issues);
  const input = parsed.data;
  const reasonDecisions = reasons.map((r) => ({ code: r.code, decision: given[r.code] as "agree" | "disagree" }));
  const review = await db().$transaction(async (tx) => {
    const created = await tx.eisReview.create({
      data: {
        scoreId: score.id,
        reviewerId: user.id,
        reviewerEmail: user.email,
        flagDecision: input.flagDecision,
        reasonDecisions: JSON.stringify(reasonDecisions),
        dismissalReason: input.flagDecision === "disagree" ? input.dismissalReason! : (input.dismissalReason ?? null),
        interventionRecommended: input.interventionRecommended,
        notes: input.notes,
      },
    });
    await appendAudit(tx as unknown as Db, {
      action: "flag.review",
      actorId: user.id,
      actorEmail: user.email,
      target,
      detail: {
        reviewId: created.id,
        scoreId: score.id,
        runId: score.runId,
        asOf: isoDay(score.run.asOf),
        flagDecision: input.flagDecision,
        reasonDecisions,
        interventionRecommended: input.interventionRecommended,
      },
      ...actor.context,
    });
    return created;
  });
  return { reviewId: review.id, officerId: score.officerSourceId, scoreId: score.id };
}

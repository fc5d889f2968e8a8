import "server-only";
import { z } from "zod";
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS } from "@/lib/audit/actions";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { actorFor, requirePermission } from "./staff-session";

/** The audit log for admins, filtered by action, user (email, part of it) and date range (UTC days), newest first. */
export const AuditFilterSchema = z.object({
  action: z.enum(AUDIT_ACTION_NAMES).optional().catch(undefined),
  user: z.string().trim().max(254).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export interface AuditEntryDto {
  id: number;
  at: string;
  actorEmail: string;
  action: string;
  actionLabel: string;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

function parseDetail(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: json };
  }
}

/** Input that fails validation is dropped from the filter (a bad query string never errors). Viewing is audited. */
export async function getAuditLog(
  raw: unknown,
): Promise<{ entries: AuditEntryDto[]; total: number; filter: AuditFilter; pageSize: number }> {
  const admin = await requirePermission("viewAuditLog");
  const filter = AuditFilterSchema.parse(raw ?? {});
  const where = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.user ? { actorEmail: { contains: filter.user.toLowerCase() } } : {}),
    ...(filter.from || filter.to
      ? {
          at: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db().auditLog.count({ where }),
  ]);
  const actor = await actorFor(admin);
  await appendAudit(db(), {
    action: "audit.view",
    actorId: admin.id,
    actorEmail: admin.email,
    detail: { filter },
    ...actor.context,
  });
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorEmail: r.actorEmail,
      action: r.action,
      actionLabel: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
      target: r.target,
      detail: parseDetail(r.detail),
      ip: r.ip,
      userAgent: r.userAgent,
    })),
    total,
    filter,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

import type { Db } from "@/lib/db/client";
import type { AuditAction } from "./actions";

/** Who did it and from where. `actorEmail` is also set for failed sign-ins (the email that was tried). */
export interface AuditEntry {
  action: AuditAction;
  actorId?: number | null;
  actorEmail: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/**
 * The only write path to the audit log: entries are inserted, never changed or removed (the database refuses
 * UPDATE and DELETE on AuditLog too, see the staff_area migrations; tests/unit/auth/audit-append-only.test.ts
 * checks that no code updates or deletes entries).
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  const detail = JSON.stringify(entry.detail ?? {});
  await db.auditLog.create({
    data: {
      action: entry.action,
      actorId: entry.actorId ?? null,
      actorEmail: clip(entry.actorEmail, 254) ?? "",
      target: clip(entry.target, 200),
      // Cut whole, not mid-string: the column must stay valid JSON.
      detail: detail.length <= 4000 ? detail : JSON.stringify({ truncated: true, length: detail.length }),
      ip: clip(entry.ip, 64),
      userAgent: clip(entry.userAgent, 300),
    },
  });
}

import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/actions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { StaffUser } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { parseJsonColumn } from "@/lib/db/json-column";
import { AppError } from "@/lib/errors/app-error";
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATES,
  CHANGES,
  formatNoteDate,
  KIND_LABELS,
  noteHref,
  SCOPE_KINDS,
  type AnnotationContent,
  type AnnotationKind,
  type AnnotationState,
  type Change,
  type PublicNote,
  type ScopeKind,
} from "./model";
import { describeScope } from "./targets";
import { decide, TRANSITIONS, type WorkflowAction, type WorkflowSubject } from "./workflow";

/**
 * Annotation storage. Every change updates the annotation, adds an AnnotationVersion (a full copy with who and
 * when) and appends an audit entry in one transaction, guarded by the version the editor saw (a stale form is
 * refused, not merged). Callers check the session (lib/dal/staff-annotations.ts); the workflow rules are checked
 * here again so that no caller can skip them. Refusals are AppErrors: not_found, forbidden (the workflow rule),
 * bad_request, conflict (a stale version). Not server-only: the demo seed runs from the CLI.
 */
export type Editor = Pick<StaffUser, "id" | "email" | "role">;

type Row = NonNullable<Awaited<ReturnType<Db["annotation"]["findUnique"]>>>;
type VersionRow = NonNullable<Awaited<ReturnType<Db["annotationVersion"]["findFirst"]>>>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const toDate = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);
const pick = <T extends string>(list: readonly T[], v: string, fallback: T): T =>
  (list as readonly string[]).includes(v) ? (v as T) : fallback;

export function contentOf(r: Row | VersionRow): AnnotationContent {
  return {
    title: r.title,
    body: r.body,
    kind: pick(ANNOTATION_KINDS, r.kind, "context"),
    scopeKind: pick(SCOPE_KINDS, r.scopeKind, "site"),
    scopeTarget: r.scopeTarget,
    dateStart: day(r.dateStart),
    dateEnd: day(r.dateEnd),
    sourceLabel: r.sourceLabel,
    sourceUrl: r.sourceUrl,
  };
}

const stored = (c: AnnotationContent) => ({ ...c, dateStart: toDate(c.dateStart), dateEnd: toDate(c.dateEnd) });

export function toPublicNote(r: Row): PublicNote {
  const c = contentOf(r);
  return {
    id: r.id,
    state: r.state === "retired" ? "retired" : "published",
    ...c,
    kindLabel: KIND_LABELS[c.kind],
    scopeLabel: describeScope(c.scopeKind, c.scopeTarget),
    dateLabel: formatNoteDate(c.dateStart, c.dateEnd),
    seeded: r.seeded,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    href: noteHref(r.id),
  };
}

export interface StaffAnnotationSummary extends AnnotationContent {
  id: number;
  state: AnnotationState;
  version: number;
  seeded: boolean;
  author: string;
  updatedAt: string;
  scopeLabel: string;
}

export interface AnnotationVersionDto extends AnnotationContent {
  version: number;
  change: Change;
  state: AnnotationState;
  editor: string;
  at: string;
  /** The reviewer's note for a return (or a retirement), from the audit entry of the change. */
  note: string | null;
}

export interface StaffAnnotation extends StaffAnnotationSummary {
  authorId: number | null;
  publishedAt: string | null;
  retiredAt: string | null;
  writerIds: number[];
  versions: AnnotationVersionDto[];
}

function summaryOf(r: Row): StaffAnnotationSummary {
  const c = contentOf(r);
  return {
    id: r.id,
    state: pick(ANNOTATION_STATES, r.state, "draft"),
    version: r.version,
    seeded: r.seeded,
    author: r.authorEmail,
    updatedAt: r.updatedAt.toISOString(),
    scopeLabel: describeScope(c.scopeKind, c.scopeTarget),
    ...c,
  };
}

export interface ListFilter {
  state?: AnnotationState;
  kind?: AnnotationKind;
  scopeKind?: ScopeKind;
}

export async function listAnnotations(db: Db, f: ListFilter = {}): Promise<StaffAnnotationSummary[]> {
  const rows = await db.annotation.findMany({
    where: {
      ...(f.state ? { state: f.state } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.scopeKind ? { scopeKind: f.scopeKind } : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map(summaryOf);
}

const NOTE_ACTIONS: AuditAction[] = [
  "annotation.return",
  "annotation.retire",
  "annotation.publish",
  "annotation.submit",
];

/** The part of an annotation audit entry's detail the history shows: which version a note was written for. */
const NoteDetail = z.looseObject({ version: z.number().optional(), note: z.string().optional() });

export async function getAnnotation(db: Db, id: number): Promise<StaffAnnotation | null> {
  const r = await db.annotation.findUnique({ where: { id }, include: { versions: { orderBy: { version: "asc" } } } });
  if (!r) return null;
  const audits = await db.auditLog.findMany({
    where: { target: `annotation:${id}`, action: { in: NOTE_ACTIONS } },
    orderBy: { id: "asc" },
  });
  const notes = new Map<number, string>();
  for (const a of audits) {
    const detail = parseJsonColumn(NoteDetail, a.detail, `audit detail of entry ${a.id}`);
    if (detail.version !== undefined && detail.note) notes.set(detail.version, detail.note);
  }
  const versions = r.versions.map((v): AnnotationVersionDto => ({
    ...contentOf(v),
    version: v.version,
    change: pick(CHANGES, v.change, "edit"),
    state: pick(ANNOTATION_STATES, v.state, "draft"),
    editor: v.editorEmail,
    at: v.at.toISOString(),
    note: notes.get(v.version) ?? null,
  }));
  return {
    ...summaryOf(r),
    authorId: r.authorId,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    writerIds: writersOf(r.authorId, r.versions),
    versions,
  };
}

function writersOf(authorId: number | null, versions: { change: string; editorId: number | null }[]): number[] {
  const ids = versions.filter((v) => v.change === "create" || v.change === "edit").map((v) => v.editorId);
  return [...new Set([authorId, ...ids].filter((x): x is number => x !== null))];
}

async function subjectOf(db: Db, id: number): Promise<{ row: Row; subject: WorkflowSubject }> {
  const row = await db.annotation.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "No such annotation.");
  const versions = await db.annotationVersion.findMany({
    where: { annotationId: id },
    select: { change: true, editorId: true },
  });
  return {
    row,
    subject: {
      state: pick(ANNOTATION_STATES, row.state, "draft"),
      authorId: row.authorId,
      writerIds: writersOf(row.authorId, versions),
    },
  };
}

function check(editor: Editor, subject: WorkflowSubject, action: WorkflowAction): void {
  const d = decide(editor, subject, action);
  if (!d.ok) throw new AppError(d.code, d.message);
}

const STALE =
  "Someone changed this annotation after you opened it. Reload the page to see their change, then try again.";

interface Audit {
  action: AuditAction;
  detail: Record<string, unknown>;
}

/** Writes one change: the annotation (only if still at `expectedVersion`), its version row, and the audit entry. */
async function commit(
  db: Db,
  editor: Editor,
  context: RequestContext,
  id: number,
  expectedVersion: number,
  fromState: string,
  data: Record<string, unknown>,
  change: Change,
  audit: Audit,
): Promise<number> {
  return db.$transaction(async (t) => {
    const tx = t as unknown as Db;
    const now = new Date();
    const next = expectedVersion + 1;
    const updated = await tx.annotation.updateMany({
      where: { id, version: expectedVersion, state: fromState },
      data: { ...data, version: next, updatedAt: now },
    });
    if (updated.count !== 1) throw new AppError("conflict", STALE);
    const row = (await tx.annotation.findUnique({ where: { id } }))!;
    await tx.annotationVersion.create({
      data: {
        annotationId: id,
        version: next,
        change,
        state: row.state,
        ...stored(contentOf(row)),
        editorId: editor.id,
        editorEmail: editor.email,
        at: now,
      },
    });
    await appendAudit(tx, {
      action: audit.action,
      actorId: editor.id,
      actorEmail: editor.email,
      target: `annotation:${id}`,
      detail: { version: next, ...audit.detail },
      ...context,
    });
    return next;
  });
}

export async function createAnnotation(
  db: Db,
  editor: Editor,
  content: AnnotationContent,
  context: RequestContext,
): Promise<number> {
  check(editor, { state: "draft", authorId: editor.id, writerIds: [editor.id] }, "edit");
  return db.$transaction(async (t) => {
    const tx = t as unknown as Db;
    const now = new Date();
    const row = await tx.annotation.create({
      data: {
        state: "draft",
        ...stored(content),
        authorId: editor.id,
        authorEmail: editor.email,
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
    });
    await tx.annotationVersion.create({
      data: {
        annotationId: row.id,
        version: 1,
        change: "create",
        state: "draft",
        ...stored(content),
        editorId: editor.id,
        editorEmail: editor.email,
        at: now,
      },
    });
    await appendAudit(tx, {
      action: "annotation.create",
      actorId: editor.id,
      actorEmail: editor.email,
      target: `annotation:${row.id}`,
      detail: { version: 1, title: content.title, scope: `${content.scopeKind}:${content.scopeTarget}` },
      ...context,
    });
    return row.id;
  });
}

export async function editAnnotation(
  db: Db,
  editor: Editor,
  id: number,
  expectedVersion: number,
  content: AnnotationContent,
  context: RequestContext,
): Promise<number> {
  const { row, subject } = await subjectOf(db, id);
  check(editor, subject, "edit");
  if (row.version !== expectedVersion) throw new AppError("conflict", STALE);
  const before = contentOf(row);
  const changed = (Object.keys(content) as (keyof AnnotationContent)[]).filter((k) => content[k] !== before[k]);
  if (changed.length === 0) throw new AppError("bad_request", "Nothing changed: edit a field before saving.");
  return commit(db, editor, context, id, expectedVersion, row.state, stored(content), "edit", {
    action: "annotation.update",
    detail: { changed },
  });
}

export async function transitionAnnotation(
  db: Db,
  editor: Editor,
  id: number,
  change: keyof typeof TRANSITIONS,
  expectedVersion: number,
  note: string,
  context: RequestContext,
): Promise<number> {
  const { row, subject } = await subjectOf(db, id);
  check(editor, subject, change);
  if (row.version !== expectedVersion) throw new AppError("conflict", STALE);
  const { from, to } = TRANSITIONS[change];
  const now = new Date();
  const data = {
    state: to,
    ...(change === "publish" ? { publishedAt: now, publishedById: editor.id } : {}),
    ...(change === "retire" ? { retiredAt: now } : {}),
  };
  return commit(db, editor, context, id, expectedVersion, from, data, change, {
    action: `annotation.${change}`,
    detail: { from, to, ...(note ? { note } : {}) },
  });
}

/** Published and retired notes, for the public pages (drafts and notes in review never leave the staff area). */
export async function listPublicNotes(db: Db): Promise<PublicNote[]> {
  const rows = await db.annotation.findMany({
    where: { state: { in: ["published", "retired"] } },
    orderBy: [{ dateStart: "asc" }, { id: "asc" }],
  });
  return rows.map(toPublicNote);
}

/** Changes whenever any annotation changes (every change bumps updatedAt): the public cache's key. */
export async function annotationsStamp(db: Db): Promise<string> {
  const a = await db.annotation.aggregate({ _max: { updatedAt: true }, _count: { _all: true } });
  return `${a._count._all}:${a._max.updatedAt?.getTime() ?? 0}`;
}

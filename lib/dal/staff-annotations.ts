import "server-only";
import { z } from "zod";
import { ANNOTATION_KINDS, ANNOTATION_STATES, SCOPE_KINDS } from "@/lib/annotations/model";
import { AnnotationIdSchema, contentSchema, TransitionSchema } from "@/lib/annotations/schema";
import {
  createAnnotation,
  editAnnotation,
  getAnnotation,
  listAnnotations,
  transitionAnnotation,
  type ListFilter,
  type StaffAnnotation,
  type StaffAnnotationSummary,
} from "@/lib/annotations/store";
import { scopeTargets, type ScopeTargets } from "@/lib/annotations/targets";
import { allowedActions, type WorkflowAction } from "@/lib/annotations/workflow";
import type { StaffUser } from "@/lib/auth/roles";
import { currentRequestContext } from "@/lib/auth/request-context";
import { db } from "@/lib/db/client";
import { recordRelease } from "@/lib/pipeline/releases";
import { loadResult } from "./results";
import { AppError } from "@/lib/errors/app-error";
import { deny, requirePermission } from "./staff-session";

/**
 * Staff access to annotations. Every function checks the session and the draftAnnotation permission itself, then
 * lib/annotations/store.ts checks the workflow rule for the user and the annotation (supervisors: their own drafts
 * only; publishing: a second person). A refused change is audited (access.denied) like any refused staff request.
 */

/** Precincts known to the data (crisis and use of force) plus the fixed list: what a precinct scope may name. */
export async function getScopeTargets(): Promise<ScopeTargets> {
  await requirePermission("draftAnnotation");
  const [cube, uof] = await Promise.all([loadResult("crisis.cube"), loadResult("uof.aggregates")]);
  return scopeTargets([...(cube?.precincts ?? []), ...(uof?.precincts ?? [])]);
}

const ListFilterSchema = z.object({
  state: z.enum(ANNOTATION_STATES).optional().catch(undefined),
  kind: z.enum(ANNOTATION_KINDS).optional().catch(undefined),
  scopeKind: z.enum(SCOPE_KINDS).optional().catch(undefined),
});

export async function listStaffAnnotations(
  filter: unknown,
): Promise<{ filter: ListFilter; annotations: StaffAnnotationSummary[] }> {
  await requirePermission("draftAnnotation");
  const raw =
    filter && typeof filter === "object"
      ? Object.fromEntries(Object.entries(filter).filter(([, v]) => typeof v === "string" && v !== ""))
      : {};
  const f = ListFilterSchema.parse(raw);
  return { filter: f, annotations: await listAnnotations(db(), f) };
}

function annotationId(raw: unknown): number {
  const id = AnnotationIdSchema.safeParse(raw);
  if (!id.success) throw new AppError("not_found", "No such annotation.");
  return id.data;
}

export interface AnnotationView {
  annotation: StaffAnnotation;
  actions: WorkflowAction[];
  user: Pick<StaffUser, "id" | "email" | "role">;
}

export async function getStaffAnnotation(rawId: unknown): Promise<AnnotationView> {
  const user = await requirePermission("draftAnnotation");
  const annotation = await getAnnotation(db(), annotationId(rawId));
  if (!annotation) throw new AppError("not_found", "No such annotation.");
  return {
    annotation,
    actions: allowedActions(user, annotation),
    user: { id: user.id, email: user.email, role: user.role },
  };
}

/** A workflow refusal is audited like any refused staff request; the store's other errors pass as they are. */
async function guarded<T>(user: StaffUser, target: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.code === "forbidden") return deny(user, target, e.message);
    throw e;
  }
}

/** Creates a draft from the form's fields (validated here again: this is an entry point of its own). */
export async function createStaffAnnotation(input: unknown): Promise<number> {
  const user = await requirePermission("draftAnnotation");
  const content = contentSchema(await getScopeTargets()).parse(input);
  return guarded(user, "annotation:new", async () =>
    createAnnotation(db(), user, content, await currentRequestContext()),
  );
}

const EditSchema = z.object({ id: AnnotationIdSchema, version: z.coerce.number().int().positive() });

export async function editStaffAnnotation(input: unknown): Promise<number> {
  const user = await requirePermission("draftAnnotation");
  const { id, version } = EditSchema.parse(input);
  const content = contentSchema(await getScopeTargets()).parse(input);
  const saved = await guarded(user, `annotation:${id}`, async () =>
    editAnnotation(db(), user, id, version, content, await currentRequestContext()),
  );
  await recordRelease(db(), "note"); // a no-op unless a public note's text changed
  return saved;
}

export async function transitionStaffAnnotation(input: unknown): Promise<{ id: number; change: string }> {
  const user = await requirePermission("draftAnnotation");
  const t = TransitionSchema.parse(input);
  await guarded(user, `annotation:${t.id}`, async () =>
    transitionAnnotation(db(), user, t.id, t.change, t.version, t.note, await currentRequestContext()),
  );
  // Publishing or retiring a note changes what the public sees: a new release (none for other transitions).
  await recordRelease(db(), "note");
  return { id: t.id, change: t.change };
}

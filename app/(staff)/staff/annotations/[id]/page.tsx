import type { Metadata } from "next";
import Link from "next/link";
import { NoteBody } from "@/components/annotations/note-body";
import { CHANGE_LABELS, formatNoteDate, KIND_LABELS, STATE_LABELS, type Change } from "@/lib/annotations/model";
import { getScopeTargets, getStaffAnnotation } from "@/lib/dal/staff-annotations";
import { staffPage } from "@/lib/http/staff-page";
import { AnnotationForm } from "../annotation-form";
import { formOptions, formValuesOf } from "../labels";
import { TransitionForm } from "../transition-form";
import { VersionHistory } from "./history";
import { formatSeattleTime } from "@/lib/staff/seattle-time";

export const metadata: Metadata = { title: "Annotation" };

const SAVED: Record<string, string> = {
  created: "Draft saved. Submit it for review when it is ready.",
  edited: "Changes saved.",
  submit: "Submitted for review: an analyst or admin who did not write it can now publish it.",
  publish: "Published: the note is now on the public pages, charts and downloads it applies to.",
  return: "Returned to draft with your note.",
  retire: "Retired: the note has left the charts and stays on the public corrections page.",
};

export default async function AnnotationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const saved = (await searchParams).saved;
  const {
    annotation: a,
    actions,
    user,
  } = await staffPage(`/staff/annotations/${encodeURIComponent(id)}`, () => getStaffAnnotation(id));
  const transitions = actions.filter((x) => x !== "edit");
  const canEdit = actions.includes("edit");
  const targets = canEdit ? await getScopeTargets() : null;
  const savedMessage = typeof saved === "string" ? SAVED[saved] : undefined;
  return (
    <>
      <p>
        <Link href="/staff/annotations">← All annotations</Link>
      </p>
      <h1>{a.title}</h1>
      {savedMessage && (
        <p className="alert alert--ok" role="status">
          {savedMessage}
        </p>
      )}
      <dl className="facts" data-testid="annotation-facts">
        <dt>State</dt>
        <dd data-testid="annotation-state">{STATE_LABELS[a.state]}</dd>
        <dt>Kind</dt>
        <dd>{KIND_LABELS[a.kind]}</dd>
        <dt>Applies to</dt>
        <dd>{a.scopeLabel}</dd>
        <dt>Date</dt>
        <dd>{formatNoteDate(a.dateStart, a.dateEnd)}</dd>
        <dt>Source</dt>
        <dd>
          {a.sourceLabel ?? "none"}
          {a.sourceUrl ? ` (${a.sourceUrl})` : ""}
        </dd>
        <dt>Author</dt>
        <dd>
          {a.author}
          {a.seeded ? " (sourced context shipped with the portal)" : ""}
        </dd>
        <dt>Version</dt>
        <dd>{a.version}</dd>
        {a.publishedAt && (
          <>
            <dt>Published</dt>
            <dd>{formatSeattleTime(a.publishedAt)}</dd>
          </>
        )}
        {a.retiredAt && (
          <>
            <dt>Retired</dt>
            <dd>{formatSeattleTime(a.retiredAt)}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="preview">
        <h2 id="preview">The note as the public will read it</h2>
        <div className="note-preview">
          <NoteBody markdown={a.body} />
        </div>
      </section>
      <section aria-labelledby="actions">
        <h2 id="actions">What you can do</h2>
        {transitions.length === 0 && !canEdit ? (
          <p data-testid="no-actions">{noActionText(a.state, user.role, a.writerIds.includes(user.id))}</p>
        ) : (
          <div className="transition-forms">
            {transitions.map((change) => (
              <TransitionForm key={change} id={a.id} version={a.version} change={change} />
            ))}
          </div>
        )}
        {a.state === "in_review" &&
          a.writerIds.includes(user.id) &&
          !transitions.includes("publish") &&
          user.role !== "supervisor" && (
            <p className="meta" data-testid="second-person">
              You wrote or edited this note, so someone else must publish it.
            </p>
          )}
      </section>
      {canEdit && targets && (
        <section aria-labelledby="edit">
          <h2 id="edit">Edit</h2>
          <AnnotationForm
            mode="edit"
            id={a.id}
            version={a.version}
            initial={formValuesOf(a)}
            options={formOptions(targets)}
          />
        </section>
      )}
      <section aria-labelledby="history">
        <h2 id="history">History ({a.versions.length} versions)</h2>
        <p className="meta">
          Every change is kept: {a.versions.map((v) => CHANGE_LABELS[v.change as Change].toLowerCase()).join(", ")}.
        </p>
        <VersionHistory versions={a.versions} />
      </section>
    </>
  );
}

function noActionText(state: string, role: string, wrote: boolean): string {
  if (state === "retired") return "This note is retired: it stays on the public corrections page and cannot change.";
  if (role === "supervisor")
    return "Supervisors can write drafts and submit their own; an analyst or admin reviews, publishes and retires notes.";
  if (state === "in_review" && wrote) return "You wrote or edited this note, so someone else must publish it.";
  return "No action is open to you on this note now.";
}

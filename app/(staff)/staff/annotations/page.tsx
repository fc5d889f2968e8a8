import type { Metadata } from "next";
import Link from "next/link";
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATES,
  formatNoteDate,
  KIND_LABELS,
  SCOPE_KINDS,
  SCOPE_LABELS,
  STATE_LABELS,
} from "@/lib/annotations/model";
import { staffPage } from "@/lib/http/staff-page";
import { listStaffAnnotations } from "@/lib/dal/staff-annotations";
import { formatSeattleTime } from "@/lib/staff/seattle-time";

export const metadata: Metadata = { title: "Annotations" };

export default async function AnnotationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { filter, annotations } = await staffPage("/staff/annotations", () => listStaffAnnotations(params));
  const counts = new Map(ANNOTATION_STATES.map((s) => [s, annotations.filter((a) => a.state === s).length]));
  return (
    <>
      <h1>Annotations</h1>
      <p className="lede">
        Notes shown with the public figures: why numbers move (policy and data changes, context, corrections). Drafts
        and notes in review are visible here only; published notes appear on the charts they apply to; retired notes
        stay on the public corrections page.
      </p>
      <p>
        <Link href="/staff/annotations/new" className="button">
          New annotation
        </Link>
      </p>
      <form method="get" action="/staff/annotations" className="filter-bar" aria-label="Filter annotations">
        <div className="form-field">
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" defaultValue={filter.state ?? ""}>
            <option value="">All states</option>
            {ANNOTATION_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="f-kind">Kind</label>
          <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">All kinds</option>
            {ANNOTATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="f-scope">Scope</label>
          <select id="f-scope" name="scopeKind" defaultValue={filter.scopeKind ?? ""}>
            <option value="">All scopes</option>
            {SCOPE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SCOPE_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
        <Link href="/staff/annotations">Clear</Link>
      </form>
      <p role="status" data-testid="annotation-count">
        {annotations.length} annotation{annotations.length === 1 ? "" : "s"}
        {filter.state
          ? ""
          : `: ${ANNOTATION_STATES.map((s) => `${counts.get(s)} ${STATE_LABELS[s].toLowerCase()}`).join(", ")}`}
        .
      </p>
      <div className="table-scroll" role="region" aria-label="Annotations" tabIndex={0}>
        <table className="data-table" data-testid="annotation-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">State</th>
              <th scope="col">Kind</th>
              <th scope="col">Applies to</th>
              <th scope="col">Date</th>
              <th scope="col">Author</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {annotations.map((a) => (
              <tr key={a.id} data-annotation={a.id} data-state={a.state}>
                <th scope="row">
                  <Link href={`/staff/annotations/${a.id}`}>{a.title}</Link>
                </th>
                <td>
                  <span className={`badge badge--state badge--${a.state}`}>{STATE_LABELS[a.state]}</span>
                </td>
                <td>{KIND_LABELS[a.kind]}</td>
                <td>{a.scopeLabel}</td>
                <td>{formatNoteDate(a.dateStart, a.dateEnd)}</td>
                <td>
                  {a.author}
                  {a.seeded ? " (sourced context)" : ""}
                </td>
                <td>{formatSeattleTime(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

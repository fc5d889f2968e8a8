import {
  CHANGE_LABELS,
  formatNoteDate,
  KIND_LABELS,
  STATE_LABELS,
  type AnnotationContent,
} from "@/lib/annotations/model";
import type { AnnotationVersionDto } from "@/lib/annotations/store";
import { describeScope } from "@/lib/annotations/targets";
import { formatSeattleTime } from "@/lib/staff/seattle-time";

/** Every version of an annotation: who, when, what changed (each changed field with its old and new value). */
const FIELDS: [keyof AnnotationContent | "when" | "scope", string][] = [
  ["title", "Title"],
  ["body", "Note"],
  ["kind", "Kind"],
  ["scope", "Applies to"],
  ["when", "Date"],
  ["sourceLabel", "Source"],
  ["sourceUrl", "Source link"],
];

function show(v: AnnotationVersionDto, field: (typeof FIELDS)[number][0]): string {
  if (field === "when") return formatNoteDate(v.dateStart, v.dateEnd);
  if (field === "scope") return describeScope(v.scopeKind, v.scopeTarget);
  if (field === "kind") return KIND_LABELS[v.kind];
  return v[field] ?? "";
}

export function VersionHistory({ versions }: { versions: AnnotationVersionDto[] }) {
  return (
    <div className="table-scroll" role="region" aria-label="Version history" tabIndex={0}>
      <table className="data-table" data-testid="version-history">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Change</th>
            <th scope="col">Who</th>
            <th scope="col">When</th>
            <th scope="col">State after</th>
            <th scope="col">What changed</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => {
            const prev = versions[i - 1];
            const changed = prev ? FIELDS.filter(([f]) => show(v, f) !== show(prev, f)) : [];
            return (
              <tr key={v.version} data-version={v.version} data-change={v.change}>
                <th scope="row">{v.version}</th>
                <td>{CHANGE_LABELS[v.change]}</td>
                <td>{v.editor}</td>
                <td>{formatSeattleTime(v.at)}</td>
                <td>{STATE_LABELS[v.state]}</td>
                <td>
                  {v.note && <p className="version-note">Note: {v.note}</p>}
                  {!prev && (
                    <dl className="version-fields">
                      {FIELDS.map(([f, label]) => (
                        <div key={f}>
                          <dt>{label}</dt>
                          <dd>{show(v, f) || "(none)"}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                  {prev && changed.length === 0 && !v.note && <span className="meta">No content change</span>}
                  {changed.length > 0 && (
                    <dl className="version-fields" data-testid="version-diff">
                      {changed.map(([f, label]) => (
                        <div key={f} data-field={f}>
                          <dt>{label}</dt>
                          <dd>
                            <del aria-label={`${label} before`}>{show(prev!, f) || "(none)"}</del>{" "}
                            <ins aria-label={`${label} after`}>{show(v, f) || "(none)"}</ins>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import {
  ANNOTATION_KINDS,
  KIND_LABELS,
  SCOPE_KINDS,
  SCOPE_LABELS,
  type AnnotationContent,
} from "@/lib/annotations/model";
import { CHART_TARGETS, DATASETS, PUBLIC_PAGES, type ScopeTargets } from "@/lib/annotations/targets";
import type { FormValues } from "./annotation-form";
// (no server-only code here: the client form imports the types and the server pages the functions)

const humanize = (id: string) => id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
const pageLabel = (path: string) => PUBLIC_PAGES.find((p) => p.path === path)?.label ?? path;

/** One option of the scope picker: value "kind:target" (the action splits it), grouped for the select's optgroups. */
export interface ScopeOption {
  value: string;
  label: string;
}

/**
 * Plain data for the annotation form: choices, and the scope picker's groups (the whole site, each public page, each
 * chart under its page, each dataset, each precinct), so that no internal id is typed by hand.
 */
export function formOptions(targets: ScopeTargets) {
  const chartsByPage = new Map<string, ScopeOption[]>();
  for (const c of targets.charts) {
    const page = CHART_TARGETS[c]?.page ?? "";
    (chartsByPage.get(page) ?? chartsByPage.set(page, []).get(page)!).push({
      value: `chart:${c}`,
      label: `${humanize(c)} (${c})`,
    });
  }
  const scopeGroups: { label: string; options: ScopeOption[] }[] = [
    { label: "Everywhere", options: [{ value: "site:", label: "The whole site" }] },
    {
      label: "Pages",
      options: PUBLIC_PAGES.map((p) => ({ value: `page:${p.path}`, label: `${p.label} (${p.path})` })),
    },
    ...[...chartsByPage].map(([page, options]) => ({ label: `Charts on ${pageLabel(page)}`, options })),
    { label: "Datasets", options: Object.entries(DATASETS).map(([k, label]) => ({ value: `dataset:${k}`, label })) },
    { label: "Precincts", options: targets.precincts.map((p) => ({ value: `precinct:${p}`, label: `${p} precinct` })) },
  ];
  return {
    kinds: ANNOTATION_KINDS.map((k) => [k, KIND_LABELS[k]] as [string, string]),
    scopeKinds: SCOPE_KINDS.map((k) => [k, SCOPE_LABELS[k]] as [string, string]),
    scopeGroups,
  };
}

/** The picker's "kind:target" value split back into the two stored fields (a stored scope missing from the list stays). */
export function splitScope(fields: Record<string, string>): Record<string, string> {
  if (typeof fields.scope !== "string") return fields;
  const { scope, ...rest } = fields;
  const at = scope.indexOf(":");
  return { ...rest, scopeKind: at < 0 ? scope : scope.slice(0, at), scopeTarget: at < 0 ? "" : scope.slice(at + 1) };
}

export const EMPTY_FORM: FormValues = {
  title: "",
  body: "",
  kind: "context",
  scopeKind: "site",
  scopeTarget: "",
  dateStart: "",
  dateEnd: "",
  sourceLabel: "",
  sourceUrl: "",
};

export const formValuesOf = (c: AnnotationContent): FormValues => ({
  ...c,
  dateStart: c.dateStart ?? "",
  dateEnd: c.dateEnd ?? "",
  sourceLabel: c.sourceLabel ?? "",
  sourceUrl: c.sourceUrl ?? "",
});

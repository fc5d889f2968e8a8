import { ANNOTATION_KINDS, KIND_LABELS, SCOPE_KINDS, SCOPE_LABELS, type AnnotationContent } from "@/lib/annotations/model";
import { DATASETS, PUBLIC_PAGES, type ScopeTargets } from "@/lib/annotations/targets";
import type { FormValues } from "./annotation-form";

/** Plain data for the annotation form: choices, suggestions for the scope target, and values from stored content. */
export function formOptions(targets: ScopeTargets) {
  return {
    kinds: ANNOTATION_KINDS.map((k) => [k, KIND_LABELS[k]] as [string, string]),
    scopeKinds: SCOPE_KINDS.map((k) => [k, SCOPE_LABELS[k]] as [string, string]),
    targets: [
      ...PUBLIC_PAGES.map((p) => ({ value: p.path, label: `Page: ${p.label}` })),
      ...targets.charts.map((c) => ({ value: c, label: "Chart" })),
      ...Object.entries(DATASETS).map(([k, label]) => ({ value: k, label: `Dataset: ${label}` })),
      ...targets.precincts.map((p) => ({ value: p, label: "Precinct" })),
    ],
  };
}

export const EMPTY_FORM: FormValues = { title: "", body: "", kind: "context", scopeKind: "site", scopeTarget: "", dateStart: "", dateEnd: "", sourceLabel: "", sourceUrl: "" };

export const formValuesOf = (c: AnnotationContent): FormValues => ({
  ...c,
  dateStart: c.dateStart ?? "",
  dateEnd: c.dateEnd ?? "",
  sourceLabel: c.sourceLabel ?? "",
  sourceUrl: c.sourceUrl ?? "",
});

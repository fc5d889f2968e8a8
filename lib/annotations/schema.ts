import { z } from "zod";
import {
  ANNOTATION_KINDS,
  BODY_MAX,
  RETURN_NOTE_MAX,
  SCOPE_KINDS,
  SOURCE_LABEL_MAX,
  TITLE_MAX,
  type AnnotationContent,
} from "./model";
import type { ScopeTargets } from "./targets";

/**
 * The annotation form as zod schemas. Every message names what to fix and lands on its field (issue paths are field
 * names), so the staff form can show it next to the input. Markdown is the only markup: raw HTML is refused here and
 * dropped again when a note is rendered (components/annotations/note-body.tsx).
 */
// As HTML and CommonMark read a tag: "<" directly followed by a name, "/", "?" or "!" ("a < b" is text).
const HTML_TAG = /<[/?!]?[a-z]|<!/i;
export const HTML_MESSAGE = "HTML is not allowed; use Markdown (e.g. **bold**, [link text](https://example.org))";
const SAFE_LINK = /^(https?:\/\/|mailto:|\/|#)/i;
/** Targets of Markdown links and images: `[text](target)` and reference definitions `[id]: target`. */
const LINK_TARGETS = /\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;

export function unsafeLinks(markdown: string): string[] {
  return [...markdown.matchAll(LINK_TARGETS)]
    .map((m) => (m[1] ?? m[2] ?? "").trim())
    .filter((t) => t && !SAFE_LINK.test(t));
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .transform((s) => s || null);

const isoDay = z
  .string()
  .trim()
  .transform((s) => s || null)
  .refine((s) => s === null || /^\d{4}-\d{2}-\d{2}$/.test(s), {
    message: "Use a date like 2020-03-23 (YYYY-MM-DD)",
    abort: true,
  })
  .refine(
    (s) =>
      s === null ||
      (!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)),
    { message: "This is not a calendar date", abort: true },
  )
  .refine((s) => s === null || (s >= "1990-01-01" && s <= "2100-12-31"), "Use a date between 1990 and 2100");

const body = z
  .string()
  .trim()
  .min(1, "Write the note: the body cannot be empty")
  .max(BODY_MAX, `The body must be at most ${BODY_MAX} characters`)
  .refine((s) => !HTML_TAG.test(s), { message: HTML_MESSAGE, abort: true })
  .refine(
    (s) => unsafeLinks(s).length === 0,
    "Links must start with https://, http://, mailto: or / (a page of this site)",
  );

/** The form as typed (all strings), before its scope target is checked against what exists. */
const ContentForm = z.object({
  title: z.string().trim().min(1, "Enter a title").max(TITLE_MAX, `The title must be at most ${TITLE_MAX} characters`),
  body,
  kind: z.enum(ANNOTATION_KINDS, { error: "Choose a kind: policy change, data change, context or correction" }),
  scopeKind: z.enum(SCOPE_KINDS, { error: "Choose where the note applies: site, page, chart, dataset or precinct" }),
  // prefault, not default: an omitted field is parsed as "" (default would skip the transforms to null and hand ""
  // straight to the checks after it, which refused an omitted source link).
  scopeTarget: z.string().trim().max(120, "The scope target must be at most 120 characters").prefault(""),
  dateStart: isoDay.prefault(""),
  dateEnd: isoDay.prefault(""),
  sourceLabel: optionalText(SOURCE_LABEL_MAX, "The source").prefault(""),
  sourceUrl: optionalText(500, "The source link")
    .prefault("")
    .refine(
      (s) => s === null || (/^https?:\/\//i.test(s) && URL.canParse(s)),
      "The source link must be a full http(s) address",
    ),
});

function matchTarget(kind: string, target: string, targets: ScopeTargets): { value?: string; message?: string } {
  const find = (list: readonly string[], caseless = false) =>
    list.find((x) => (caseless ? x.toLowerCase() === target.toLowerCase() : x === target));
  switch (kind) {
    case "site":
      return { value: "" };
    case "page": {
      const path = target.length > 1 ? target.replace(/\/+$/, "") : target;
      const hit = targets.pages.find((p) => p === target || p === path);
      return hit !== undefined
        ? { value: hit }
        : {
            message: `No public page "${target || "(empty)"}". Use a path such as ${targets.pages.slice(0, 4).join(", ")}`,
          };
    }
    case "chart": {
      const hit = find(targets.charts);
      return hit
        ? { value: hit }
        : {
            message: `No chart "${target || "(empty)"}". Use a chart id such as ${targets.charts.slice(0, 3).join(", ")} (shown in each chart's permalink)`,
          };
    }
    case "dataset": {
      const hit = find(targets.datasets);
      return hit
        ? { value: hit }
        : { message: `No dataset "${target || "(empty)"}". Use one of: ${targets.datasets.join(", ")}` };
    }
    case "precinct": {
      const hit = find(targets.precincts, true);
      return hit
        ? { value: hit }
        : { message: `No precinct "${target || "(empty)"}". Use one of: ${targets.precincts.join(", ")}` };
    }
  }
  return { message: "Choose where the note applies" };
}

/** The content schema for a given set of existing targets: output is the stored AnnotationContent. */
export function contentSchema(targets: ScopeTargets) {
  return ContentForm.superRefine((c, ctx) => {
    const t = matchTarget(c.scopeKind, c.scopeTarget, targets);
    if (t.message) ctx.addIssue({ code: "custom", path: ["scopeTarget"], message: t.message });
    if (c.dateEnd && !c.dateStart)
      ctx.addIssue({
        code: "custom",
        path: ["dateStart"],
        message: "Give the start date of the range (or only a start date for a single day)",
      });
    if (c.dateStart && c.dateEnd && c.dateEnd < c.dateStart)
      ctx.addIssue({ code: "custom", path: ["dateEnd"], message: "The end date must not be before the start date" });
  }).transform((c): AnnotationContent => ({
    title: c.title,
    body: c.body,
    kind: c.kind,
    scopeKind: c.scopeKind,
    scopeTarget: matchTarget(c.scopeKind, c.scopeTarget, targets).value ?? c.scopeTarget,
    dateStart: c.dateStart,
    dateEnd: c.dateEnd && c.dateEnd !== c.dateStart ? c.dateEnd : null,
    sourceLabel: c.sourceLabel,
    sourceUrl: c.sourceUrl,
  }));
}

export const AnnotationIdSchema = z.coerce
  .number({ error: "No such annotation" })
  .int("No such annotation")
  .positive("No such annotation")
  .max(2_147_483_647, "No such annotation");

/** A change of state from the detail page; "return" needs a note to the author, the others may carry one. */
export const TransitionSchema = z
  .object({
    id: AnnotationIdSchema,
    change: z.enum(["submit", "publish", "return", "retire"], { error: "Unknown action" }),
    version: z.coerce.number().int().positive(),
    note: z.string().trim().max(RETURN_NOTE_MAX, `The note must be at most ${RETURN_NOTE_MAX} characters`).default(""),
  })
  .superRefine((t, ctx) => {
    if (t.change === "return" && !t.note)
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "Say what the author should change before it can be published",
      });
    if (HTML_TAG.test(t.note)) ctx.addIssue({ code: "custom", path: ["note"], message: HTML_MESSAGE });
  });
export type Transition = z.infer<typeof TransitionSchema>;

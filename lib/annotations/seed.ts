import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db/client";
import type { AnnotationContent } from "./model";

/**
 * Real, sourced context shipped with the demo data, published by the portal team and marked as seeded. Each names
 * its source; dates are only those the source gives (a quarter's first day where the source gives a quarter, and
 * the body says so). Staff can retire any of them like any other note. Seeding is idempotent: a note whose title
 * was seeded before (in any state) is not added again.
 */
export const SEED_AUTHOR = "portal team (seed)";
const CONSENT_DECREE_CASE = "https://www.justice.gov/crt/case/united-states-v-city-seattle";

export const CONTEXT_NOTES: AnnotationContent[] = [
  {
    title: "Settlement Agreement (consent decree) with the U.S. Department of Justice",
    body: "The City of Seattle and the U.S. Department of Justice filed a Settlement Agreement in *United States v. City of Seattle*, after the Department's 2011 finding of a pattern or practice of excessive force. It set requirements for use-of-force reporting and review, crisis intervention and supervision, overseen by a federal monitor and the court.",
    kind: "policy_change",
    scopeKind: "site",
    scopeTarget: "",
    dateStart: "2012-07-27",
    dateEnd: null,
    sourceLabel:
      "Settlement Agreement and Stipulated [Proposed] Order of Resolution, United States v. City of Seattle, No. 2:12-cv-01282-JLR (W.D. Wash., filed 27 July 2012)",
    sourceUrl: CONSENT_DECREE_CASE,
  },
  {
    title: "Court finds full and effective compliance",
    body: "Judge James Robart found the City in full and effective compliance with the Settlement Agreement, which started a two-year period in which the City had to sustain compliance.",
    kind: "context",
    scopeKind: "site",
    scopeTarget: "",
    dateStart: "2018-01-10",
    dateEnd: null,
    sourceLabel: "Order, United States v. City of Seattle, No. 2:12-cv-01282-JLR (W.D. Wash., 10 January 2018)",
    sourceUrl: CONSENT_DECREE_CASE,
  },
  {
    title: "Court finds the City partially out of compliance",
    body: "Judge Robart found that the City had fallen partially out of compliance with the Settlement Agreement, on accountability (officer discipline and the police union contract); use-of-force and crisis requirements were not part of the finding.",
    kind: "context",
    scopeKind: "site",
    scopeTarget: "",
    dateStart: "2019-05-21",
    dateEnd: null,
    sourceLabel: "Order, United States v. City of Seattle, No. 2:12-cv-01282-JLR (W.D. Wash., 21 May 2019)",
    sourceUrl: CONSENT_DECREE_CASE,
  },
  {
    title: "COVID-19: stay-home order; CIT training suspended",
    body: 'Washington\'s "Stay Home, Stay Healthy" order took effect. Calls for service changed, and SPD suspended Crisis Intervention Team (CIT) training during 2020, so counts and CIT shares from spring 2020 are not directly comparable with earlier periods.',
    kind: "context",
    scopeKind: "site",
    scopeTarget: "",
    dateStart: "2020-03-23",
    dateEnd: null,
    sourceLabel:
      "Washington Proclamation 20-25 (23 March 2020); SPD CIT program (training suspended 2020, resumed 2021-Q2)",
    sourceUrl: null,
  },
  {
    title: "Protests after the murder of George Floyd",
    body: "Protests in Seattle began on 29 May 2020. Use-of-force reports in the weeks that followed include force used in crowd management at the protests.",
    kind: "context",
    scopeKind: "site",
    scopeTarget: "",
    dateStart: "2020-05-29",
    dateEnd: null,
    sourceLabel: "Seattle protests from 29 May 2020; SPD Use of Force data",
    sourceUrl: null,
  },
  {
    title: "CIT training resumes",
    body: "SPD's Crisis Intervention Team training was to resume in the second quarter of 2021; the date marked is the first day of that quarter, not a known start date.",
    kind: "context",
    scopeKind: "dataset",
    scopeTarget: "seattle-crisis",
    dateStart: "2021-04-01",
    dateEnd: null,
    sourceLabel: "SPD CIT program: training expected to resume in 2021-Q2",
    sourceUrl: null,
  },
  {
    title: "Court ends most of the consent decree",
    body: "Judge Robart ended most of the Settlement Agreement, finding that the City had sustained compliance in most areas; crowd management and accountability stayed under the court's oversight.",
    kind: "policy_change",
    scopeKind: "site",
    scopeTarget: "",
    dateStart: "2023-09-07",
    dateEnd: null,
    sourceLabel: "Order, United States v. City of Seattle, No. 2:12-cv-01282-JLR (W.D. Wash., 7 September 2023)",
    sourceUrl: CONSENT_DECREE_CASE,
  },
];

/** Adds the context notes that are not there yet, published, each with its two versions and audit entries. */
export async function seedContextAnnotations(
  db: Db,
  notes: readonly AnnotationContent[] = CONTEXT_NOTES,
): Promise<number> {
  const existing = new Set(
    (await db.annotation.findMany({ where: { seeded: true }, select: { title: true } })).map((a) => a.title),
  );
  let added = 0;
  for (const note of notes.filter((n) => !existing.has(n.title))) {
    await db.$transaction(async (t) => {
      const tx = t as unknown as Db;
      const now = new Date();
      const content = {
        ...note,
        dateStart: note.dateStart ? new Date(`${note.dateStart}T00:00:00Z`) : null,
        dateEnd: note.dateEnd ? new Date(`${note.dateEnd}T00:00:00Z`) : null,
      };
      const row = await tx.annotation.create({
        data: {
          state: "published",
          ...content,
          seeded: true,
          authorId: null,
          authorEmail: SEED_AUTHOR,
          version: 2,
          createdAt: now,
          updatedAt: now,
          publishedAt: now,
        },
      });
      for (const [version, change, state] of [
        [1, "create", "draft"],
        [2, "publish", "published"],
      ] as const) {
        await tx.annotationVersion.create({
          data: {
            annotationId: row.id,
            version,
            change,
            state,
            ...content,
            editorId: null,
            editorEmail: SEED_AUTHOR,
            at: now,
          },
        });
      }
      for (const [version, action] of [
        [1, "annotation.create"],
        [2, "annotation.publish"],
      ] as const) {
        await appendAudit(tx, {
          action,
          actorEmail: SEED_AUTHOR,
          target: `annotation:${row.id}`,
          detail: { version, seeded: true, title: note.title },
        });
      }
    });
    added++;
  }
  return added;
}

import type { Db } from "@/lib/db/client";
import { span } from "./span";

export interface CrisisYear {
  year: number;
  /** Distinct Template IDs: the dataset's own counting unit. */
  templates: number;
  /** Template ID + officer pairs (the unit of the CIT models). */
  contacts: number;
  /** Source rows: one per disposition. Never use as a count of contacts. */
  rows: number;
  contactsWithForce: number;
  contactsCitCertified: number;
}

export interface CrisisYearly {
  versionId: number;
  years: CrisisYear[];
  totals: { templates: number; contacts: number; rows: number; contactsWithForce: number };
  periodStart: string | null;
  periodEnd: string | null;
}

/** Crisis contacts per year of the reported date, counted by Template ID (not rows). */
export async function crisisYearly(db: Db, versionId: number): Promise<CrisisYearly> {
  const contacts = await db.crisisContact.findMany({
    where: { versionId },
    select: { templateId: true, reportedDate: true, useOfForce: true, citCertified: true, dispositionCount: true },
  });
  const years = new Map<number, CrisisYear & { templateSet: Set<string> }>();
  for (const c of contacts) {
    const year = c.reportedDate.getUTCFullYear();
    let y = years.get(year);
    if (!y) {
      y = { year, templates: 0, contacts: 0, rows: 0, contactsWithForce: 0, contactsCitCertified: 0, templateSet: new Set() };
      years.set(year, y);
    }
    y.templateSet.add(c.templateId);
    y.contacts++;
    y.rows += c.dispositionCount;
    if (c.useOfForce) y.contactsWithForce++;
    if (c.citCertified) y.contactsCitCertified++;
  }
  const sorted = [...years.values()].sort((a, b) => a.year - b.year).map(({ templateSet, ...y }) => ({ ...y, templates: templateSet.size }));
  const period = span(contacts.map((c) => c.reportedDate));
  return {
    versionId,
    years: sorted,
    totals: {
      templates: new Set(contacts.map((c) => c.templateId)).size,
      contacts: contacts.length,
      rows: sorted.reduce((s, y) => s + y.rows, 0),
      contactsWithForce: contacts.filter((c) => c.useOfForce).length,
    },
    periodStart: period.start,
    periodEnd: period.end,
  };
}

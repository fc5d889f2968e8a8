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
  /** Templates (crisis contacts) with force on any officer record / with any CIT-certified officer, each in the year
   * of its earliest record (as the trend charts count them, lib/trends/crisis-cube.ts). */
  templatesWithForce: number;
  templatesCitCertified: number;
}

export interface CrisisYearly {
  versionId: number;
  years: CrisisYear[];
  totals: { templates: number; contacts: number; rows: number; contactsWithForce: number; templatesWithForce: number };
  periodStart: string | null;
  periodEnd: string | null;
}

/** Crisis contacts per year of the reported date, counted by Template ID (not rows). */
export async function crisisYearly(db: Db, versionId: number): Promise<CrisisYearly> {
  const contacts = await db.crisisContact.findMany({
    where: { versionId },
    select: { templateId: true, reportedDate: true, useOfForce: true, citCertified: true, dispositionCount: true },
  });
  // Each template once, in the year of its earliest record, with force / CIT if any of its officer records says so.
  const byTemplate = new Map<string, { first: Date; force: boolean; cit: boolean }>();
  for (const c of contacts) {
    const t = byTemplate.get(c.templateId);
    if (!t) byTemplate.set(c.templateId, { first: c.reportedDate, force: c.useOfForce, cit: c.citCertified });
    else {
      if (c.reportedDate < t.first) t.first = c.reportedDate;
      t.force ||= c.useOfForce;
      t.cit ||= c.citCertified;
    }
  }
  const templateYears = new Map<number, { templates: number; force: number; cit: number }>();
  for (const t of byTemplate.values()) {
    const y = templateYears.get(t.first.getUTCFullYear()) ?? { templates: 0, force: 0, cit: 0 };
    y.templates++;
    if (t.force) y.force++;
    if (t.cit) y.cit++;
    templateYears.set(t.first.getUTCFullYear(), y);
  }
  const years = new Map<number, CrisisYear>();
  for (const c of contacts) {
    const year = c.reportedDate.getUTCFullYear();
    let y = years.get(year);
    if (!y) {
      const ty = templateYears.get(year);
      y = {
        year,
        templates: ty?.templates ?? 0,
        contacts: 0,
        rows: 0,
        contactsWithForce: 0,
        contactsCitCertified: 0,
        templatesWithForce: ty?.force ?? 0,
        templatesCitCertified: ty?.cit ?? 0,
      };
      years.set(year, y);
    }
    y.contacts++;
    y.rows += c.dispositionCount;
    if (c.useOfForce) y.contactsWithForce++;
    if (c.citCertified) y.contactsCitCertified++;
  }
  const sorted = [...years.values()].sort((a, b) => a.year - b.year);
  const period = span(contacts.map((c) => c.reportedDate));
  return {
    versionId,
    years: sorted,
    totals: {
      templates: byTemplate.size,
      contacts: contacts.length,
      rows: sorted.reduce((s, y) => s + y.rows, 0),
      contactsWithForce: contacts.filter((c) => c.useOfForce).length,
      templatesWithForce: [...byTemplate.values()].filter((t) => t.force).length,
    },
    periodStart: period.start,
    periodEnd: period.end,
  };
}

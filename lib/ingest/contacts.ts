import { dispositionGroupOf, mostSerious, type DispositionGroup } from "./sources/crisis-dispositions";
import type { CrisisRecord } from "./sources/seattle-crisis";

/**
 * Builds the contact-level view of the Crisis Data: one contact = one Template ID handled by one officer. The source
 * has one row per disposition, so a contact used force if any of its rows did, its disposition group is the most
 * serious of its rows', and CIT flags are true if any row says so.
 */
export interface ContactRecord {
  contactKey: string;
  templateId: string;
  officerSourceId: string | null;
  reportedDate: Date;
  occurredAt: Date | null;
  callType: string;
  initialCallType: string;
  finalCallType: string;
  dispositionGroup: DispositionGroup;
  dispositionCount: number;
  useOfForce: boolean;
  citRequested: boolean;
  citDispatched: boolean;
  citArrived: boolean;
  citCertified: boolean;
  officerGender: string;
  officerRace: string;
  officerYearsExperience: number | null;
  precinct: string;
  sector: string;
  beat: string;
}

export function contactKeyOf(templateId: string, officerSourceId: string | null): string {
  return `${templateId}:${officerSourceId ?? "unknown"}`;
}

export class ContactAccumulator {
  private readonly contacts = new Map<string, ContactRecord>();

  add(row: CrisisRecord): void {
    const key = contactKeyOf(row.templateId, row.officerSourceId);
    const group = dispositionGroupOf(row.disposition);
    const existing = this.contacts.get(key);
    if (!existing) {
      this.contacts.set(key, {
        contactKey: key,
        templateId: row.templateId,
        officerSourceId: row.officerSourceId,
        reportedDate: row.reportedDate,
        occurredAt: row.occurredAt,
        callType: row.callType,
        initialCallType: row.initialCallType,
        finalCallType: row.finalCallType,
        dispositionGroup: group,
        dispositionCount: 1,
        useOfForce: row.useOfForce,
        citRequested: row.citRequested,
        citDispatched: row.citDispatched,
        citArrived: row.citArrived,
        citCertified: row.citCertified,
        officerGender: row.officerGender,
        officerRace: row.officerRace,
        officerYearsExperience: row.officerYearsExperience,
        precinct: row.precinct,
        sector: row.sector,
        beat: row.beat,
      });
      return;
    }
    existing.dispositionCount += 1;
    existing.dispositionGroup = mostSerious(existing.dispositionGroup, group);
    existing.useOfForce ||= row.useOfForce;
    existing.citRequested ||= row.citRequested;
    existing.citDispatched ||= row.citDispatched;
    existing.citArrived ||= row.citArrived;
    existing.citCertified ||= row.citCertified;
    if (row.reportedDate < existing.reportedDate) existing.reportedDate = row.reportedDate;
    existing.occurredAt ??= row.occurredAt;
  }

  get size(): number {
    return this.contacts.size;
  }

  values(): IterableIterator<ContactRecord> {
    return this.contacts.values();
  }
}

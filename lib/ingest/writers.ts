import { bulkInsert, rowsOf } from "@/lib/db/bulk-insert";
import type { Db } from "@/lib/db/client";
import { ContactAccumulator, type ContactRecord } from "./contacts";
import { OfficerRegistry } from "./officers";
import type { CrisisRecord } from "./sources/seattle-crisis";
import type { UseOfForceRecord } from "./sources/seattle-uof";

export interface Numbered<T> {
  sourceRow: number;
  record: T;
}

/** Writes the accepted records of one dataset into a (not yet active) version. */
export interface DatasetWriter<T> {
  writeBatch(batch: Numbered<T>[]): Promise<void>;
  /** Called once after the last batch; returns derived counts to report (e.g. contacts built). */
  finish(): Promise<Record<string, number>>;
}

const CONTACT_BATCH = 5000;

type Row<T> = Omit<T, "officerSourceId"> & { versionId: number; officerId: number | null };
const UOF_COLUMNS = [
  "versionId",
  "sourceRow",
  "sourceId",
  "incidentNum",
  "incidentType",
  "level",
  "occurredAt",
  "precinct",
  "sector",
  "beat",
  "officerId",
  "subjectKey",
  "subjectRace",
  "subjectGender",
] as const satisfies readonly (keyof Row<UseOfForceRecord & { sourceRow: number }>)[];
const CRISIS_ROW_COLUMNS = [
  "versionId",
  "sourceRow",
  "templateId",
  "reportedDate",
  "occurredAt",
  "callType",
  "initialCallType",
  "finalCallType",
  "disposition",
  "useOfForce",
  "subjectVeteran",
  "citRequested",
  "citDispatched",
  "citArrived",
  "officerId",
  "officerGender",
  "officerRace",
  "officerYearOfBirth",
  "officerYearsExperience",
  "citCertified",
  "officerBureau",
  "officerPrecinct",
  "officerSquad",
  "precinct",
  "sector",
  "beat",
] as const satisfies readonly (keyof Row<CrisisRecord & { sourceRow: number }>)[];
const CONTACT_COLUMNS = [
  "versionId",
  "contactKey",
  "templateId",
  "officerId",
  "reportedDate",
  "occurredAt",
  "callType",
  "initialCallType",
  "finalCallType",
  "dispositionGroup",
  "dispositionCount",
  "useOfForce",
  "citRequested",
  "citDispatched",
  "citArrived",
  "citCertified",
  "officerGender",
  "officerRace",
  "officerYearsExperience",
  "precinct",
  "sector",
  "beat",
] as const satisfies readonly (keyof Row<ContactRecord>)[];

export async function uofWriter(db: Db, versionId: number, idSpace: string): Promise<DatasetWriter<UseOfForceRecord>> {
  const officers = await OfficerRegistry.open(db, idSpace);
  return {
    async writeBatch(batch) {
      await officers.resolve(batch.map((b) => b.record.officerSourceId));
      const data = batch.map(({ sourceRow, record: { officerSourceId, ...r } }) => ({
        ...r,
        sourceRow,
        versionId,
        officerId: officers.idOf(officerSourceId),
      }));
      await bulkInsert(db, "UseOfForce", UOF_COLUMNS, rowsOf(data, UOF_COLUMNS));
    },
    async finish() {
      return {};
    },
  };
}

export async function crisisWriter(db: Db, versionId: number, idSpace: string): Promise<DatasetWriter<CrisisRecord>> {
  const officers = await OfficerRegistry.open(db, idSpace);
  const contacts = new ContactAccumulator();
  return {
    async writeBatch(batch) {
      await officers.resolve(batch.map((b) => b.record.officerSourceId));
      for (const b of batch) contacts.add(b.record);
      const data = batch.map(({ sourceRow, record: { officerSourceId, ...r } }) => ({
        ...r,
        sourceRow,
        versionId,
        officerId: officers.idOf(officerSourceId),
      }));
      await bulkInsert(db, "CrisisRow", CRISIS_ROW_COLUMNS, rowsOf(data, CRISIS_ROW_COLUMNS));
    },
    async finish() {
      let chunk: Row<ContactRecord>[] = [];
      for (const { officerSourceId, ...c } of contacts.values()) {
        chunk.push({ ...c, versionId, officerId: officers.idOf(officerSourceId) });
        if (chunk.length >= CONTACT_BATCH) {
          await bulkInsert(db, "CrisisContact", CONTACT_COLUMNS, rowsOf(chunk, CONTACT_COLUMNS));
          chunk = [];
        }
      }
      await bulkInsert(db, "CrisisContact", CONTACT_COLUMNS, rowsOf(chunk, CONTACT_COLUMNS));
      return { contacts: contacts.size };
    },
  };
}

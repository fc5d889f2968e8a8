import { describe, expect, it } from "vitest";
import { ContactAccumulator } from "@/lib/ingest/contacts";
import { CRISIS_FIELDS, type RawCrisisRow } from "@/lib/ingest/sources/crisis-fields";
import { dispositionGroupOf, mostSerious } from "@/lib/ingest/sources/crisis-dispositions";
import { seattleCrisis, type CrisisRecord } from "@/lib/ingest/sources/seattle-crisis";
import { seattleUseOfForce } from "@/lib/ingest/sources/seattle-uof";
import { HeaderError, resolveHeader } from "@/lib/ingest/sources/types";

const UOF_HEADER = [
  "ID",
  "Incident_Num",
  "Incident_Type",
  "Occured_date_time",
  "Precinct",
  "Sector",
  "Beat",
  "Officer_ID",
  "Subject_ID",
  "Subject_Race",
  "Subject_Gender",
];
const uofRow = (over: Partial<Record<string, string>> = {}) => ({
  id: "2016UOF-0045-1113-7096",
  incidentNum: "9240",
  incidentType: "Level 1 - Use of Force",
  occurredAt: "01/08/2016 12:13:00 AM",
  precinct: "Southwest",
  sector: "FRANK",
  beat: "F3",
  officerId: "1732",
  subjectId: "7048",
  subjectRace: "Black or African American",
  subjectGender: "Male",
  ...over,
});

describe("header resolution", () => {
  it("accepts the export header and the API field names", () => {
    expect(resolveHeader(UOF_HEADER, seattleUseOfForce.columns)).toEqual([
      "id",
      "incidentNum",
      "incidentType",
      "occurredAt",
      "precinct",
      "sector",
      "beat",
      "officerId",
      "subjectId",
      "subjectRace",
      "subjectGender",
    ]);
    const apiHeader = [
      "id",
      "incident_num",
      "incident_type",
      "occured_date_time",
      "precinct",
      "sector",
      "beat",
      "officer_id",
      "subject_id",
      "subject_race",
      "subject_gender",
    ];
    expect(resolveHeader(apiHeader, seattleUseOfForce.columns)).not.toContain(null);
    expect(
      resolveHeader(
        CRISIS_FIELDS.map((f) => f.display),
        seattleCrisis.columns,
      ),
    ).not.toContain(null);
    expect(
      resolveHeader(
        CRISIS_FIELDS.map((f) => f.field),
        seattleCrisis.columns,
      ),
    ).not.toContain(null);
    expect(resolveHeader(["\uFEFFID", ...UOF_HEADER.slice(1)], seattleUseOfForce.columns)[0]).toBe("id");
  });
  it("fails on unknown and missing columns, naming them", () => {
    expect(() => resolveHeader([...UOF_HEADER, "Weapon"], seattleUseOfForce.columns)).toThrow(
      /unknown column\(s\): "Weapon"/,
    );
    expect(() => resolveHeader(UOF_HEADER.slice(1), seattleUseOfForce.columns)).toThrow(HeaderError);
    expect(() => resolveHeader(UOF_HEADER.slice(1), seattleUseOfForce.columns)).toThrow(
      /missing required column\(s\): ID/,
    );
  });
});

describe("Seattle Use of Force mapping", () => {
  it("maps a real row", () => {
    const out = seattleUseOfForce.toRecord(uofRow());
    expect(out).toMatchObject({
      ok: true,
      record: { level: 1, precinct: "Southwest", beat: "F3", officerSourceId: "1732", subjectGender: "Male" },
    });
  });
  it.each([
    ["Level 2 - Use of Force", 2],
    ["Level 3 - Use of Force", 3],
    ["Level 3 - OIS", 4],
  ])("level %j -> %i", (type, level) =>
    expect(seattleUseOfForce.toRecord(uofRow({ incidentType: type }))).toMatchObject({ record: { level } }),
  );
  it("handles the file's quirks (SOURCES.md)", () => {
    const r = seattleUseOfForce.toRecord(
      uofRow({
        precinct: "-",
        sector: "",
        beat: "99",
        officerId: "-9",
        subjectGender: "-",
        subjectRace: "Not Specified",
      }),
    );
    expect(r).toMatchObject({
      ok: true,
      record: {
        precinct: "Unknown",
        sector: "Unknown",
        beat: "Unknown",
        officerSourceId: null,
        subjectGender: "Unknown",
        subjectRace: "Not Specified",
      },
    });
    expect(seattleUseOfForce.toRecord(uofRow({ precinct: "OOJ", sector: "OOJ", beat: "XX" }))).toMatchObject({
      record: { precinct: "Out of jurisdiction", sector: "Out of jurisdiction", beat: "Unknown" },
    });
    expect(seattleUseOfForce.toRecord(uofRow({ precinct: "X" }))).toMatchObject({ record: { precinct: "Unknown" } });
    expect(seattleUseOfForce.toRecord(uofRow({ precinct: "0" }))).toMatchObject({ record: { precinct: "Unknown" } });
    expect(seattleUseOfForce.toRecord(uofRow({ subjectGender: "Unknown" }))).toMatchObject({
      record: { subjectGender: "Unknown" },
    });
    expect(seattleUseOfForce.toRecord(uofRow({ subjectGender: "U" }))).toMatchObject({
      record: { subjectGender: "Unknown" },
    });
    expect(seattleUseOfForce.toRecord(uofRow({ subjectGender: "Non-binary" }))).toMatchObject({
      record: { subjectGender: "Non-binary" },
    });
  });
  it("quarantines with reasons", () => {
    expect(seattleUseOfForce.toRecord(uofRow({ incidentType: "Level 9" }))).toMatchObject({
      ok: false,
      reason: "unknown_code",
    });
    expect(seattleUseOfForce.toRecord(uofRow({ occurredAt: "yesterday" }))).toMatchObject({
      ok: false,
      reason: "unparseable_date",
    });
    expect(seattleUseOfForce.toRecord(uofRow({ id: "" }))).toMatchObject({ ok: false, reason: "missing_key" });
    expect(seattleUseOfForce.toRecord(uofRow({ incidentNum: "-" }))).toMatchObject({
      ok: false,
      reason: "missing_key",
    });
  });
});

export function crisisRaw(over: Partial<RawCrisisRow> = {}): RawCrisisRow {
  return {
    template_id: "502020",
    reported_date: "2018-09-12T00:00:00.000",
    reported_time: "19:20:00",
    occured_date_time: "2018-09-12T18:59:04.000",
    call_type: "911",
    initial_call_type: "PERSON IN BEHAVIORAL/EMOTIONAL CRISIS",
    final_call_type: "--CRISIS COMPLAINT - GENERAL",
    disposition: "Mobile Crisis Team",
    use_of_force_indicator: "N",
    subject_veteran_indicator: "-",
    cit_officer_requested: "Y",
    cit_officer_dispatched: "Y",
    cit_officer_arrived: "N",
    officer_id: "1735",
    officer_gender: "M",
    officer_race: "White",
    officer_year_of_birth: "1980",
    officer_years_of_experience: "12",
    cit_certified_indicator: "",
    officer_bureau_desc: "OPERATIONS BUREAU",
    officer_precinct_desc: "WEST PCT",
    officer_squad_desc: "WEST PCT 1ST W - DAVID/MARY",
    precinct: "WEST",
    sector: "DAVID",
    beat: "D2",
    ...over,
  };
}

describe("Seattle Crisis Data mapping", () => {
  it("maps a row with the data's quirks", () => {
    const out = seattleCrisis.toRecord(crisisRaw());
    expect(out.ok).toBe(true);
    const r = (out as { record: CrisisRecord }).record;
    expect(r.reportedDate.toISOString()).toBe("2018-09-12T19:20:00.000Z");
    expect(r.citCertified).toBe(false);
    expect(r.subjectVeteran).toBe("Unknown");
    expect(r.precinct).toBe("West");
    expect(seattleCrisis.toRecord(crisisRaw({ cit_certified_indicator: "Y" }))).toMatchObject({
      record: { citCertified: true },
    });
  });
  it("an event not linked to CAD has empty occurred date and call types", () => {
    const r = seattleCrisis.toRecord(
      crisisRaw({
        occured_date_time: "",
        call_type: "",
        initial_call_type: "",
        final_call_type: "",
        precinct: "",
        sector: "",
        beat: "",
      }),
    );
    expect(r).toMatchObject({
      ok: true,
      record: {
        occurredAt: null,
        callType: "Unknown",
        initialCallType: "Unknown",
        precinct: "Unknown",
        beat: "Unknown",
      },
    });
  });
  it("quarantines impossible experience and bad codes", () => {
    expect(seattleCrisis.toRecord(crisisRaw({ officer_years_of_experience: "45" }))).toMatchObject({
      ok: false,
      reason: "impossible_experience",
    });
    expect(seattleCrisis.toRecord(crisisRaw({ officer_years_of_experience: "-1" }))).toMatchObject({
      ok: false,
      reason: "impossible_experience",
    });
    expect(seattleCrisis.toRecord(crisisRaw({ use_of_force_indicator: "" }))).toMatchObject({
      ok: false,
      reason: "unknown_code",
    });
    expect(seattleCrisis.toRecord(crisisRaw({ reported_date: "12/99/2018" }))).toMatchObject({
      ok: false,
      reason: "unparseable_date",
    });
    expect(seattleCrisis.toRecord(crisisRaw({ template_id: "" }))).toMatchObject({ ok: false, reason: "missing_key" });
    expect(seattleCrisis.toRecord(crisisRaw({ officer_year_of_birth: "1850" }))).toMatchObject({
      ok: false,
      reason: "impossible_value",
    });
  });
});

describe("contacts: one Template ID + officer, force if any row, most serious disposition", () => {
  const rec = (over: Partial<RawCrisisRow>) =>
    (seattleCrisis.toRecord(crisisRaw(over)) as { record: CrisisRecord }).record;
  it("groups rows into contacts", () => {
    const acc = new ContactAccumulator();
    acc.add(rec({ disposition: "Mobile Crisis Team" }));
    acc.add(rec({ disposition: "Subject Arrested", use_of_force_indicator: "Y" }));
    acc.add(rec({ disposition: "No Action Possible or Necessary" }));
    acc.add(rec({ officer_id: "2470", disposition: "Resources Declined" }));
    acc.add(rec({ template_id: "502021", disposition: "-" }));
    const contacts = [...acc.values()];
    expect(contacts).toHaveLength(3);
    expect(contacts[0]).toMatchObject({
      contactKey: "502020:1735",
      dispositionGroup: "arrest",
      dispositionCount: 3,
      useOfForce: true,
    });
    expect(contacts[1]).toMatchObject({ contactKey: "502020:2470", dispositionGroup: "no_action", useOfForce: false });
    expect(contacts[2]).toMatchObject({ dispositionGroup: "unknown" });
  });
  it("ranks dispositions", () => {
    expect(dispositionGroupOf("Emergent Detention/ITA")).toBe("emergent_detention");
    expect(dispositionGroupOf("DMHP Referral")).toBe("referral");
    expect(dispositionGroupOf("Something new")).toBe("unknown");
    expect(mostSerious("referral", "emergent_detention")).toBe("emergent_detention");
    expect(mostSerious("no_action", "unknown")).toBe("no_action");
  });
});

describe("every mapped record is checked against the dataset's zod schema", () => {
  it("accepts the normal records", () => {
    const uof = seattleUseOfForce.toRecord(uofRow());
    expect(uof.ok && seattleUseOfForce.recordSchema.safeParse(uof.record).success).toBe(true);
    const crisis = seattleCrisis.toRecord(crisisRaw());
    expect(crisis.ok && seattleCrisis.recordSchema.safeParse(crisis.record).success).toBe(true);
  });
  it("rejects a crisis record reported more than a week before it occurred", () => {
    const out = seattleCrisis.toRecord(
      crisisRaw({ reported_date: "2018-09-01T00:00:00.000", occured_date_time: "2018-09-12T18:59:04.000" }),
    );
    expect(out.ok).toBe(true);
    const checked = seattleCrisis.recordSchema.safeParse((out as { record: CrisisRecord }).record);
    expect(checked.success).toBe(false);
    expect(checked.error!.issues[0]!.message).toMatch(/more than a week after the reported date/);
  });
});

import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { CRISIS_FIELDS, type RawCrisisRow } from "../../../lib/ingest/sources/crisis-fields";
import { seattleCrisis } from "../../../lib/ingest/sources/seattle-crisis";
import {
  CALL_TYPES,
  DISPOSITIONS,
  INITIAL_CALL_TYPES,
  OFFICER_RACES,
  SECTORS_BY_PRECINCT,
  type CallRisk,
  type PrecinctName,
} from "../../../lib/ingest/synthetic/crisis-sample-catalog";
import {
  CRISIS_SAMPLE_DEFAULTS,
  generateCrisisSample,
  type CrisisSampleOptions,
} from "../../../lib/ingest/synthetic/crisis-sample";

function firstRows(n: number, opts?: CrisisSampleOptions): RawCrisisRow[] {
  const rows: RawCrisisRow[] = [];
  for (const row of generateCrisisSample(opts)) {
    rows.push(row);
    if (rows.length === n) break;
  }
  return rows;
}

function runHash(opts: CrisisSampleOptions): { rows: number; sha256: string } {
  const hash = createHash("sha256");
  let rows = 0;
  for (const row of generateCrisisSample(opts)) {
    hash.update(JSON.stringify(row)).update("\n");
    rows++;
  }
  return { rows, sha256: hash.digest("hex") };
}

describe("generateCrisisSample: determinism", () => {
  it("yields identical rows for the same seed", () => {
    const a = firstRows(2_000);
    const b = firstRows(2_000, { ...CRISIS_SAMPLE_DEFAULTS });
    expect(a).toHaveLength(2_000);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("yields a byte-identical full run for the same options", () => {
    const first = runHash({ targetRows: 20_000, seed: "hash-check" });
    const second = runHash({ targetRows: 20_000, seed: "hash-check" });
    expect(first.rows).toBeGreaterThan(19_000);
    expect(second).toEqual(first);
  });

  it("yields different rows for a different seed", () => {
    const a = firstRows(500);
    const b = firstRows(500, { seed: "another-seed" });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(a.filter((row, i) => JSON.stringify(row) === JSON.stringify(b[i])).length).toBeLessThan(10);
  });

  it("rejects impossible options", () => {
    expect(() => generateCrisisSample({ targetRows: 0 }).next()).toThrow(RangeError);
    expect(() => generateCrisisSample({ startYear: 2020, endYear: 2019 }).next()).toThrow(RangeError);
  });
});

describe("generateCrisisSample: a 40,000-row sample", () => {
  const TARGET_ROWS = 40_000;
  let rows: RawCrisisRow[] = [];
  /** Rows grouped by Template ID, in first-seen order. */
  let templates: RawCrisisRow[][] = [];

  beforeAll(() => {
    rows = [...generateCrisisSample({ targetRows: TARGET_ROWS })];
    const byId = new Map<string, RawCrisisRow[]>();
    for (const row of rows) {
      const group = byId.get(row.template_id) ?? [];
      group.push(row);
      byId.set(row.template_id, group);
    }
    templates = [...byId.values()];
  });

  const share = (n: number, of: number) => n / of;
  const yearOf = (t: RawCrisisRow[]) => t[0]!.reported_date.slice(0, 4);

  it("has about targetRows rows", () => {
    expect(Math.abs(rows.length - TARGET_ROWS) / TARGET_ROWS).toBeLessThanOrEqual(0.03);
  });

  it("gives every row exactly the 25 Crisis Data fields, as strings", () => {
    const expected = CRISIS_FIELDS.map((f) => f.field).join(",");
    // One expect per row would be slow: collect the offenders and assert once.
    expect(rows.filter((row) => Object.keys(row).join(",") !== expected)).toEqual([]);
    expect(rows.filter((row) => Object.values(row).some((v) => typeof v !== "string"))).toEqual([]);
  });

  it("uses the API formats and the published vocabularies", () => {
    const callTypes = new Set(CALL_TYPES.map(([v]) => v));
    const initialCallTypes = new Set(INITIAL_CALL_TYPES.map((t) => t.name));
    const dispositions = new Set([...DISPOSITIONS.map((d) => d.name), "", "-"]);
    const races = new Set(OFFICER_RACES.map(([v]) => v));
    const bad: string[] = [];
    const check = (ok: boolean, what: string, row: RawCrisisRow) => {
      if (!ok && bad.length < 5) bad.push(`${what}: ${JSON.stringify(row)}`);
    };
    for (const r of rows) {
      check(/^\d+$/.test(r.template_id), "template_id", r);
      check(/^\d{4}-\d{2}-\d{2}T00:00:00\.000$/.test(r.reported_date), "reported_date", r);
      check(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(r.reported_time), "reported_time", r);
      check(
        r.occured_date_time === "" ||
          /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.000$/.test(r.occured_date_time),
        "occured_date_time",
        r,
      );
      // No CAD link: the event's time, call types and location are all empty together.
      const unlinked = r.occured_date_time === "";
      for (const f of ["call_type", "initial_call_type", "final_call_type", "precinct", "beat"] as const) {
        check((r[f] === "") === unlinked, `${f} empty iff unlinked`, r);
      }
      check(r.sector !== "" || unlinked || r.precinct === "UNKNOWN", "sector empty only when unlinked or UNKNOWN", r);
      if (!unlinked) {
        check(callTypes.has(r.call_type), "call_type", r);
        check(initialCallTypes.has(r.initial_call_type), "initial_call_type", r);
        check(r.final_call_type.startsWith("--"), "final_call_type", r);
        check(
          r.occured_date_time <= `${r.reported_date.slice(0, 10)}T${r.reported_time}.000`,
          "occurred before reported",
          r,
        );
      }
      check(dispositions.has(r.disposition), "disposition", r);
      for (const f of [
        "use_of_force_indicator",
        "cit_officer_requested",
        "cit_officer_dispatched",
        "cit_officer_arrived",
      ] as const) {
        check(r[f] === "Y" || r[f] === "N", f, r);
      }
      check(["Unknown", "No", "-", "Yes"].includes(r.subject_veteran_indicator), "subject_veteran_indicator", r);
      check(/^\d+$/.test(r.officer_id), "officer_id", r);
      check(["M", "F", "N"].includes(r.officer_gender), "officer_gender", r);
      check(races.has(r.officer_race), "officer_race", r);
      check(
        r.officer_year_of_birth === "" ||
          (Number(r.officer_year_of_birth) >= 1950 && Number(r.officer_year_of_birth) <= 2000),
        "yob",
        r,
      );
      check(r.officer_years_of_experience === "" || /^-?\d+$/.test(r.officer_years_of_experience), "experience", r);
      check(r.cit_certified_indicator === "Y" || r.cit_certified_indicator === "", "cit_certified_indicator", r);
      if (r.precinct === "UNKNOWN") check(r.sector === "" && r.beat === "99", "UNKNOWN location", r);
      else if (r.precinct === "-") check(r.sector === "-" && r.beat === "-", "'-' location", r);
      else if (!unlinked) {
        const sectors = SECTORS_BY_PRECINCT[r.precinct as PrecinctName];
        check(sectors !== undefined && sectors.includes(r.sector), "sector in precinct", r);
        check(new RegExp(`^${r.sector[0]}[1-3]$`).test(r.beat), "beat in sector", r);
      }
    }
    expect(bad).toEqual([]);
  });

  it("reports occurrences on the same day or the day before, almost always", () => {
    const linked = rows.filter((r) => r.occured_date_time !== "");
    const closeBy = linked.filter((r) => {
      const days =
        (Date.parse(`${r.reported_date.slice(0, 10)}T00:00:00Z`) -
          Date.parse(`${r.occured_date_time.slice(0, 10)}T00:00:00Z`)) /
        86_400_000;
      return days === 0 || days === 1;
    });
    expect(share(closeBy.length, linked.length)).toBeGreaterThan(0.95);
    expect(share(rows.length - linked.length, rows.length)).toBeGreaterThan(0.005);
    expect(share(rows.length - linked.length, rows.length)).toBeLessThan(0.025);
  });

  it("streams contacts in time order with increasing Template IDs, each template's rows together", () => {
    const seen = new Set<string>();
    const outOfOrder: string[] = [];
    let previous: RawCrisisRow | null = null;
    for (const r of rows) {
      if (previous && r.template_id !== previous.template_id) {
        if (seen.has(r.template_id)) outOfOrder.push(`${r.template_id} reappears`);
        if (Number(r.template_id) <= Number(previous.template_id))
          outOfOrder.push(`${r.template_id} after ${previous.template_id}`);
        if (`${r.reported_date}${r.reported_time}` < `${previous.reported_date}${previous.reported_time}`)
          outOfOrder.push(`${r.template_id} reported earlier`);
      }
      seen.add(r.template_id);
      previous = r;
    }
    expect(outOfOrder).toEqual([]);
  });

  it("keeps contact-level fields the same on every row of a template", () => {
    const contactFields = [
      "reported_date",
      "reported_time",
      "occured_date_time",
      "initial_call_type",
      "use_of_force_indicator",
      "cit_officer_requested",
      "subject_veteran_indicator",
      "precinct",
      "beat",
    ] as const;
    const problems: string[] = [];
    for (const t of templates) {
      const id = t[0]!.template_id;
      for (const f of contactFields)
        if (t.some((r) => r[f] !== t[0]![f])) problems.push(`${f} varies in template ${id}`);
      // Each officer's rows are consecutive, and an officer never repeats a disposition on one template.
      const officerOrder = t.map((r) => r.officer_id).filter((o, i, all) => i === 0 || o !== all[i - 1]);
      if (new Set(officerOrder).size !== officerOrder.length) problems.push(`officer rows split in template ${id}`);
      for (const officer of officerOrder) {
        const dispositions = t.filter((r) => r.officer_id === officer).map((r) => r.disposition);
        if (new Set(dispositions).size !== dispositions.length) problems.push(`repeated disposition in template ${id}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps officers' HR attributes stable across contacts", () => {
    const byOfficer = new Map<string, string>();
    const changed = new Set<string>();
    for (const r of rows) {
      const attributes = `${r.officer_gender}|${r.officer_race}|${r.officer_year_of_birth}`;
      if ((byOfficer.get(r.officer_id) ?? attributes) !== attributes) changed.add(r.officer_id);
      byOfficer.set(r.officer_id, attributes);
    }
    expect([...changed]).toEqual([]);
    expect(byOfficer.size).toBeGreaterThan(800);
    expect(byOfficer.size).toBeLessThan(1_600);
  });

  it("has 1.2-1.7 rows per contact and some templates with two officers", () => {
    expect(share(rows.length, templates.length)).toBeGreaterThan(1.2);
    expect(share(rows.length, templates.length)).toBeLessThan(1.7);
    const twoOfficers = templates.filter((t) => new Set(t.map((r) => r.officer_id)).size === 2).length;
    expect(share(twoOfficers, templates.length)).toBeGreaterThan(0.01);
    expect(share(twoOfficers, templates.length)).toBeLessThan(0.06);
    const blankDisposition = rows.filter((r) => r.disposition === "").length;
    expect(share(blankDisposition, rows.length)).toBeGreaterThan(0.015);
    expect(share(blankDisposition, rows.length)).toBeLessThan(0.05);
  });

  it("uses force in 0.8-3% of contacts, far more often on violent calls than on welfare checks", () => {
    const force = templates.filter((t) => t[0]!.use_of_force_indicator === "Y");
    expect(share(force.length, templates.length)).toBeGreaterThan(0.008);
    expect(share(force.length, templates.length)).toBeLessThan(0.03);
    const riskOf = new Map(INITIAL_CALL_TYPES.map((c) => [c.name, c.risk]));
    const forceShare = (risk: CallRisk) => {
      const group = templates.filter((t) => riskOf.get(t[0]!.initial_call_type) === risk);
      return share(group.filter((t) => t[0]!.use_of_force_indicator === "Y").length, group.length);
    };
    expect(forceShare("violent")).toBeGreaterThan(3 * forceShare("welfare"));
  });

  it("nests CIT requested >= dispatched >= arrived", () => {
    const yes = (f: "cit_officer_requested" | "cit_officer_dispatched" | "cit_officer_arrived") =>
      templates.filter((t) => t[0]![f] === "Y").length;
    expect(yes("cit_officer_requested")).toBeGreaterThan(yes("cit_officer_dispatched"));
    expect(yes("cit_officer_dispatched")).toBeGreaterThan(yes("cit_officer_arrived"));
    expect(share(yes("cit_officer_requested"), templates.length)).toBeGreaterThan(0.2);
    expect(share(yes("cit_officer_requested"), templates.length)).toBeLessThan(0.4);
  });

  it("follows the decade's trends: more CIT-certified contacts by 2019, fewer contacts in 2020", () => {
    const inYear = (year: string) => templates.filter((t) => yearOf(t) === year);
    const certifiedShare = (year: string) =>
      share(inYear(year).filter((t) => t[0]!.cit_certified_indicator === "Y").length, inYear(year).length);
    expect(certifiedShare("2019")).toBeGreaterThan(certifiedShare("2015") + 0.1);
    expect(inYear("2020").length).toBeLessThan(inYear("2019").length);
    expect(inYear("2019").length).toBeGreaterThan(inYear("2015").length);
    expect(new Set(templates.map(yearOf))).toEqual(
      new Set(["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]),
    );
  });

  it("loads through the Crisis Data mapping, quarantining only a few impossible experience values", () => {
    const reasons = new Map<string, number>();
    for (const row of rows) {
      const outcome = seattleCrisis.toRecord(row);
      if (!outcome.ok) reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1);
    }
    expect([...reasons.keys()]).toEqual(["impossible_experience"]);
    const impossible = reasons.get("impossible_experience")!;
    expect(impossible).toBeGreaterThanOrEqual(3);
    expect(share(impossible, rows.length)).toBeLessThan(0.002);
  });
});

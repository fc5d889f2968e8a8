import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CALL_RISK_GROUPS, CALL_RISK_MAP, CALL_RISK_PREFIX_RULES, callRiskOf } from "@/lib/analysis/call-risk";
import { INITIAL_CALL_TYPES } from "@/lib/ingest/synthetic/crisis-sample-catalog";

const METADATA = path.resolve("../shared/data/seattle-crisis-data-socrata-metadata-2018.json");
/** Top 20 Initial Call Types of the 2018 Socrata data dictionary of i2q9-thny (cachedContents.top), in rank order. */
const TOP_2018 = [
  "PERSON IN BEHAVIORAL/EMOTIONAL CRISIS",
  "DIST - IP/JO - DV DIST - NO ASLT",
  "DISTURBANCE, MISCELLANEOUS/OTHER",
  "ASSIST OTHER AGENCY - ROUTINE SERVICE",
  "SUICIDE - IP/JO SUICIDAL PERSON AND ATTEMPTS",
  "SERVICE - WELFARE CHECK",
  "SUSPICIOUS PERSON, VEHICLE OR INCIDENT",
  "SUICIDE, SUICIDAL PERSON AND ATTEMPTS",
  "PREMISE CHECK, OFFICER INITIATED ONVIEW ONLY",
  "SFD - ASSIST ON FIRE OR MEDIC RESPONSE",
  "ASLT - WITH OR W/O WEAPONS (NO SHOOTINGS)",
  "ASLT - IP/JO - WITH OR W/O WPNS (NO SHOOTINGS)",
  "THEFT (DOES NOT INCLUDE SHOPLIFT OR SVCS)",
  "HAZ - POTENTIAL THRT TO PHYS SAFETY (NO HAZMAT)",
  "TRESPASS",
  "THREATS (INCLS IN-PERSON/BY PHONE/IN WRITING)",
  "DIST - DV - NO ASLT",
  "OVERDOSE - DRUG RELATED CASUALTY",
  "SUSPICIOUS STOP - OFFICER INITIATED ONVIEW",
  "UNKNOWN - COMPLAINT OF UNKNOWN NATURE",
];

/** The Initial Call Type -> call risk group table is documented (a reason per entry) and covers the known vocabulary. */
describe("call risk mapping", () => {
  it("gives every entry and rule a group and a reason", () => {
    for (const [type, entry] of Object.entries(CALL_RISK_MAP)) {
      expect(CALL_RISK_GROUPS, type).toContain(entry.group);
      expect(entry.why.length, type).toBeGreaterThan(5);
    }
    for (const rule of CALL_RISK_PREFIX_RULES) expect(rule.why.length).toBeGreaterThan(5);
  });

  it("maps the 2018 data dictionary's top initial call types through the table", () => {
    for (const type of TOP_2018) expect(callRiskOf(type).via, type).toBe("table");
  });

  it.skipIf(!fs.existsSync(METADATA))(
    "uses the dictionary's actual top-20 list (when the shared metadata file is present)",
    () => {
      const meta = JSON.parse(fs.readFileSync(METADATA, "utf8").replace(/^\uFEFF/, "")) as {
        columns: { fieldName: string; cachedContents?: { top?: { item: string }[] } }[];
      };
      expect(
        meta.columns.find((c) => c.fieldName === "initial_call_type")?.cachedContents?.top?.map((t) => t.item),
      ).toEqual(TOP_2018);
    },
  );

  it("maps every call type of the synthetic sample, agreeing with its generator except where documented", () => {
    const generator: Record<string, string> = {
      violent: "violent_or_weapon",
      crisis: "crisis_or_suicide",
      disorder: "disturbance",
      welfare: "welfare_or_service",
    };
    const differs = INITIAL_CALL_TYPES.filter((t) => callRiskOf(t.name).group !== generator[t.risk]).map((t) => t.name);
    for (const t of INITIAL_CALL_TYPES) expect(callRiskOf(t.name).via, t.name).toBe("table");
    // Calls whose nature was unknown at dispatch are not welfare checks: they get their own group.
    expect(differs).toEqual([
      "UNKNOWN - COMPLAINT OF UNKNOWN NATURE",
      "UNKNOWN - ANI/ALI - WRLS PHNS (INCL OPEN LINE)",
    ]);
  });

  it("normalises case and spacing, applies prefix rules, and reports what it cannot map", () => {
    expect(callRiskOf("  person in behavioral/emotional   crisis ")).toEqual({
      group: "crisis_or_suicide",
      via: "table",
    });
    expect(callRiskOf("ASLT - MOLESTED ADULT (GROPED, FONDLED, ETC)")).toEqual({
      group: "violent_or_weapon",
      via: "prefix",
    });
    expect(callRiskOf("Unknown")).toEqual({ group: "other_or_unknown", via: "table" });
    expect(callRiskOf("WIRES DOWN (PHONE, ELECTRICAL,ETC.)")).toEqual({ group: "other_or_unknown", via: "unmapped" });
  });
});

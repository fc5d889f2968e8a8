import { describe, expect, it } from "vitest";
import { CATALOGUE, csvValue, jsonValue } from "@/lib/extracts/catalogue";
import { ROW_DATASET_IDS } from "@/lib/extracts/datasets";
import { rowDictionary } from "@/lib/extracts/provenance";
import { seattleCrisis } from "@/lib/ingest/sources/seattle-crisis";
import { seattleUseOfForce } from "@/lib/ingest/sources/seattle-uof";

const MAPPINGS = {
  "crisis-rows": seattleCrisis,
  "crisis-contacts": seattleCrisis,
  "use-of-force": seattleUseOfForce,
} as const;
const col = (dataset: keyof typeof CATALOGUE, key: string) => CATALOGUE[dataset].find((c) => c.key === key)!;

describe("extract column catalogue", () => {
  it("has unique snake_case keys, each documented", () => {
    for (const id of ROW_DATASET_IDS) {
      const keys = CATALOGUE[id].map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const c of CATALOGUE[id]) {
        expect(c.key).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(c.description.length, `${id}.${c.key}`).toBeGreaterThan(10);
        expect(c.normalisation.length, `${id}.${c.key}`).toBeGreaterThan(3);
      }
    }
  });

  it("takes the description of every published column from the source mapping (not a copy)", () => {
    for (const id of ROW_DATASET_IDS) {
      for (const c of CATALOGUE[id].filter((c) => !c.derived)) {
        const spec = MAPPINGS[id].columns.find((s) => s.aliases[0] === c.sourceColumns[0]);
        expect(spec, `${id}.${c.key} names a mapping column`).toBeDefined();
        expect(c.description).toBe(spec!.description);
        expect(c.normalisation).toContain(spec!.normalisation);
      }
    }
  });

  it("offers every column Seattle publishes in the row-level extracts", () => {
    for (const id of ["crisis-rows", "use-of-force"] as const) {
      const covered = new Set(CATALOGUE[id].flatMap((c) => c.sourceColumns));
      for (const spec of MAPPINGS[id].columns)
        expect(covered, `${id} covers ${spec.aliases[0]}`).toContain(spec.aliases[0]);
    }
  });

  it("writes dates without an offset, yes/no as published, and nulls as empty cells", () => {
    const at = new Date("2019-03-05T14:22:00.000Z");
    expect(jsonValue(col("use-of-force", "occurred_date_time"), { occurredAt: at })).toBe("2019-03-05T14:22:00");
    expect(csvValue(col("crisis-rows", "use_of_force"), { useOfForce: false })).toBe("N");
    expect(csvValue(col("crisis-rows", "use_of_force"), { useOfForce: true })).toBe("Y");
    expect(jsonValue(col("crisis-rows", "use_of_force"), { useOfForce: true })).toBe(true);
    expect(csvValue(col("crisis-rows", "cit_certified"), { citCertified: false })).toBe("N");
    expect(jsonValue(col("crisis-rows", "cit_certified"), { citCertified: false })).toBe(false);
    expect(csvValue(col("crisis-rows", "officer_id"), { officer: null })).toBe("");
    expect(csvValue(col("crisis-rows", "officer_id"), { officer: { sourceId: "1486" } })).toBe("1486");
    expect(csvValue(col("crisis-rows", "officer_year_of_birth"), { officerYearOfBirth: null })).toBe("");
    expect(csvValue(col("crisis-rows", "disposition_group"), { disposition: "Subject Arrested" })).toBe("arrest");
  });

  it("generates the data dictionary from the catalogue", () => {
    const d = rowDictionary("use-of-force");
    expect(d.columns.map((c) => c.name)).toEqual([...CATALOGUE["use-of-force"].map((c) => c.key), "data_status"]);
    expect(d.columns.at(-1)!.normalisation).toMatch(/synthetic \(a generated sample/);
    expect(d.columns.find((c) => c.name === "incident_num")).toMatchObject({
      sourceColumns: ["Incident_Num"],
      derived: false,
      type: "string",
    });
    expect(d.columns.find((c) => c.name === "level")).toMatchObject({ derived: true, type: "integer" });
  });
});

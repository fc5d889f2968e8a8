import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, selectFor } from "@/lib/extracts/catalogue";
import { ROW_DATASETS, ROW_DATASET_IDS } from "@/lib/extracts/datasets";
import { openApiDocument } from "@/lib/extracts/openapi";
import { rowDictionary } from "@/lib/extracts/provenance";

/**
 * Public means public: extracts read only their dataset's own published model, officers only by the published ID,
 * and nothing from staff tables (accounts, audit log, sign-in attempts, EIS flags, notes, annotation drafts), now or
 * after another engineer adds such models.
 */
const schema = fs.readFileSync(path.resolve("prisma/models.prisma"), "utf8");
const models = new Map(
  [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map((m) => [
    m[1]!,
    m[2]!
      .split("\n")
      .map((l) => l.trim().match(/^(\w+)\s/)?.[1])
      .filter((f): f is string => Boolean(f)),
  ]),
);
const PUBLIC_MODELS = [
  "DatasetVersion",
  "Officer",
  "CrisisRow",
  "CrisisContact",
  "UseOfForce",
  "QuarantinedRow",
  "Result",
];
const staffModels = [...models.keys()].filter((m) => !PUBLIC_MODELS.includes(m));
const STAFF_WORDS =
  /eis|flag|note|annotat|draft|email|password|audit|session|user|actor|login|review|supervisor|ip_?address|secret/i;

describe("public extracts contain only published fields", () => {
  it("reads the model file", () => {
    expect(models.get("UseOfForce")).toContain("subjectRace");
  });

  for (const id of ROW_DATASET_IDS) {
    it(`${id}: selects only fields of its own model, officers only by published ID`, () => {
      const model = ROW_DATASETS[id].model.replace(/^./, (c) => c.toUpperCase());
      const fields = models.get(model)!;
      const select = selectFor(CATALOGUE[id]) as Record<string, unknown>;
      for (const [key, value] of Object.entries(select)) {
        expect(fields, `${model}.${key}`).toContain(key);
        if (key === "officer") expect(value).toEqual({ select: { sourceId: true } });
        else expect(value).toBe(true);
      }
      // The internal officer key never leaves the database.
      expect(Object.keys(select)).not.toContain("officerId");
      expect(Object.keys(select)).not.toContain("versionId");
    });

    it(`${id}: no column or dictionary entry names a staff or EIS field`, () => {
      const staffFields = new Set(
        staffModels
          .flatMap((m) => models.get(m)!)
          .filter((f) => !models.get(ROW_DATASETS[id].model.replace(/^./, (c) => c.toUpperCase()))!.includes(f)),
      );
      for (const c of CATALOGUE[id]) {
        expect(c.key).not.toMatch(STAFF_WORDS);
        expect(staffFields.has(c.key), `${c.key} is a staff field`).toBe(false);
        for (const k of Object.keys(c.select)) expect(staffFields.has(k), `${k} is a staff field`).toBe(false);
      }
      for (const entry of rowDictionary(id).columns) expect(entry.name).not.toMatch(STAFF_WORDS);
    });
  }

  it("the OpenAPI document names no staff model or field", () => {
    const doc = JSON.stringify(
      openApiDocument([
        {
          dataset: "aggregate-crisis-contacts",
          chartId: "crisis-contacts",
          title: "Crisis contacts over time",
          page: "/crisis",
        },
      ]),
    );
    for (const m of staffModels) expect(doc).not.toContain(`"${m}"`);
    expect(doc).not.toMatch(/passwordHash|actorEmail|lockedUntil|\bEIS\b/);
  });
});

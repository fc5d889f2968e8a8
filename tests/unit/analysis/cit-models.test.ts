import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import seedrandom from "seedrandom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESIGN_CSV_COLUMNS, type CitFrame, type CitFrameRow } from "@/lib/analysis/cit-frame";
import {
  CIT_METHOD_VERSION,
  CIT_RESULT_KEY,
  computeCitResults,
  fitCitModels,
  type CitResults,
} from "@/lib/analysis/cit-models";
import { runIngest } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb } from "../../helpers/temp-db";

/** Integration: a synthetic Crisis sample loaded into a temp database, the CIT models computed, the CLI contract. */
describe("computeCitResults on a synthetic Crisis sample (20k rows)", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let versionId = 0;
  let r: CitResults;

  beforeAll(async () => {
    t = await tempSqliteDb();
    const report = await runIngest(t.db, {
      source: "seattle-crisis",
      sample: true,
      rows: 20_000,
      seed: "cit-models-test",
    });
    versionId = report.versionId;
    r = await computeCitResults(t.db, versionId);
  }, 180_000);
  afterAll(async () => t.cleanup());

  const count = async (sql: string): Promise<number> => {
    const rows = await t.db.$queryRawUnsafe<{ n: bigint | number }[]>(sql, versionId);
    return Number(rows[0]!.n);
  };

  it("models every contact except the counted exclusions (checked by direct SQL)", async () => {
    const contacts = await count(`SELECT COUNT(*) AS n FROM "CrisisContact" WHERE "versionId" = ?`);
    const noOfficer = await count(
      `SELECT COUNT(*) AS n FROM "CrisisContact" WHERE "versionId" = ? AND "officerId" IS NULL`,
    );
    const noExperience = await count(
      `SELECT COUNT(*) AS n FROM "CrisisContact" WHERE "versionId" = ? AND "officerId" IS NOT NULL AND "officerYearsExperience" IS NULL`,
    );
    const quarantined = await count(
      `SELECT COUNT(*) AS n FROM "QuarantinedRow" WHERE "versionId" = ? AND "reason" = 'impossible_experience'`,
    );
    const unknownDisposition = await count(
      `SELECT COUNT(*) AS n FROM "CrisisContact" WHERE "versionId" = ? AND "officerId" IS NOT NULL AND "officerYearsExperience" IS NOT NULL AND "dispositionGroup" = 'unknown'`,
    );
    const events = await count(
      `SELECT COUNT(*) AS n FROM "CrisisContact" WHERE "versionId" = ? AND "officerId" IS NOT NULL AND "officerYearsExperience" IS NOT NULL AND "useOfForce" = 1`,
    );

    expect(noExperience).toBeGreaterThan(0);
    expect(r.exclusions.contactsInVersion).toBe(contacts);
    expect(r.exclusions.excluded).toEqual([
      expect.objectContaining({ reason: "missing_officer_id", contacts: noOfficer }),
      expect.objectContaining({ reason: "missing_experience", contacts: noExperience }),
    ]);
    expect(r.n).toBe(contacts - noOfficer - noExperience);
    expect(r.force.n).toBe(r.n);
    expect(r.force.events).toBe(events);
    expect(r.exclusions.quarantinedAtIngest.rows).toBe(quarantined);
    expect(r.exclusions.quarantinedAtIngest.contacts).toBeLessThanOrEqual(quarantined);
    expect(r.exclusions.dispositionNotRecorded).toBe(unknownDisposition);
    expect(r.disposition.n).toBe(r.n - unknownDisposition);
  });

  it("finds the generator's effects in a plausible range (CIT OR ~1.13, violent vs welfare ~6.5)", () => {
    expect(r.force.diagnostics.status).toBe("converged");
    const cit = r.force.terms.find((x) => x.term === "cit_certified")!;
    expect(cit.oddsRatio).toBeGreaterThan(0.6);
    expect(cit.oddsRatio).toBeLessThan(2.2);
    expect(cit.ciLow).toBeLessThan(1.13);
    expect(cit.ciHigh).toBeGreaterThan(1.13);
    const violent = r.force.terms.find((x) => x.term === "call_risk_groupviolent_or_weapon")!;
    expect(violent.oddsRatio).toBeGreaterThan(3);
    expect(violent.oddsRatio).toBeLessThan(14);
    // An AME (percentage points, per 1,000 contacts) next to every odds ratio of a main effect.
    for (const term of r.force.terms.filter((x) => x.term !== "(Intercept)"))
      expect(term.ame?.perThousand).toBeCloseTo(10 * term.ame!.pp, 10);
    expect(Math.sign(cit.ame!.pp)).toBe(Math.sign(cit.estimate));
  });

  it("returns one JSON-serialisable object with references, diagnostics, sensitivity, disposition, balance and raw rates", () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // no NaN, Infinity or undefined anywhere
    expect(r).toMatchObject({
      kind: "cit-models",
      methodVersion: CIT_METHOD_VERSION,
      datasetVersionId: versionId,
      synthetic: true,
      seMethod: "cluster-robust HC1 by officer",
    });
    expect(r.modality).toMatchObject({
      kind: "binary",
      levels: ["not_certified_or_unknown", "certified"],
      reference: "not_certified_or_unknown",
    });
    expect(r.modality.note).toMatch(/only the "CIT Certified Indicator"/);
    expect(r.referenceLevels).toMatchObject({
      cit_certified: "not_certified_or_unknown",
      call_risk_group: "welfare_or_service",
      precinct: "West",
      officer_race: "White",
      officer_gender: "M",
      era: "before_2020",
      disposition_group: "no_action",
    });
    expect(r.clusters).toBeGreaterThan(100);
    expect(r.forceEraInteraction.terms.map((x) => x.term)).toContain("cit_certified:era2020_and_after");
    expect(r.forceEraInteraction.citByEra.map((x) => x.era)).toEqual(["before_2020", "2020_and_after"]);
    expect(r.disposition.reference).toBe("no_action");
    expect(Object.keys(r.disposition.outcomes)).toEqual(["arrest", "emergent_detention", "referral"]);
    const citAme = r.disposition.ameByTerm.find((x) => x.term === "cit_certified")!;
    expect(Object.values(citAme.byOutcome).reduce((s, a) => s + a.pp, 0)).toBeCloseTo(0, 8); // probabilities sum to 1
    expect(r.dispatchBalance.rows.map((x) => x.modality)).toEqual(["not_certified_or_unknown", "certified"]);
    expect(r.dispatchBalance.test.df).toBe(4);
    expect(r.rawRates.reduce((s, x) => s + x.contacts, 0)).toBe(r.n);
    expect(r.callRisk.unmapped).toEqual([]);
    expect(r.callRisk.counts.welfare_or_service).toBeGreaterThan(0);
  });

  describe("CLI: analyze cit", () => {
    const cli = (args: string[], url = t.url) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
      });
    type Term = Record<string, unknown>;
    const TERM_KEYS = ["ciHigh", "ciLow", "estimate", "oddsRatio", "p", "se", "term"];
    const checkTerms = (terms: Term[]) => {
      expect(terms.length).toBeGreaterThan(3);
      for (const term of terms) {
        expect(Object.keys(term).sort()).toEqual(TERM_KEYS);
        for (const k of TERM_KEYS.filter((k) => k !== "term")) expect(typeof term[k]).toBe("number");
      }
    };

    it("--json prints the stable contract (computed, then read from the stored result)", async () => {
      // The pipeline may already have stored the result at ingest: start from a computed one.
      await t.db.result.deleteMany({ where: { key: CIT_RESULT_KEY } });
      const run = cli(["analyze", "cit", "--json"]);
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        datasetVersion: number;
        n: number;
        source: string;
        force: { terms: Term[] };
        disposition: { reference: string; outcomes: Record<string, { terms: Term[] }> };
      };
      expect(out).toMatchObject({ datasetVersion: versionId, n: r.n, source: "computed" });
      checkTerms(out.force.terms);
      expect(out.force.terms.find((x) => x.term === "cit_certified")!.estimate).toBeCloseTo(
        r.force.terms.find((x) => x.term === "cit_certified")!.estimate,
        12,
      );
      expect(out.disposition.reference).toBe("no_action");
      expect(Object.keys(out.disposition.outcomes)).toEqual(["arrest", "emergent_detention", "referral"]);
      Object.values(out.disposition.outcomes).forEach((o) => checkTerms(o.terms));

      // As the pipeline stores it: the CLI then reads instead of refitting.
      await t.db.result.create({
        data: {
          key: CIT_RESULT_KEY,
          datasetVersionIds: String(versionId),
          methodologyVersion: "test",
          payload: JSON.stringify(r),
        },
      });
      const stored = JSON.parse(cli(["analyze", "cit", "--json"]).stdout) as typeof out;
      expect(stored.source).toBe("stored");
      expect({ ...stored, source: "computed" }).toEqual(out);
    });

    it("--export-design writes the model frame as CSV with the documented columns", () => {
      const file = path.join(t.dir, "out", "design.csv");
      const run = cli(["analyze", "cit", "--export-design", file]);
      expect(run.status, run.stderr).toBe(0);
      const rows = parse(fs.readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual([...DESIGN_CSV_COLUMNS]);
      expect(rows).toHaveLength(r.n);
      expect(rows.reduce((s, x) => s + Number(x.force), 0)).toBe(r.force.events);
      expect(new Set(rows.map((x) => x.era))).toEqual(new Set(["before_2020", "2020_and_after"]));
    });

    it("rejects bad usage (exit 2) and says when no Crisis Data is loaded (exit 1)", async () => {
      expect(cli(["analyze", "uof"]).status).toBe(2);
      const bad = cli(["analyze", "cit", "--bogus"]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/analyze cit --json/);
      const empty = await tempSqliteDb();
      try {
        const none = cli(["analyze", "cit", "--json"], empty.url);
        expect(none.status).toBe(1);
        expect(none.stderr).toMatch(/no active Crisis Data version/);
      } finally {
        await empty.cleanup();
      }
    });
  });
});

/** Frames built in memory: the three-level modality, pooling of sparse levels, separation flags. */
function frame(n: number, seed: string, row: (rand: () => number, i: number) => Partial<CitFrameRow>): CitFrame {
  const rand = seedrandom.alea(seed);
  const rows = Array.from({ length: n }, (_, i): CitFrameRow => {
    const certified = rand() < 0.4;
    return {
      contact_id: `${i}:o${i % 80}`,
      officer_id: `o${i % 80}`,
      force: rand() < 0.12 ? 1 : 0,
      cit_certified: certified ? 1 : 0,
      cit_modality: certified ? "certified" : "not_certified_or_unknown",
      years_experience: Math.floor(rand() * 25),
      call_risk_group: (["welfare_or_service", "crisis_or_suicide", "disturbance", "violent_or_weapon"] as const)[
        Math.floor(rand() * 4)
      ]!,
      precinct: ["West", "North", "East"][Math.floor(rand() * 3)]!,
      officer_race: rand() < 0.7 ? "White" : "Asian",
      officer_gender: rand() < 0.8 ? "M" : "F",
      era: rand() < 0.5 ? "before_2020" : "2020_and_after",
      disposition_group: ["no_action", "arrest", "emergent_detention", "referral", "unknown"][Math.floor(rand() * 5)]!,
      ...row(rand, i),
    };
  });
  const exclusions = {
    contactsInVersion: n,
    quarantinedAtIngest: { reason: "impossible_experience" as const, rows: 0, contacts: 0, description: "" },
    excluded: [],
    dispositionNotRecorded: 0,
  };
  return {
    versionId: 1,
    versionLabel: "test",
    synthetic: true,
    rows,
    exclusions,
    callRisk: { mappingVersion: "test", reference: "welfare_or_service", counts: {}, viaPrefix: [], unmapped: [] },
  };
}

describe("fitCitModels on in-memory frames", () => {
  it("supports the three-level modality (certified / 8-hour trained / none) with reference 'none'", () => {
    const modality = ["none", "trained_8h", "certified"];
    const r = fitCitModels(frame(3000, "three", (rand) => ({ cit_modality: modality[Math.floor(rand() * 3)]! })));
    expect(r.modality).toMatchObject({ kind: "three_level", levels: modality, reference: "none" });
    expect(r.referenceLevels.cit_modality).toBe("none");
    const terms = r.force.terms.map((x) => x.term);
    expect(terms).toEqual(expect.arrayContaining(["cit_modalitytrained_8h", "cit_modalitycertified"]));
    expect(terms).not.toContain("cit_certified");
    expect(r.force.terms.find((x) => x.term === "cit_modalitycertified")!.label).toBe(
      "CIT training: CIT certified (40-hour course) (vs No CIT training)",
    );
    expect(r.forceEraInteraction.terms.map((x) => x.term)).toEqual(
      expect.arrayContaining(["cit_modalitytrained_8h:era2020_and_after", "cit_modalitycertified:era2020_and_after"]),
    );
    expect(r.forceEraInteraction.citByEra).toHaveLength(4);
    expect(r.disposition.outcomes.arrest!.terms.map((x) => x.term)).toContain("cit_modalitytrained_8h");
    expect(r.dispatchBalance.rows.map((x) => x.modality)).toEqual(modality);
  });

  it("pools sparse nuisance levels and reports it", () => {
    const r = fitCitModels(
      frame(3000, "pool", (_rand, i) =>
        i % 300 === 0
          ? { officer_race: "Nat Hawaiian/Oth Pac Islander" }
          : i % 290 === 0
            ? { officer_gender: "N" }
            : {},
      ),
    );
    expect(r.pooledLevels).toEqual([
      expect.objectContaining({ variable: "officer_race", levels: ["Nat Hawaiian/Oth Pac Islander"], into: "White" }),
      expect.objectContaining({ variable: "officer_gender", levels: ["N"], into: "M" }),
    ]);
    expect(r.force.terms.map((x) => x.term)).not.toContain("officer_raceNat Hawaiian/Oth Pac Islander");
  });

  it("flags a separated term instead of reporting a silently huge estimate", () => {
    const r = fitCitModels(
      frame(3000, "sep", (rand, i) => (i % 20 === 0 ? { call_risk_group: "other_or_unknown", force: 0 } : {})),
    );
    expect(r.force.diagnostics.status).toBe("separation");
    const other = r.force.terms.find((x) => x.term === "call_risk_groupother_or_unknown")!;
    expect(other.flag).toBe("separation");
    expect(r.force.terms.filter((x) => x.flag !== null).map((x) => x.term)).toEqual([
      "call_risk_groupother_or_unknown",
    ]);
    expect(r.force.diagnostics.warnings.join(" ")).toMatch(/Separation \(call_risk_groupother_or_unknown\)/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("never throws on data that cannot support a model: that model is reported as failed", () => {
    const r = fitCitModels(frame(400, "none", () => ({ force: 0 })));
    expect(r.force.diagnostics).toMatchObject({ status: "failed", logLik: null });
    expect(r.force.diagnostics.warnings[0]).toMatch(/Not estimable: The outcome is never 1/);
    expect(r.force.terms).toEqual([]);
    expect(r.forceEraInteraction.citByEra).toEqual([]);
    expect(r.disposition.diagnostics.status).not.toBe("failed");
    const empty = fitCitModels({ ...frame(1, "x", () => ({})), rows: [] });
    expect(empty.n).toBe(0);
    expect([empty.force.diagnostics.status, empty.disposition.diagnostics.status]).toEqual(["failed", "failed"]);
  });
});

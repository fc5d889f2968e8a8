import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommunityResults } from "@/lib/community/compute";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * The stored community results against an independent computation: SQL over the loaded use-of-force rows, and a
 * hand-written parse of the census and Terry stop CSVs (not the pipeline's reader), then the formulas written out.
 */
const DATA = "../shared/data";
const UOF_FILE = `${DATA}/seattle-use-of-force.csv`;
const have = fs.existsSync(UOF_FILE) && fs.existsSync(`${DATA}/seattle-king-acs-dp05-2020.csv`);
const Z = 1.959963984540054;
const UOF_GROUP: Record<string, string> = {
  White: "White",
  "Black or African American": "Black",
  "Hispanic or Latino": "Hispanic/Latino",
  Asian: "Asian",
  "American Indian/Alaska Native": "AIAN",
  "Nat Hawaiian/Oth Pac Islander": "NHPI",
  "Two or More Races": "Multiracial",
};
const TERRY_GROUP: Record<string, string> = {
  White: "White",
  Black: "Black",
  "Black or African American": "Black",
  Hispanic: "Hispanic/Latino",
  Asian: "Asian",
  "American Indian / Alaskan Native": "AIAN",
  "American Indian or Alaska Native": "AIAN",
  "Native Hawaiian or Other Pacific Islander": "NHPI",
  "Multi-Racial": "Multiracial",
};

/** Splits one CSV line (quoted fields may contain commas; these files have no embedded newlines). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
const lines = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter(Boolean)
    .map(splitCsv);

function censusGroups(): { total: number; groups: Record<string, number> } {
  const rows = lines(`${DATA}/seattle-king-acs-dp05-2020.csv`);
  const col = rows[0]!.indexOf("Seattle city, Washington!!Estimate");
  const block = rows.slice(rows.findIndex((r) => r[0] === "HISPANIC OR LATINO AND RACE"));
  const v = (label: string) => Number(block.find((r) => r[0]!.trim() === label)![col]!.replace(/,/g, ""));
  const groups = {
    "Hispanic/Latino": v("Hispanic or Latino (of any race)"),
    White: v("White alone"),
    Black: v("Black or African American alone"),
    AIAN: v("American Indian and Alaska Native alone"),
    Asian: v("Asian alone"),
    NHPI: v("Native Hawaiian and Other Pacific Islander alone"),
    Multiracial: v("Two or more races"),
  };
  return { total: v("Total population"), groups: { ...groups, other: v("Some other race alone") } };
}

function terryStops(file: string): { from: string; to: string; stops: number; groups: Record<string, number> } {
  const [head, ...rows] = lines(`${DATA}/${file}`);
  const id = head!.indexOf("Terry Stop ID"),
    race = head!.indexOf("Subject Perceived Race"),
    date = head!.indexOf("Reported Date");
  const seen = new Set<string>();
  const groups: Record<string, number> = {};
  const dates = rows.map((r) => r[date]!.slice(0, 10)).sort();
  for (const r of rows) {
    if (seen.has(r[id]!)) continue;
    seen.add(r[id]!);
    const g = TERRY_GROUP[r[race]!.trim()] ?? "other";
    groups[g] = (groups[g] ?? 0) + 1;
  }
  return { from: dates[0]!, to: dates.at(-1)!, stops: seen.size, groups };
}

describe.skipIf(!have)("community benchmarks equal an independent computation", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let res: CommunityResults;
  beforeAll(async () => {
    t = await tempSqliteDb();
    await ingestFile(t.db, { source: "seattle-uof", filePath: UOF_FILE, origin: "file" });
    res = JSON.parse((await t.db.result.findUniqueOrThrow({ where: { key: "community.benchmarks" } })).payload);
  }, 180_000);
  afterAll(async () => t?.cleanup());

  /** People who received force between two dates, by harmonised group: distinct incident + subject pairs in SQL. */
  async function forceByGroup(from: string, to: string): Promise<{ all: number; groups: Record<string, number> }> {
    const rows = (await t.db.$queryRawUnsafe(`
      WITH ranked AS (
        SELECT subjectRace, MIN(occurredAt) OVER (PARTITION BY incidentNum) AS incFirst,
               ROW_NUMBER() OVER (PARTITION BY incidentNum, subjectKey ORDER BY occurredAt, id) AS rn
        FROM UseOfForce WHERE versionId = ${res.versionId})
      SELECT subjectRace AS race, COUNT(*) AS n FROM ranked
      WHERE rn = 1 AND substr(incFirst, 1, 10) BETWEEN '${from}' AND '${to}' GROUP BY subjectRace`)) as {
      race: string;
      n: bigint;
    }[];
    const groups: Record<string, number> = {};
    let all = 0;
    for (const r of rows) {
      const g = UOF_GROUP[r.race] ?? "other";
      groups[g] = (groups[g] ?? 0) + Number(r.n);
      all += Number(r.n);
    }
    return { all, groups };
  }

  it("census denominators are the mutually exclusive groups and add up to the total", () => {
    const c = censusGroups();
    expect(Object.values(c.groups).reduce((a, b) => a + b, 0)).toBe(c.total);
    for (const [g, n] of Object.entries(c.groups))
      if (g !== "other") expect(res.population!.byGroup[g as "White"]).toBe(n);
    expect(res.population!.total).toBe(741_251);
  });

  it.each(["2015-2025", "2019", "2023"])("population rates and Poisson ratios for %s", async (period) => {
    const w = res.populationRates.find((p) => p.period === period)!;
    const c = censusGroups();
    const f = await forceByGroup(w.from, w.to);
    expect(w.allForce).toBe(f.all);
    const white = f.groups.White!;
    for (const r of w.rows) {
      const a = f.groups[r.group] ?? 0;
      expect(r.force).toBe(a);
      expect(r.rate).toBeCloseTo((a / c.groups[r.group]!) * 10_000, 9);
      if (r.group === "White" || a === 0) continue;
      const rr = a / c.groups[r.group]! / (white / c.groups.White!);
      const se = Math.sqrt(1 / a + 1 / white);
      expect(r.vsWhite!.ratio).toBeCloseTo(rr, 9);
      expect(r.vsWhite!.low).toBeCloseTo(rr * Math.exp(-Z * se), 9);
      expect(r.vsWhite!.high).toBeCloseTo(rr * Math.exp(Z * se), 9);
      const rc = a / c.groups[r.group]! / (f.all / c.total);
      expect(r.vsAll!.ratio).toBeCloseTo(rc, 9);
      expect(r.vsAll!.high).toBeCloseTo(rc * Math.exp(Z * Math.sqrt(1 / a + 1 / f.all)), 9);
    }
  });

  it.each([
    ["seattle-terry-stops-2015-2018.csv", "2015-2018"],
    ["seattle-terry-stops-2023.csv", "2023"],
  ])("force per Terry stop (%s): Katz ratios over the same dates", async (file, label) => {
    const s = terryStops(file);
    const w = res.terryRates.find((p) => p.period === label)!;
    expect([w.from, w.to, w.allDenominator]).toEqual([s.from, s.to, s.stops]);
    const f = await forceByGroup(s.from, s.to);
    const [aW, nW] = [f.groups.White!, s.groups.White!];
    for (const r of w.rows) {
      const [a, n] = [f.groups[r.group] ?? 0, s.groups[r.group] ?? 0];
      expect([r.force, r.denominator]).toEqual([a, n]);
      if (r.group === "White") continue;
      if (a === 0 || n === 0 || a > n) {
        expect(r.vsWhite).toBeNull();
        continue;
      }
      const rr = a / n / (aW / nW);
      const se = Math.sqrt(1 / a - 1 / n + 1 / aW - 1 / nW);
      expect(r.vsWhite!.ratio).toBeCloseTo(rr, 9);
      expect(r.vsWhite!.low).toBeCloseTo(rr * Math.exp(-Z * se), 9);
      expect(r.vsWhite!.high).toBeCloseTo(rr * Math.exp(Z * se), 9);
    }
  });

  it("prints the headline figures", () => {
    const show = (w: CommunityResults["populationRates"][number]) =>
      w.rows
        .map(
          (r) =>
            `${r.group} ${r.force}/${r.denominator} rr=${r.vsWhite?.ratio.toFixed(2)} [${r.vsWhite?.low.toFixed(2)}, ${r.vsWhite?.high.toFixed(2)}]`,
        )
        .join("; ");
    for (const w of [...res.populationRates.filter((p) => !/^\d{4}$/.test(p.period)), ...res.terryRates])
      console.log(`${w.benchmark} ${w.period} (${w.from}..${w.to}): ${show(w)}`);
    expect(res.terry.map((x) => x.duplicateRows)).toEqual([0, 12]);
  });
});

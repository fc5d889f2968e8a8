import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareBalance, compareLogit, compareMultinom, FIXTURE_DIR, readDataset, type Oracle } from "./oracle";

/** Always runs: compares lib/analysis with R results checked into tests/fixtures/analysis (see fit-oracle.R). */
describe("lib/analysis against R (committed fixture: 3,000 contacts, 120 officers)", () => {
  const rows = readDataset(path.join(FIXTURE_DIR, "oracle-data.csv"));
  const oracle = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, "oracle-r.json"), "utf8")) as Oracle;

  it("uses the fixture the oracle was computed on", () => {
    expect(rows).toHaveLength(oracle.n);
    expect(oracle.r_version).toMatch(/^R version/);
  });

  it("logit: coefficients, model and HC1-cluster SEs, Wald intervals, AMEs, interaction and collinear column match glm + sandwich to 1e-6", () => {
    compareLogit(rows, oracle, 1e-6);
  });

  it("multinomial: coefficients, model and HC1-cluster SEs, AMEs match nnet::multinom + sandwich to 1e-4", () => {
    compareMultinom(rows, oracle, 1e-4);
  });

  it("chi-square test and Wilson intervals match chisq.test and prop.test", () => {
    compareBalance(rows, oracle);
  });
});

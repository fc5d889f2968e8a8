import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareWithOracle, FIXTURE_DIR, type CosOracle } from "./cos-oracle";

/** Always runs: lib/eis's escalation fit against R results committed in tests/fixtures/eis (see cos-oracle.R). */
describe("escalation model against R (committed fixture: 45 incidents, 8 officers, levels 0-3)", () => {
  const data = path.join(FIXTURE_DIR, "cos-oracle-data.csv");
  const oracle = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, "cos-oracle-r.json"), "utf8")) as CosOracle;

  it("uses the fixture R fitted", () => {
    expect(oracle.r_version).toMatch(/^R version/);
    expect(oracle.incidents_used).toBe(45);
  });

  it("joint mode and marginal-scale fit: lambda, s and their SEs match R's brute-force optim(BFGS) + optimHess to 1e-5", () => {
    compareWithOracle(data, oracle);
  });
});

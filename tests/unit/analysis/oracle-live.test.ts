import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareBalance, compareLogit, compareMultinom, hasRscript, runOracle, type Oracle } from "./oracle";
import type { FrameRow } from "@/lib/analysis/design";

/**
 * Runs only where Rscript is on PATH (Debian: r-base-core r-cran-nnet r-cran-sandwich r-cran-jsonlite): R generates
 * a fresh dataset with a new seed on every run and fits it; lib/analysis must agree on that dataset too.
 */
describe.skipIf(!hasRscript)("lib/analysis against R, live on a freshly generated dataset", () => {
  const seed = randomInt(1, 2 ** 31 - 1);
  let dir = "";
  let rows: FrameRow[] = [];
  let oracle: Oracle;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "analysis-oracle-"));
    ({ rows, oracle } = runOracle(dir, seed, 4000));
    console.info(
      `live R oracle: ${oracle.r_version}, nnet ${oracle.packages.nnet}, sandwich ${oracle.packages.sandwich}, seed ${seed} (reproduce: Rscript tests/fixtures/analysis/fit-oracle.R generate ${seed} 4000 data.csv)`,
    );
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("generated the dataset", () => {
    expect(rows).toHaveLength(4000);
  });

  it(`logit matches glm + sandwich::vcovCL(HC1) to 1e-6 (seed ${seed})`, () => {
    compareLogit(rows, oracle, 1e-6);
  });

  it(`multinomial matches nnet::multinom + sandwich to 1e-4 (seed ${seed})`, () => {
    compareMultinom(rows, oracle, 1e-4);
  });

  it("chi-square and Wilson intervals match R", () => {
    compareBalance(rows, oracle);
  });
});

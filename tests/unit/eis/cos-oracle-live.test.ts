import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { compareWithOracle, hasRscript, runCosOracle, type CosOracle } from "./cos-oracle";

/** Runs only where Rscript is on PATH: R simulates a fresh data set with a new seed, fits it, lib/eis must agree. */
describe.skipIf(!hasRscript)("escalation model against R, live on a freshly simulated data set", () => {
  const seed = randomInt(1, 2 ** 31 - 1);
  let dir = "";
  let data = "";
  let oracle: CosOracle;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cos-oracle-"));
    ({ data, oracle } = runCosOracle(dir, seed));
    console.info(
      `live COS oracle: ${oracle.r_version}, seed ${seed} (reproduce: Rscript tests/fixtures/eis/cos-oracle.R generate ${seed} data.csv)`,
    );
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`matches R's brute-force fit to 1e-5 (seed ${seed})`, () => {
    compareWithOracle(data, oracle);
  });
});

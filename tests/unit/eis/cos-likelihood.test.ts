import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  DpScratch,
  incidentLogLik,
  logPosterior,
  prepareIncident,
  scaleValues,
  type CosProblem,
} from "@/lib/eis/cos-likelihood";

/** Every distinct arrangement of a multiset (test oracle: plain enumeration). */
function distinctPermutations(values: number[]): number[][] {
  if (values.length <= 1) return [values.slice()];
  const out: number[][] = [];
  for (const v of [...new Set(values)]) {
    const rest = values.slice();
    rest.splice(rest.indexOf(v), 1);
    for (const p of distinctPermutations(rest)) out.push([v, ...p]);
  }
  return out;
}

function bruteForceLogLik(lambda: number[], s: number[], observed: number[]): number {
  const score = (ys: number[]) => ys.reduce((acc, y, i) => acc + s[y]! * lambda[i]!, 0);
  const terms = distinctPermutations(observed).map(score);
  const max = Math.max(...terms);
  return score(observed) - (max + Math.log(terms.reduce((acc, t) => acc + Math.exp(t - max), 0)));
}

function randomIncident(rng: () => number, maxOfficers: number, nLevels: number) {
  const m = 2 + Math.floor(rng() * (maxOfficers - 1));
  const observed = Array.from({ length: m }, () => Math.floor(rng() * nLevels));
  if (new Set(observed).size === 1) observed[0] = (observed[0]! + 1) % nLevels;
  const lambda = Array.from({ length: m }, () => (rng() - 0.5) * 6);
  return { observed, lambda };
}

describe("COS conditional likelihood: dynamic programming", () => {
  it("equals brute-force enumeration on a hand-checked two-officer incident", () => {
    // Officers with lambda 0.5 and -1 used levels 1 and 0 (s = 0, 1): L = e^0.5 / (e^0.5 + e^-1).
    const inc = prepareIncident([0, 1], [1, 0]);
    const s = scaleValues({ levels: [0, 1], nFree: 0 }, []);
    const ll = incidentLogLik(inc, [0.5, -1], s, DpScratch.for([inc]));
    expect(ll).toBeCloseTo(0.5 - Math.log(Math.exp(0.5) + Math.exp(-1)), 14);
  });

  it("equals brute-force enumeration on 300 random incidents (2-8 officers, up to 5 levels, extreme lambdas)", () => {
    const rng = seedrandom.alea("dp-vs-enumeration");
    for (let t = 0; t < 300; t++) {
      const nLevels = 2 + Math.floor(rng() * 4);
      const { observed, lambda } = randomIncident(rng, 8, nLevels);
      const delta = Array.from({ length: nLevels - 2 }, () => rng() * 2 - 1.5);
      const s = scaleValues({ levels: Array.from({ length: nLevels }, (_, k) => k), nFree: nLevels - 2 }, delta);
      const inc = prepareIncident(
        observed.map((_, i) => i),
        observed,
      );
      const dp = incidentLogLik(inc, lambda, s, DpScratch.for([inc]));
      expect(Math.abs(dp - bruteForceLogLik(lambda, Array.from(s), observed))).toBeLessThan(1e-10);
    }
  });

  it("stays finite where the plain sum would overflow (lambda = +-300)", () => {
    const inc = prepareIncident([0, 1, 2], [0, 1, 1]);
    const s = scaleValues({ levels: [0, 1], nFree: 0 }, []);
    const ll = incidentLogLik(inc, [300, -300, 0], s, DpScratch.for([inc]));
    expect(Number.isFinite(ll)).toBe(true);
    expect(ll).toBeLessThan(-299);
  });

  it("counts each distinct assignment once: 4 officers with levels {0,0,1,1} have 6 arrangements", () => {
    const inc = prepareIncident([0, 1, 2, 3], [0, 0, 1, 1]);
    const s = scaleValues({ levels: [0, 1], nFree: 0 }, []);
    // With every lambda 0 each arrangement has weight 1: L = 1/6.
    expect(incidentLogLik(inc, [0, 0, 0, 0], s, DpScratch.for([inc]))).toBeCloseTo(-Math.log(6), 14);
  });
});

describe("COS log posterior: analytic gradient", () => {
  it("equals central finite differences on random problems (lambda and scale increments)", () => {
    const rng = seedrandom.alea("gradient-vs-fd");
    for (let t = 0; t < 20; t++) {
      const nOfficers = 8;
      const nLevels = 3 + (t % 3);
      const incidents = Array.from({ length: 15 }, () => {
        const { observed } = randomIncident(rng, 6, nLevels);
        const officers = [...Array(nOfficers).keys()].sort(() => rng() - 0.5).slice(0, observed.length);
        return prepareIncident(officers, observed);
      });
      const problem: CosProblem = {
        nOfficers,
        scale: { levels: [...Array(nLevels).keys()], nFree: nLevels - 2 },
        incidents,
        priors: { priorSd: 1, deltaMean: Math.log(0.1), deltaSd: 1 },
      };
      const theta = Float64Array.from({ length: nOfficers + nLevels - 2 }, () => rng() * 2 - 1);
      const scratch = DpScratch.for(incidents);
      const grad = new Float64Array(theta.length);
      logPosterior(problem, theta, scratch, grad);
      const h = 1e-6;
      for (let j = 0; j < theta.length; j++) {
        const up = Float64Array.from(theta);
        const down = Float64Array.from(theta);
        up[j]! += h;
        down[j]! -= h;
        const fd = (logPosterior(problem, up, scratch) - logPosterior(problem, down, scratch)) / (2 * h);
        expect(Math.abs(grad[j]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
});

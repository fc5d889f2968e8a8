import { describe, expect, it } from "vitest";
import type { IncidentView } from "@/lib/eis/scores";
import { benjaminiHochberg, precinctPrior, upperTailPValue, volumeScores } from "@/lib/eis/volume";
import { windowOf } from "@/lib/eis/windows";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
let serial = 0;
const incident = (date: string, precinct: string | null, officers: [string, number][]): IncidentView => ({
  key: String(++serial),
  occurredAt: day(date),
  precinct,
  levels: new Map(officers),
  subjectsByOfficer: new Map(),
});

describe("volume: empirical-Bayes gamma-Poisson per precinct (hand-computed, checked with R)", () => {
  // Ten West officers with 0,0,0,1,1,1,2,2,3,10 force incidents in the six months before 2025-01-01. The three
  // zeros count as peers through an incident in March 2024 (inside the one-year peer window).
  const counts = { A: 0, B: 0, C: 0, D: 1, E: 1, F: 1, G: 2, H: 2, I: 3, J: 10 };
  const incidents: IncidentView[] = [];
  for (const [officer, n] of Object.entries(counts)) {
    if (n === 0) incidents.push(incident("2024-03-10", "West", [[officer, 1]]));
    for (let k = 0; k < n; k++)
      incidents.push(
        incident(`2024-${String(7 + (k % 5)).padStart(2, "0")}-${String(1 + k).padStart(2, "0")}`, "West", [
          [officer, 1],
        ]),
      );
  }
  // Officer K: mostly North in the window (2 of 3), so North's peer (too few: no score). Officer L: only unknown precincts.
  incidents.push(
    incident("2024-08-01", "North", [["K", 2]]),
    incident("2024-09-01", "North", [["K", 1]]),
    incident("2024-10-01", "West", [["K", 1]]),
  );
  incidents.push(incident("2024-08-01", null, [["L", 1]]));
  const asOf = new Date("2025-01-01T00:00:00Z");
  const result = volumeScores(incidents, windowOf(asOf, 6), windowOf(asOf, 12), 10);

  it("fits the prior by the method of moments: mean 2, variance 80/9, alpha = 18/31, beta = 9/31", () => {
    expect(result.priors).toHaveLength(1);
    const p = result.priors[0]!;
    expect(p).toMatchObject({ precinct: "West", peers: 10, mean: 2 });
    expect(p.variance).toBeCloseTo(80 / 9, 12);
    expect(p.alpha).toBeCloseTo(18 / 31, 12);
    expect(p.beta).toBeCloseTo(9 / 31, 12);
  });

  it("shrinks each count towards the precinct mean: (alpha + count) / (beta + 1)", () => {
    const j = result.scores.get("J")!;
    expect(j.count).toBe(10);
    expect(j.shrunkRate).toBeCloseTo(8.2, 12);
    expect(j.ratio).toBeCloseTo(4.1, 12);
    expect(result.scores.get("A")!.shrunkRate).toBeCloseTo(0.45, 12);
  });

  it("p-values are the negative binomial upper tail and q-values Benjamini-Hochberg, as R's pnbinom and p.adjust", () => {
    expect(result.scores.get("J")!.pValue).toBeCloseTo(0.032316821007946646, 12);
    expect(result.scores.get("I")!.pValue).toBeCloseTo(0.274237812186616026, 12);
    expect(result.scores.get("A")!.pValue).toBe(1);
    expect(result.scores.get("J")!.qValue).toBeCloseTo(0.32316821007946644, 12);
    expect(result.scores.get("D")!.qValue).toBeCloseTo(0.82774382961586701, 12);
  });

  it("the unit is where most incidents in the window occurred; too-small and unknown precincts get no score", () => {
    expect(result.unit.get("K")).toBe("North");
    expect(result.unit.get("L")).toBeNull();
    expect(result.scores.has("K")).toBe(false);
    expect(result.scores.has("L")).toBe(false);
    expect(result.unscored).toEqual({ unknownPrecinct: 1, smallPrecinct: 1 });
  });
});

describe("volume: officers whose incidents carry no precinct", () => {
  // SPD's 2025 rows mostly have no precinct; such officers are compared with each other, not left unscored.
  const incidents: IncidentView[] = [];
  const counts = [0, 1, 1, 1, 2, 2, 2, 3, 3, 9];
  counts.forEach((n, i) => {
    const officer = `U${i}`;
    if (n === 0) incidents.push(incident("2024-03-10", null, [[officer, 1]]));
    for (let k = 0; k < n; k++)
      incidents.push(
        incident(`2024-${String(7 + (k % 5)).padStart(2, "0")}-${String(1 + k).padStart(2, "0")}`, null, [
          [officer, 1],
        ]),
      );
  });
  const asOf = new Date("2025-01-01T00:00:00Z");
  const result = volumeScores(incidents, windowOf(asOf, 6), windowOf(asOf, 12), 10);

  it("form one peer group, named as such, with the same gamma-Poisson prior (mean 2.4)", () => {
    expect(result.unit.get("U9")).toBeNull();
    expect(result.priors).toHaveLength(1);
    expect(result.priors[0]).toMatchObject({ precinct: "precinct not recorded", peers: 10 });
    expect(result.priors[0]!.mean).toBeCloseTo(2.4, 12);
    expect(result.scores.get("U9")).toMatchObject({ count: 9, peerGroup: "precinct not recorded" });
    expect(result.unscored).toEqual({ unknownPrecinct: 0, smallPrecinct: 0 });
  });
});

describe("volume: building blocks", () => {
  it("negative binomial and Poisson upper tails match R (pnbinom / ppois, lower.tail = FALSE)", () => {
    const prior = {
      precinct: "East",
      peers: 76,
      mean: 1.6385670494102982 / 0.7156959526159924,
      variance: 5,
      alpha: 1.6385670494102982,
      beta: 0.7156959526159924,
    };
    expect(upperTailPValue(1, prior)).toBeCloseTo(0.761319569382018946, 12);
    expect(upperTailPValue(3, prior)).toBeCloseTo(0.358086506059435372, 12);
    expect(upperTailPValue(10, prior)).toBeCloseTo(0.014215532596059519, 12);
    const poisson = {
      precinct: "Southwest",
      peers: 36,
      mean: 0.7777777777777778,
      variance: 0.69,
      alpha: null,
      beta: null,
    };
    expect(upperTailPValue(3, poisson)).toBeCloseTo(0.04428084753020203324, 12);
    expect(upperTailPValue(6, poisson)).toBeCloseTo(0.00015862328052007051, 12);
    expect(upperTailPValue(0, poisson)).toBe(1);
  });

  it("Benjamini-Hochberg matches p.adjust(method = 'BH')", () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.04]);
    [0.03, 0.048, 0.048, 0.03, 0.5, 0.048].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 14));
  });

  it("without over-dispersion the prior pools completely (no alpha/beta)", () => {
    expect(precinctPrior("X", [1, 1, 1, 2, 0])).toMatchObject({ mean: 1, alpha: null, beta: null });
  });
});

describe("volume: no over-dispersion gives no shrunk rate", () => {
  // Ten officers with 1,1,1,1,1,1,2,2,0,4 incidents: mean 1.4, variance 1.16 < mean. The moment estimate of the
  // between-officer variance is negative, so no prior is fitted; a shrunk rate would be 1.4 for everyone.
  const incidents: IncidentView[] = [];
  [1, 1, 1, 1, 1, 1, 2, 2, 0, 4].forEach((n, i) => {
    if (n === 0) incidents.push(incident("2024-03-10", "East", [[`P${i}`, 1]]));
    for (let k = 0; k < n; k++)
      incidents.push(incident(`2024-${String(7 + k).padStart(2, "0")}-15`, "East", [[`P${i}`, 1]]));
  });
  const asOf = new Date("2025-01-01T00:00:00Z");
  const result = volumeScores(incidents, windowOf(asOf, 6), windowOf(asOf, 12), 10);

  it("shrunkRate and ratio are null; the p-value is Poisson(mean)", () => {
    const top = result.scores.get("P9")!;
    expect(top).toMatchObject({ count: 4, shrunkRate: null, ratio: null });
    expect(top.peerRate).toBeCloseTo(1.4, 12);
    expect(top.pValue).toBeCloseTo(
      upperTailPValue(4, { precinct: "East", peers: 10, mean: 1.4, variance: 1.16, alpha: null, beta: null }),
      14,
    );
  });
});

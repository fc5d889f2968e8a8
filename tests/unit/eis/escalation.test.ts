import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fitEscalation, type EscalationIncident } from "@/lib/eis/escalation";
import { normalStream } from "@/lib/eis/laplace";

/** Incidents generated from the COS model itself: each officer draws a level with P(k) ∝ exp(alpha_k + s_k lambda_i). */
function simulate(seed: string, nOfficers: number, nIncidents: number, s: number[]) {
  const rng = seedrandom.alea(seed);
  const normal = normalStream(`${seed}/normal`);
  const lambda = Array.from({ length: nOfficers }, () => normal());
  const incidents: EscalationIncident[] = [];
  for (let j = 0; j < nIncidents; j++) {
    const m = 2 + Math.floor(rng() * 5);
    const officers = new Set<number>();
    while (officers.size < m) officers.add(Math.floor(rng() * nOfficers));
    // The shared situation: level intercepts that vary from incident to incident (the part the conditioning removes).
    const alpha = s.map((_, k) => (k === 0 ? 0 : -1.2 * k + 1.5 * normal()));
    incidents.push({
      id: `i${j}`,
      officers: [...officers].map((i) => {
        const w = s.map((sk, k) => Math.exp(alpha[k]! + sk * lambda[i]!));
        let u = rng() * w.reduce((a, b) => a + b, 0);
        let level = 0;
        while (u > w[level]!) u -= w[level++]!;
        return { officerId: String(i + 1), level };
      }),
    });
  }
  return { lambda, incidents };
}

const correlation = (a: number[], b: number[]) => {
  const ma = a.reduce((x, y) => x + y, 0) / a.length;
  const mb = b.reduce((x, y) => x + y, 0) / b.length;
  const cov = a.reduce((acc, x, i) => acc + (x - ma) * (b[i]! - mb), 0);
  const va = a.reduce((acc, x) => acc + (x - ma) ** 2, 0);
  const vb = b.reduce((acc, x) => acc + (x - mb) ** 2, 0);
  return cov / Math.sqrt(va * vb);
};

describe("fitEscalation: recovers known propensities from incidents simulated from the model", () => {
  const trueS = [0, 1, 1.5, 2.2];
  const { lambda, incidents } = simulate("cos-recovery", 80, 2500, trueS);
  const fit = fitEscalation(incidents, { draws: 500 });

  it("converges and recovers lambda (correlation > 0.9) with ~95% interval coverage", () => {
    expect(fit.diagnostics.converged).toBe(true);
    const truth = fit.officers.map((o) => lambda[Number(o.officerId) - 1]!);
    const r = correlation(
      fit.officers.map((o) => o.lambda),
      truth,
    );
    const covered =
      fit.officers.filter((o, i) => o.ciLow <= truth[i]! && truth[i]! <= o.ciHigh).length / fit.officers.length;
    console.info(
      `COS recovery: ${fit.officers.length} officers, ${fit.diagnostics.incidentsUsed} informative incidents, correlation ${r.toFixed(3)}, 95% interval coverage ${(100 * covered).toFixed(1)}%, s = ${fit.scale.map((s) => s.s.toFixed(2)).join(", ")}`,
    );
    expect(r).toBeGreaterThan(0.9);
    expect(covered).toBeGreaterThan(0.85);
    expect(covered).toBeLessThanOrEqual(1);
  });

  it("recovers the scale within its intervals (s_2 = 1.5, s_3 = 2.2; s_0 = 0 and s_1 = 1 fixed)", () => {
    expect(fit.scale.map((s) => s.fixed)).toEqual([true, true, false, false]);
    for (const s of fit.scale.slice(2)) expect(Math.abs(s.s - trueS[s.level]!)).toBeLessThan(2.5 * s.se!);
  });

  it("ranks the officers with the highest true propensity high: pTop5 is larger for the true top 5% than for the rest", () => {
    const order = [...lambda.keys()].sort((a, b) => lambda[b]! - lambda[a]!);
    const top = new Set(order.slice(0, 4).map((i) => String(i + 1)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(fit.officers.filter((o) => top.has(o.officerId)).map((o) => o.pTop5))).toBeGreaterThan(
      3 * mean(fit.officers.filter((o) => !top.has(o.officerId)).map((o) => o.pTop5)),
    );
  });
});

describe("fitEscalation: bookkeeping", () => {
  const incidents: EscalationIncident[] = [
    {
      id: "a",
      officers: [
        { officerId: "1", level: 1 },
        { officerId: "2", level: 2 },
      ],
    },
    {
      id: "b",
      officers: [
        { officerId: "2", level: 1 },
        { officerId: "3", level: 1 },
      ],
    }, // same level: no information
    { id: "c", officers: [{ officerId: "4", level: 3 }] }, // one officer
    {
      id: "d",
      officers: [
        { officerId: "3", level: 1 },
        { officerId: "3", level: 2 },
        { officerId: "1", level: 1 },
      ],
    }, // officer 3 twice
    {
      id: "e",
      officers: [
        { officerId: "5", level: 2 },
        { officerId: "6", level: 1 },
      ],
    },
  ];
  const fit = fitEscalation(incidents, { draws: 400, seed: "x" });

  it("skips and counts uninformative incidents; an officer listed twice keeps the highest level", () => {
    const d = fit.diagnostics;
    expect([d.incidentsInput, d.incidentsUsed, d.skippedSameLevel, d.skippedSingleOfficer, d.duplicateEntries]).toEqual(
      [5, 3, 1, 1, 1],
    );
    const three = fit.officers.find((o) => o.officerId === "3")!;
    expect(three.levelCounts).toEqual([0, 0, 1, 0, 0]);
    expect(three.nIncidents).toBe(1);
  });

  it("peers are the officers connected through shared informative incidents (1-2-3 and 5-6), excluding the officer", () => {
    const peers = Object.fromEntries(fit.officers.map((o) => [o.officerId, o.peerGroupSize]));
    expect(peers).toEqual({ "1": 2, "2": 2, "3": 2, "5": 1, "6": 1 });
    expect(fit.diagnostics.components).toBe(2);
    const one = fit.officers.find((o) => o.officerId === "1")!;
    const others = fit.officers.filter((o) => o.officerId === "2" || o.officerId === "3");
    expect(one.lambdaVsPeers).toBeCloseTo(one.lambda - (others[0]!.lambda + others[1]!.lambda) / 2, 12);
  });

  it("runs without witnesses: with levels 1-2 only, s_1 = 1 and s_2 = 2 are fixed and nothing else is estimated", () => {
    expect(fit.scale).toEqual([
      { level: 1, s: 1, se: null, fixed: true },
      { level: 2, s: 2, se: null, fixed: true },
    ]);
  });

  it("is reproducible: the same seed gives the same pTop5, another seed differs only by simulation error", () => {
    const again = fitEscalation(incidents, { draws: 400, seed: "x" });
    expect(again.officers.map((o) => o.pTop5)).toEqual(fit.officers.map((o) => o.pTop5));
    const other = fitEscalation(incidents, { draws: 400, seed: "y" });
    other.officers.forEach((o, i) => expect(Math.abs(o.pTop5 - fit.officers[i]!.pTop5)).toBeLessThan(0.1));
  });

  it("in a pair, pTop5 is the posterior probability of being the higher one (Ridgeway's rank rule)", () => {
    const five = fit.officers.find((o) => o.officerId === "5")!;
    const six = fit.officers.find((o) => o.officerId === "6")!;
    expect(five.pTop5 + six.pTop5).toBeCloseTo(1, 12);
    expect(five.pTop5).toBeGreaterThan(0.5);
  });

  it("returns no officers (and no error) when no incident carries information", () => {
    const none = fitEscalation([incidents[1]!, incidents[2]!]);
    expect(none.officers).toEqual([]);
    expect(none.diagnostics.incidentsUsed).toBe(0);
  });

  it("refuses levels outside 0-4", () => {
    expect(() =>
      fitEscalation([
        {
          id: "z",
          officers: [
            { officerId: "1", level: 5 },
            { officerId: "2", level: 1 },
          ],
        },
      ]),
    ).toThrow(/level 5/);
  });
});

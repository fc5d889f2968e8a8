import negativeBinomialCdf from "@stdlib/stats-base-dists-negative-binomial-cdf";
import type { IncidentView } from "./scores";
import type { VolumeScore } from "./types";
import { inWindow, type DateWindow } from "./windows";

/**
 * Volume relative to peers, with empirical-Bayes shrinkage. Definitions: docs/eis-methods.md.
 *
 * - count: incidents in the volume window where the officer used force (level >= 1).
 * - precinct (the officer's unit): where most of the officer's incidents in the volume window occurred (ties: the
 *   precinct of the most recent of them, then A-Z); an officer with none in that window takes the same rule over the
 *   peer window (the past year).
 * - peers: every officer with an incident in the peer window whose unit is that precinct, so that officers with no
 *   incident in the volume window count, as zeros. Officers none of whose incidents in either window carries a
 *   precinct form one more peer group, NO_PRECINCT_GROUP: from 2025 SPD's open data leaves the precinct blank on
 *   almost every row, and without this group no current officer could be compared at all. That group mixes
 *   assignments, which the reason text says.
 * - Per precinct, counts are modelled as Poisson(theta) with theta ~ Gamma(alpha, beta) (shape, rate), fitted by the
 *   method of moments: alpha = m^2 / (v - m), beta = m / (v - m) from the peers' mean m and variance v. The officer's
 *   shrunk rate is the posterior mean (alpha + count) / (beta + 1). Without over-dispersion (v <= m) the prior cannot
 *   be fitted: counts are Poisson(m), and no shrunk rate is given (null), since it would be m for every officer.
 * - p-value: P(X >= count) for a new officer of the precinct, X ~ NegBin(alpha, beta / (1 + beta)) (Poisson(m)
 *   without over-dispersion); q-values: Benjamini-Hochberg across all officers scored.
 */

export const NO_PRECINCT_GROUP = "precinct not recorded";

export interface PrecinctPrior {
  precinct: string;
  peers: number;
  mean: number;
  variance: number;
  /** null without over-dispersion (complete pooling on the mean). */
  alpha: number | null;
  beta: number | null;
}

export interface VolumeResult {
  unit: Map<string, string | null>;
  scores: Map<string, VolumeScore>;
  priors: PrecinctPrior[];
  /** Officers without a score: their peer group (a precinct, or NO_PRECINCT_GROUP) has fewer than minPeers officers. */
  unscored: { unknownPrecinct: number; smallPrecinct: number };
}

interface Activity {
  time: number;
  precinct: string | null;
  force: boolean;
  inVolume: boolean;
}

/** Most frequent precinct; ties: the most recent incident's, then A-Z. */
function modePrecinct(acts: Activity[]): string | null {
  const counts = new Map<string, { n: number; last: number }>();
  for (const a of acts) {
    if (!a.precinct) continue;
    const c = counts.get(a.precinct) ?? { n: 0, last: -Infinity };
    c.n++;
    c.last = Math.max(c.last, a.time);
    counts.set(a.precinct, c);
  }
  const ranked = [...counts].sort((x, y) => y[1].n - x[1].n || y[1].last - x[1].last || x[0].localeCompare(y[0]));
  return ranked[0]?.[0] ?? null;
}

/** P(X >= x), X ~ Poisson(mean), by summing the lower tail (x is a small count). */
function poissonUpperTail(x: number, mean: number): number {
  if (x <= 0) return 1;
  if (mean === 0) return 0;
  let term = Math.exp(-mean);
  let lower = term;
  for (let k = 1; k < x; k++) {
    term *= mean / k;
    lower += term;
  }
  return Math.max(0, 1 - lower);
}

export function upperTailPValue(count: number, prior: PrecinctPrior): number {
  if (count <= 0) return 1;
  if (prior.alpha === null || prior.beta === null) return poissonUpperTail(count, prior.mean);
  return Math.max(0, 1 - negativeBinomialCdf(count - 1, prior.alpha, prior.beta / (1 + prior.beta)));
}

/** Benjamini-Hochberg adjusted p-values (step-up, monotone, capped at 1), in the input order. */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (order[r]!.p * m) / (r + 1));
    q[order[r]!.i] = running;
  }
  return q;
}

export function precinctPrior(precinct: string, counts: number[]): PrecinctPrior {
  const n = counts.length;
  const mean = counts.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (n - 1) : 0;
  const overdispersed = mean > 0 && variance > mean;
  return {
    precinct,
    peers: n,
    mean,
    variance,
    alpha: overdispersed ? (mean * mean) / (variance - mean) : null,
    beta: overdispersed ? mean / (variance - mean) : null,
  };
}

export function volumeScores(
  incidents: IncidentView[],
  volume: DateWindow,
  peerWindow: DateWindow,
  minPeers: number,
): VolumeResult {
  const acts = new Map<string, Activity[]>();
  for (const inc of incidents) {
    if (!inWindow(inc.occurredAt, peerWindow) && !inWindow(inc.occurredAt, volume)) continue;
    const inVolume = inWindow(inc.occurredAt, volume);
    for (const [officer, level] of inc.levels) {
      const list = acts.get(officer) ?? [];
      list.push({ time: inc.occurredAt.getTime(), precinct: inc.precinct, force: level >= 1, inVolume });
      acts.set(officer, list);
    }
  }
  const unit = new Map<string, string | null>();
  const peersOf = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const [officer, list] of acts) {
    const recent = list.filter((a) => a.inVolume);
    const p = modePrecinct(recent.length ? recent : list);
    unit.set(officer, p);
    counts.set(officer, recent.filter((a) => a.force).length);
    const group = p ?? NO_PRECINCT_GROUP;
    const peers = peersOf.get(group);
    if (peers) peers.push(officer);
    else peersOf.set(group, [officer]);
  }
  const priors: PrecinctPrior[] = [];
  const raw: { officer: string; score: Omit<VolumeScore, "qValue"> }[] = [];
  let smallPrecinct = 0;
  let unknownPrecinct = 0;
  for (const [precinct, officers] of [...peersOf].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (officers.length < minPeers) {
      if (precinct === NO_PRECINCT_GROUP) unknownPrecinct += officers.length;
      else smallPrecinct += officers.length;
      continue;
    }
    const prior = precinctPrior(
      precinct,
      officers.map((o) => counts.get(o)!),
    );
    priors.push(prior);
    for (const officer of officers) {
      const count = counts.get(officer)!;
      // Without over-dispersion the moment estimate of the between-officer variance is <= 0: the "shrunk rate" would
      // be the peer mean for every officer whatever their count (8 incidents against a mean of 1.4 read as "1.0
      // times the peers'" beside p < 0.001). That is no estimate of the officer's rate, so none is given.
      const shrunkRate = prior.alpha !== null && prior.beta !== null ? (prior.alpha + count) / (prior.beta + 1) : null;
      const ratio = shrunkRate !== null && prior.mean > 0 ? shrunkRate / prior.mean : null;
      raw.push({
        officer,
        score: {
          count,
          peerRate: prior.mean,
          shrunkRate,
          ratio,
          pValue: upperTailPValue(count, prior),
          peerGroup: precinct,
        },
      });
    }
  }
  const q = benjaminiHochberg(raw.map((r) => r.score.pValue));
  const scores = new Map(raw.map((r, i) => [r.officer, { ...r.score, qValue: q[i]! }]));
  return { unit, scores, priors, unscored: { unknownPrecinct, smallPrecinct } };
}

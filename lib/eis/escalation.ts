import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { fitCos, fitJointMode, type ScaleMethod } from "./cos-fit";
import { prepareIncident, scaleValues, type CosProblem, type LevelScale } from "./cos-likelihood";
import { drawPosterior, marginalVariances, normalStream, upperFactor } from "./laplace";
import { drawSparse, selectedInverse, sparseVariances } from "./sparse-posterior";
import type { EscalationScore } from "./types";

/**
 * Escalation propensity: Ridgeway's (2025, JASA) conditional ordinal stereotype (COS) model, fitted by maximum a
 * posteriori with a Laplace approximation of the posterior. Method notes: docs/eis-methods.md.
 *
 * Input: incidents with the level (0 = witness, 1-4) each officer used. Incidents with one officer, or where every
 * officer used the same level (conditional likelihood 1), carry no information and are skipped and counted.
 * Identification: adding a constant to every s, or to every lambda, leaves the conditional likelihood unchanged,
 * and so does scaling s while dividing lambda by the same factor. So the lowest level present keeps s = its number
 * and the next level s = one more (s_0 = 0, s_1 = 1 when witnesses are recorded; s_1 = 1, s_2 = 2 in Seattle's open
 * data); higher levels get s_k = s_{k-1} + exp(delta_k), which keeps s increasing. The N(0, priorSd^2) prior on each
 * lambda fixes their location. As in Ridgeway's code, each delta has a N(log 0.1, 1) prior.
 */

export interface EscalationIncident {
  id: string;
  officers: { officerId: string; level: number }[];
}

export interface EscalationOptions {
  priorSd?: number;
  deltaPriorMean?: number;
  deltaPriorSd?: number;
  /** Draws from the approximate posterior for pTop5 (default 2000). */
  draws?: number;
  seed?: string;
  gradTol?: number;
  maxIterations?: number;
  /** How the scale s is estimated: "marginal" (default) or "joint" (see cos-fit.ts). */
  method?: ScaleMethod;
  /** Multiplies the scale search's stopping thresholds (default 1; smaller places the scale more precisely). */
  scaleTolerance?: number;
}

export interface OfficerEscalation extends EscalationScore {
  officerId: string;
  /** Posterior standard deviation of lambda (Laplace approximation). */
  sd: number;
}

export interface ScaleEstimate {
  level: number;
  s: number;
  /** Standard error by the delta method; null for the two levels fixed for identification. */
  se: number | null;
  fixed: boolean;
}

export interface EscalationDiagnostics {
  incidentsInput: number;
  incidentsUsed: number;
  skippedSameLevel: number;
  skippedSingleOfficer: number;
  /** An officer listed twice at one incident keeps the highest level; the extra entries are counted here. */
  duplicateEntries: number;
  officers: number;
  components: number;
  largestComponent: number;
  iterations: number;
  evaluations: number;
  /** Evaluations of the Laplace-marginal posterior of the scale (method "marginal"). */
  scaleEvaluations: number;
  converged: boolean;
  message: string;
  gradMax: number;
  logPosterior: number;
  draws: number;
  seed: string;
  seconds: number;
}

export interface EscalationFit {
  /** One per officer at an informative incident, ordered by officer ID (numeric-aware). */
  officers: OfficerEscalation[];
  scale: ScaleEstimate[];
  diagnostics: EscalationDiagnostics;
}

export const DEFAULT_DELTA_PRIOR = { mean: Math.log(0.1), sd: 1 };
const byId = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

interface Prepared {
  problem: CosProblem;
  officerIds: string[];
  incidentOfficers: number[][];
  incidentLevels: number[][];
  counts: Pick<
    EscalationDiagnostics,
    "incidentsInput" | "incidentsUsed" | "skippedSameLevel" | "skippedSingleOfficer" | "duplicateEntries"
  >;
}

function prepare(incidents: EscalationIncident[], priors: CosProblem["priors"]): Prepared {
  let skippedSameLevel = 0;
  let skippedSingleOfficer = 0;
  let duplicateEntries = 0;
  const informative: Map<string, number>[] = [];
  for (const inc of incidents) {
    const levels = new Map<string, number>();
    for (const o of inc.officers) {
      if (!Number.isInteger(o.level) || o.level < 0 || o.level > 4)
        throw new Error(`incident ${inc.id}: level ${o.level} of officer ${o.officerId} is not 0-4`);
      const prev = levels.get(o.officerId);
      if (prev !== undefined) duplicateEntries++;
      levels.set(o.officerId, Math.max(prev ?? 0, o.level));
    }
    if (levels.size < 2) skippedSingleOfficer++;
    else if (new Set(levels.values()).size < 2) skippedSameLevel++;
    else informative.push(levels);
  }
  const officerIds = [...new Set(informative.flatMap((m) => [...m.keys()]))].sort(byId);
  const index = new Map(officerIds.map((id, i) => [id, i]));
  const levels = [...new Set(informative.flatMap((m) => [...m.values()]))].sort((a, b) => a - b);
  const scale: LevelScale = { levels, nFree: Math.max(0, levels.length - 2) };
  const incidentOfficers = informative.map((m) => [...m.keys()].map((id) => index.get(id)!));
  const incidentLevels = informative.map((m) => [...m.values()]);
  const prepared = incidentOfficers.map((officers, i) =>
    prepareIncident(
      officers,
      incidentLevels[i]!.map((l) => levels.indexOf(l)),
    ),
  );
  return {
    problem: { nOfficers: officerIds.length, scale, incidents: prepared, priors },
    officerIds,
    incidentOfficers,
    incidentLevels,
    counts: {
      incidentsInput: incidents.length,
      incidentsUsed: informative.length,
      skippedSameLevel,
      skippedSingleOfficer,
      duplicateEntries,
    },
  };
}

/** Connected components of the officer-incident graph (union-find); returns each officer's component id. */
export function components(nOfficers: number, incidentOfficers: number[][]): Int32Array {
  const parent = Int32Array.from({ length: nOfficers }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const officers of incidentOfficers) for (const o of officers.slice(1)) parent[find(o)] = find(officers[0]!);
  return Int32Array.from({ length: nOfficers }, (_, i) => find(i));
}

/**
 * pTop5 by simulation: in each draw an officer is in the top 5% of their peer group when their rank among the
 * group's officers (1 = lowest lambda) is at least 0.95 x the group's size, the rule of Ridgeway's code. Those are
 * the group's `top` highest draws: each draw's values are sorted as numbers (a typed-array sort, no comparator
 * calls) and the officers at or above the top-th highest value count. Draws are continuous, so ties (where a full
 * sort's order would decide) do not occur.
 */
export function topFiveShares(draws: Float64Array, count: number, groups: number[][], nOfficers: number): Float64Array {
  const hits = new Float64Array(nOfficers);
  for (const members of groups) {
    const size = members.length;
    const cut = 0.95 * size;
    let top = 0;
    for (let pos = size - 1; pos >= 0 && pos + 1 >= cut; pos--) top++;
    if (top === 0) continue;
    const values = new Float64Array(size);
    const sorted = new Float64Array(size);
    for (let b = 0; b < count; b++) {
      for (let m = 0; m < size; m++) values[m] = draws[members[m]! * count + b]!;
      sorted.set(values);
      sorted.sort();
      const threshold = sorted[size - top]!;
      for (let m = 0; m < size; m++) if (values[m]! >= threshold) hits[members[m]!]! += 1;
    }
  }
  return hits.map((h) => h / count);
}

const priorsOf = (opts: EscalationOptions) => ({
  priorSd: opts.priorSd ?? 1,
  deltaMean: opts.deltaPriorMean ?? DEFAULT_DELTA_PRIOR.mean,
  deltaSd: opts.deltaPriorSd ?? DEFAULT_DELTA_PRIOR.sd,
});

/**
 * Only the joint posterior mode of (lambda, delta) (L-BFGS; no Laplace approximation, no draws): the yardstick the
 * bench measures the whole fit against. Returns the mode's s and the optimiser's counts.
 */
export function escalationJointMap(
  incidents: EscalationIncident[],
  opts: EscalationOptions = {},
): { s: number[]; iterations: number; evaluations: number; converged: boolean } {
  const { problem } = prepare(incidents, priorsOf(opts));
  const opt = fitJointMode(problem, { gradTol: opts.gradTol ?? 1e-9, maxIterations: opts.maxIterations ?? 5000 });
  const s = Array.from(scaleValues(problem.scale, opt.x.subarray(problem.nOfficers)));
  return { s, iterations: opt.iterations, evaluations: opt.evaluations, converged: opt.converged };
}

export function fitEscalation(incidents: EscalationIncident[], opts: EscalationOptions = {}): EscalationFit {
  const started = performance.now();
  const priors = priorsOf(opts);
  const drawCount = opts.draws ?? 2000;
  const seed = opts.seed ?? "eis";
  const { problem, officerIds, incidentOfficers, incidentLevels, counts } = prepare(incidents, priors);
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  const base = { ...counts, officers: n, draws: drawCount, seed };
  if (n === 0) {
    return {
      officers: [],
      scale: [],
      diagnostics: {
        ...base,
        components: 0,
        largestComponent: 0,
        iterations: 0,
        evaluations: 0,
        scaleEvaluations: 0,
        converged: true,
        message: "no informative incident",
        gradMax: 0,
        logPosterior: 0,
        seconds: (performance.now() - started) / 1000,
      },
    };
  }

  const fit = fitCos(problem, {
    method: opts.method ?? "marginal",
    gradTol: opts.gradTol ?? 1e-9,
    maxIterations: opts.maxIterations ?? 5000,
    scaleTolerance: opts.scaleTolerance ?? 1,
  });
  const theta = fit.theta;
  const posterior = fit.factor;
  const variances =
    posterior.kind === "dense"
      ? marginalVariances(posterior.factor)
      : sparseVariances(selectedInverse(posterior.factor), posterior.factor.size);

  const delta = theta.subarray(n, n + q);
  const s = scaleValues(problem.scale, delta);
  const scale: ScaleEstimate[] = problem.scale.levels.map((level, k) => {
    if (k < 2) return { level, s: s[k]!, se: null, fixed: true };
    // s_k = s_1 + sum of exp(delta_j) over the increments up to k: delta method.
    const J = Array.from({ length: q }, (_, j) => (j + 2 <= k ? Math.exp(delta[j]!) : 0));
    const v = J.reduce(
      (acc, a, j) => acc + J.reduce((inner, b, l) => inner + a * (fit.deltaCov[j]?.[l] ?? NaN) * b, 0),
      0,
    );
    return { level, s: s[k]!, se: Math.sqrt(v), fixed: false };
  });

  const component = components(n, incidentOfficers);
  const groupsById = new Map<number, number[]>();
  component.forEach((c, i) => {
    const members = groupsById.get(c);
    if (members) members.push(i);
    else groupsById.set(c, [i]);
  });
  const groups = [...groupsById.values()];
  const pTop = new Float64Array(n);
  const normal = normalStream(seed);
  const upper = posterior.kind === "dense" ? upperFactor(posterior.factor) : null;
  const batch = Math.max(1, Math.min(drawCount, Math.floor(4_000_000 / posterior.factor.size)));
  for (let done = 0; done < drawCount; done += batch) {
    const count = Math.min(batch, drawCount - done);
    const draws =
      posterior.kind === "dense"
        ? drawPosterior(posterior.factor, upper!, theta, count, normal)
        : drawSparse(posterior.factor, theta, count, normal);
    const shares = topFiveShares(draws, count, groups, n);
    for (let i = 0; i < n; i++) pTop[i]! += shares[i]! * count;
  }

  const z = normalQuantile(0.975, 0, 1);
  const levelCounts = Array.from({ length: n }, () => [0, 0, 0, 0, 0]);
  const nIncidents = new Int32Array(n);
  incidentOfficers.forEach((officers, j) =>
    officers.forEach((o, a) => {
      levelCounts[o]![incidentLevels[j]![a]!]! += 1;
      nIncidents[o]! += 1;
    }),
  );
  const officers: OfficerEscalation[] = officerIds.map((officerId, i) => {
    const members = groupsById.get(component[i]!)!;
    const peerSum = members.reduce((acc, j) => acc + (j === i ? 0 : theta[j]!), 0);
    const sd = Math.sqrt(variances[i]!);
    return {
      officerId,
      lambda: theta[i]!,
      sd,
      ciLow: theta[i]! - z * sd,
      ciHigh: theta[i]! + z * sd,
      lambdaVsPeers: theta[i]! - peerSum / (members.length - 1),
      pTop5: pTop[i]! / drawCount,
      peerGroupSize: members.length - 1,
      nIncidents: nIncidents[i]!,
      levelCounts: levelCounts[i]!,
    };
  });
  return {
    officers,
    scale,
    diagnostics: {
      ...base,
      components: groups.length,
      largestComponent: Math.max(...groups.map((g) => g.length)),
      iterations: fit.iterations,
      evaluations: fit.evaluations,
      scaleEvaluations: fit.scaleEvaluations,
      converged: fit.converged,
      message: fit.message,
      gradMax: fit.gradMax,
      logPosterior: fit.logPosterior,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

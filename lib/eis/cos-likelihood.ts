/**
 * The conditional likelihood of Ridgeway's (2025) conditional ordinal stereotype model, computed exactly.
 *
 * At an incident with officers i = 1..M who used levels y_i, P(officer i uses level y) is proportional to
 * g(y, situation) x exp(s_y * lambda_i). Conditioning on the multiset of levels used at the incident removes g: the
 * incident's likelihood is exp(sum_i s_{y_i} lambda_i) / Z, where Z sums the same product over every distinct
 * assignment of that multiset to the M officers. Z is computed by dynamic programming, never by listing
 * permutations: officers are assigned in a fixed order, the state is the vector r of level counts not yet assigned
 * (the officer to assign next is officer M - |r|), and
 *   f(r) = log sum_k [r_k > 0] exp(s_k lambda_{M-|r|} + f(r - e_k)),  f(0) = 0,  log Z = f(c).
 * A second pass from the full state, b(r) = log sum_k [r_k < c_k] exp(b(r + e_k) + s_k lambda_{M-|r|-1}), gives
 * the probability that officer i takes level k among all assignments, P_ik = sum over states r with |r| = M - i of
 * exp(b(r) + s_k lambda_i + f(r - e_k) - log Z), and so the analytic gradient:
 *   d/d lambda_i = s_{y_i} - sum_k P_ik s_k,     d/d s_k = sum_i lambda_i (1[y_i = k] - P_ik).
 * The recursion runs on weights scaled per officer (see incidentLogLik), falling back to log space (log-sum-exp)
 * when they would overflow or underflow, so large incidents and extreme lambdas give finite values.
 * The number of states is prod_k (c_k + 1): at most 220 in the Ridgeway file (19 officers), 2 x 45 for the
 * 44-officer crowd-control "incident" of the Seattle file.
 */

/** Levels that appear at some informative incident, ascending; s is estimated for these only. */
export interface LevelScale {
  levels: number[];
  /** Number of free increments (levels.length - 2, at least 0). */
  nFree: number;
}

/** An incident ready for the DP: officers are indices into the fit's officer list, levels are indices into LevelScale.levels. */
export interface PreparedIncident {
  officers: Int32Array;
  /** Observed level (index into LevelScale.levels) of each officer. */
  observed: Int32Array;
  /** The distinct levels present at the incident (indices into LevelScale.levels), ascending, and their counts. */
  kLevels: Int32Array;
  counts: Int32Array;
  /** Position of each officer's observed level within kLevels. */
  observedLocal: Int32Array;
  strides: Int32Array;
  nStates: number;
  /** Sum of remaining counts |r| of each state. */
  remaining: Int32Array;
  /** r_k of each state (nStates x K, row-major). */
  digits: Int32Array;
}

export function prepareIncident(officers: number[], observed: number[]): PreparedIncident {
  const distinct = [...new Set(observed)].sort((a, b) => a - b);
  const K = distinct.length;
  const counts = new Int32Array(K);
  const observedLocal = new Int32Array(observed.length);
  observed.forEach((lvl, i) => {
    const k = distinct.indexOf(lvl);
    observedLocal[i] = k;
    counts[k]! += 1;
  });
  const strides = new Int32Array(K);
  let nStates = 1;
  for (let k = 0; k < K; k++) {
    strides[k] = nStates;
    nStates *= counts[k]! + 1;
  }
  const remaining = new Int32Array(nStates);
  const digits = new Int32Array(nStates * K);
  for (let st = 0; st < nStates; st++) {
    let rest = st;
    let total = 0;
    for (let k = K - 1; k >= 0; k--) {
      const d = Math.floor(rest / strides[k]!);
      rest -= d * strides[k]!;
      digits[st * K + k] = d;
      total += d;
    }
    remaining[st] = total;
  }
  return {
    officers: Int32Array.from(officers),
    observed: Int32Array.from(observed),
    kLevels: Int32Array.from(distinct),
    counts,
    observedLocal,
    strides,
    nStates,
    remaining,
    digits,
  };
}

/** s for each level of the scale: the lowest level present is fixed at its number, the next at one more, then increments exp(delta). */
export function scaleValues(scale: LevelScale, delta: ArrayLike<number>): Float64Array {
  const s = new Float64Array(scale.levels.length);
  if (s.length === 0) return s;
  s[0] = scale.levels[0]!;
  if (s.length > 1) s[1] = s[0] + 1;
  for (let k = 2; k < s.length; k++) s[k] = s[k - 1]! + Math.exp(delta[k - 2]!);
  return s;
}

/** Scratch buffers reused across incidents (sized to the largest incident). */
export class DpScratch {
  f: Float64Array;
  b: Float64Array;
  w: Float64Array;
  p: Float64Array;
  constructor(maxStates: number, maxCells: number) {
    this.f = new Float64Array(maxStates);
    this.b = new Float64Array(maxStates);
    this.w = new Float64Array(maxCells);
    this.p = new Float64Array(maxCells);
  }
  static for(incidents: PreparedIncident[]): DpScratch {
    let states = 1;
    let cells = 1;
    for (const inc of incidents) {
      states = Math.max(states, inc.nStates);
      cells = Math.max(cells, inc.officers.length * inc.kLevels.length);
    }
    return new DpScratch(states, cells);
  }
}

/**
 * Log conditional likelihood of one incident. When gradLambda / gradS are given, adds d ll / d lambda_i at
 * gradLambda[officer index] and d ll / d s_k at gradS[k] (k = index into the scale).
 *
 * The recursion runs on weights rather than their logs: each officer's weights exp(s_k lambda_i) are divided by their
 * largest, exp(m_i), so every weight is in (0, 1] and f(r) is at most the number of assignments (Z = f(c) x
 * exp(sum_i m_i)). That needs M x K exponentials per incident instead of 2-3 per state and level (the DP was
 * dominated by them), and gives the same values to rounding. Only when f(c) leaves [1e-250, 1e250] (officers'
 * weights differing by more than ~e^575 along every assignment: lambdas far outside any fitted range, as a line
 * search may try) does it fall back to the log-space recursion, incidentLogLikLogSpace.
 */
export function incidentLogLik(
  inc: PreparedIncident,
  lambda: ArrayLike<number>,
  s: Float64Array,
  scratch: DpScratch,
  gradLambda?: Float64Array,
  gradS?: Float64Array,
): number {
  const M = inc.officers.length;
  const K = inc.kLevels.length;
  const { f, b, w, p } = scratch;
  const { digits, remaining, strides, nStates, counts, kLevels } = inc;
  let shift = 0;
  let observedSum = 0;
  for (let i = 0; i < M; i++) {
    const li = lambda[inc.officers[i]!]!;
    let mi = -Infinity;
    for (let k = 0; k < K; k++) mi = Math.max(mi, s[kLevels[k]!]! * li);
    for (let k = 0; k < K; k++) w[i * K + k] = Math.exp(s[kLevels[k]!]! * li - mi);
    shift += mi;
    observedSum += s[inc.observed[i]!]! * li;
  }
  // Forward pass: f(r) = total (scaled) weight of assigning the remaining counts r to the last |r| officers.
  f[0] = 1;
  for (let st = 1; st < nStates; st++) {
    const row = (M - remaining[st]!) * K;
    const dg = st * K;
    let sum = 0;
    for (let k = 0; k < K; k++) if (digits[dg + k]! > 0) sum += w[row + k]! * f[st - strides[k]!]!;
    f[st] = sum;
  }
  const full = nStates - 1;
  const Z = f[full]!;
  if (!(Z >= 1e-250 && Z <= 1e250)) return incidentLogLikLogSpace(inc, lambda, s, scratch, gradLambda, gradS);
  const ll = observedSum - (Math.log(Z) + shift);
  if (!gradLambda && !gradS) return ll;

  // Backward pass: b(r) = total (scaled) weight of the first M - |r| officers' assignments leading to state r.
  b[full] = 1;
  for (let st = full - 1; st >= 0; st--) {
    const row = (M - remaining[st]! - 1) * K;
    const dg = st * K;
    let sum = 0;
    for (let k = 0; k < K; k++) if (digits[dg + k]! < counts[k]!) sum += b[st + strides[k]!]! * w[row + k]!;
    b[st] = sum;
  }
  p.fill(0, 0, M * K);
  const invZ = 1 / Z;
  for (let st = 1; st < nStates; st++) {
    const row = (M - remaining[st]!) * K;
    const dg = st * K;
    const bs = b[st]! * invZ;
    for (let k = 0; k < K; k++) if (digits[dg + k]! > 0) p[row + k]! += bs * w[row + k]! * f[st - strides[k]!]!;
  }
  for (let i = 0; i < M; i++) {
    const li = lambda[inc.officers[i]!]!;
    let expected = 0;
    for (let k = 0; k < K; k++) {
      const sk = s[kLevels[k]!]!;
      const pik = p[i * K + k]!;
      expected += pik * sk;
      if (gradS) gradS[kLevels[k]!]! += li * ((inc.observedLocal[i] === k ? 1 : 0) - pik);
    }
    if (gradLambda) gradLambda[inc.officers[i]!]! += s[inc.observed[i]!]! - expected;
  }
  return ll;
}

/**
 * The same as incidentLogLik, computed entirely in log space (log-sum-exp at every state). The straightforward
 * form of the recursion: incidentLogLik falls back to it when the scaled weights leave the range of doubles, and the
 * tests compare the two.
 */
export function incidentLogLikLogSpace(
  inc: PreparedIncident,
  lambda: ArrayLike<number>,
  s: Float64Array,
  scratch: DpScratch,
  gradLambda?: Float64Array,
  gradS?: Float64Array,
): number {
  const M = inc.officers.length;
  const K = inc.kLevels.length;
  const { f, b, w, p } = scratch;
  const { digits, remaining, strides, nStates } = inc;
  for (let i = 0; i < M; i++) {
    const li = lambda[inc.officers[i]!]!;
    for (let k = 0; k < K; k++) w[i * K + k] = s[inc.kLevels[k]!]! * li;
  }
  // Forward pass: f(r) = log of the total weight of assigning the remaining counts r to the last |r| officers.
  f[0] = 0;
  for (let st = 1; st < nStates; st++) {
    const row = (M - remaining[st]!) * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (digits[st * K + k]! > 0) max = Math.max(max, w[row + k]! + f[st - strides[k]!]!);
    let sum = 0;
    for (let k = 0; k < K; k++) if (digits[st * K + k]! > 0) sum += Math.exp(w[row + k]! + f[st - strides[k]!]! - max);
    f[st] = max + Math.log(sum);
  }
  const full = nStates - 1;
  const logZ = f[full]!;
  let ll = -logZ;
  for (let i = 0; i < M; i++) ll += w[i * K + inc.observedLocal[i]!]!;
  if (!gradLambda && !gradS) return ll;

  // Backward pass: b(r) = log of the total weight of the first M - |r| officers' assignments leading to state r.
  b[full] = 0;
  for (let st = full - 1; st >= 0; st--) {
    const row = (M - remaining[st]! - 1) * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++)
      if (digits[st * K + k]! < inc.counts[k]!) max = Math.max(max, b[st + strides[k]!]! + w[row + k]!);
    let sum = 0;
    for (let k = 0; k < K; k++)
      if (digits[st * K + k]! < inc.counts[k]!) sum += Math.exp(b[st + strides[k]!]! + w[row + k]! - max);
    b[st] = max + Math.log(sum);
  }
  p.fill(0, 0, M * K);
  for (let st = 1; st < nStates; st++) {
    const row = (M - remaining[st]!) * K;
    for (let k = 0; k < K; k++) {
      if (digits[st * K + k]! > 0) p[row + k]! += Math.exp(b[st]! + w[row + k]! + f[st - strides[k]!]! - logZ);
    }
  }
  for (let i = 0; i < M; i++) {
    const li = lambda[inc.officers[i]!]!;
    let expected = 0;
    for (let k = 0; k < K; k++) {
      const sk = s[inc.kLevels[k]!]!;
      const pik = p[i * K + k]!;
      expected += pik * sk;
      if (gradS) gradS[inc.kLevels[k]!]! += li * ((inc.observedLocal[i] === k ? 1 : 0) - pik);
    }
    if (gradLambda) gradLambda[inc.officers[i]!]! += s[inc.observed[i]!]! - expected;
  }
  return ll;
}

/** Maps d/ds_k to d/d delta_j: s_k depends on delta_j (j = 2..) for every k >= j, with ds_k/d delta_j = exp(delta_j). */
export function chainScaleGradient(
  gradS: Float64Array,
  delta: ArrayLike<number>,
  out: Float64Array,
  offset: number,
): void {
  let tail = 0;
  for (let k = gradS.length - 1; k >= 2; k--) {
    tail += gradS[k]!;
    out[offset + k - 2]! += tail * Math.exp(delta[k - 2]!);
  }
}

/** The priors: lambda ~ N(0, priorSd^2); each log-increment delta ~ N(deltaMean, deltaSd^2). */
export interface CosPriors {
  priorSd: number;
  deltaMean: number;
  deltaSd: number;
}

export interface CosProblem {
  nOfficers: number;
  scale: LevelScale;
  incidents: PreparedIncident[];
  priors: CosPriors;
}

/**
 * Log posterior (up to a constant: the priors' normalising constants are left out) at theta = [lambda_1..n,
 * delta_2..m], and its gradient in `grad` when given.
 */
export function logPosterior(
  problem: CosProblem,
  theta: Float64Array,
  scratch: DpScratch,
  grad?: Float64Array,
): number {
  const n = problem.nOfficers;
  const q = problem.scale.nFree;
  const delta = theta.subarray(n, n + q);
  const s = scaleValues(problem.scale, delta);
  const gradS = grad ? new Float64Array(s.length) : undefined;
  if (grad) grad.fill(0);
  let lp = 0;
  for (const inc of problem.incidents) lp += incidentLogLik(inc, theta, s, scratch, grad, gradS);
  const { priorSd, deltaMean, deltaSd } = problem.priors;
  for (let i = 0; i < n; i++) {
    lp -= (theta[i]! * theta[i]!) / (2 * priorSd * priorSd);
    if (grad) grad[i]! -= theta[i]! / (priorSd * priorSd);
  }
  for (let j = 0; j < q; j++) {
    const z = delta[j]! - deltaMean;
    lp -= (z * z) / (2 * deltaSd * deltaSd);
    if (grad) grad[n + j]! -= z / (deltaSd * deltaSd);
  }
  if (grad && gradS) chainScaleGradient(gradS, delta, grad, n);
  return lp;
}

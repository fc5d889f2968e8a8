import { Matrix } from "ml-matrix";
import { ModelError } from "./design";
import { sandwichProduct, symmetricFromUpper } from "./linalg";

/**
 * Cluster-robust ("sandwich") covariance, HC1 flavour, exactly as R's sandwich::vcovCL(fit, cluster = ~officer,
 * type = "HC1") with its default cadjust = TRUE:
 *
 *   V = G/(G-1) * (n-1)/(n-k) * B (sum_g s_g s_g') B
 *
 * where B is the model-based covariance (inverse of the negative Hessian), s_g the sum of the score contributions
 * of cluster g, G the number of clusters, n the observations and k the estimated parameters.
 */

export interface ClusterIndex {
  /** Cluster number 0..G-1 of each observation. */
  index: Int32Array;
  G: number;
}

/** Numbers the distinct cluster labels in order of first appearance. */
export function clusterIndex(labels: ArrayLike<string | number>): ClusterIndex {
  const ids = new Map<string | number, number>();
  const index = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const key = labels[i]!;
    let g = ids.get(key);
    if (g === undefined) {
      g = ids.size;
      ids.set(key, g);
    }
    index[i] = g;
  }
  return { index, G: ids.size };
}

/**
 * Meat of the sandwich: sum over clusters of the outer product of the cluster's summed scores.
 * `score(i, out)` writes observation i's k score contributions into out.
 */
export function clusterMeat(
  n: number,
  k: number,
  clusters: ClusterIndex,
  score: (i: number, out: Float64Array) => void,
): Matrix {
  const sums = new Float64Array(clusters.G * k);
  const s = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    score(i, s);
    const base = clusters.index[i]! * k;
    for (let j = 0; j < k; j++) sums[base + j]! += s[j]!;
  }
  const upper = new Float64Array(k * k);
  for (let g = 0; g < clusters.G; g++) {
    const base = g * k;
    for (let a = 0; a < k; a++) {
      const sa = sums[base + a]!;
      if (sa === 0) continue;
      for (let b = a; b < k; b++) upper[a * k + b]! += sa * sums[base + b]!;
    }
  }
  return symmetricFromUpper(upper, k);
}

export interface RobustVcov {
  vcov: Matrix;
  clusters: number;
  /** The small-sample factor G/(G-1) * (n-1)/(n-k). */
  adjustment: number;
}

export function clusterRobustHC1(bread: Matrix, meat: Matrix, n: number, clusters: number): RobustVcov {
  const k = bread.rows;
  if (clusters < 2) throw new ModelError("Cluster-robust standard errors need at least two clusters");
  if (n <= k) throw new ModelError("Cluster-robust standard errors need more observations than parameters");
  const adjustment = (clusters / (clusters - 1)) * ((n - 1) / (n - k));
  return { vcov: sandwichProduct(bread, meat).mul(adjustment), clusters, adjustment };
}

import quantile from "@stdlib/stats-base-dists-normal-quantile";

const Z95 = quantile(0.975, 0, 1);

/**
 * Wilson score interval for a proportion k/n (95% by default). Chosen over the Wald interval because it stays inside
 * [0, 1] and behaves at small counts and rates near 0, which is where police data lives (force in ~1-2% of contacts).
 */
export function wilson(k: number, n: number, z = Z95): { rate: number; low: number; high: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type { VolumeScore } from "@/lib/eis/types";

/** Uncertainty of the incident score for the officer page (pure; the score itself: lib/eis/scores.ts). */
const Z95 = normalQuantile(0.975, 0, 1);

/** The officer's level minus the mean level of the other officers at the incident (lib/eis/scores.ts); null alone. */
export function levelVsOthers(
  incident: { officers: { officerId: string; level: number }[] },
  officerId: string,
): number | null {
  const me = incident.officers.find((o) => o.officerId === officerId);
  const others = incident.officers.filter((o) => o.officerId !== officerId);
  return me && others.length ? me.level - others.reduce((a, o) => a + o.level, 0) / others.length : null;
}

/**
 * The incident score's uncertainty from its per-incident differences, when they reproduce the stored score (same
 * data version) and there are at least `min` of them; a normal approximation, labelled as such on the page.
 */
export function incidentScoreInterval(
  diffs: number[],
  stored: number | null,
  min: number,
): { low: number; high: number } | null {
  if (stored === null || diffs.length < Math.max(2, min)) return null;
  const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  if (Math.abs(mean - stored) > 1e-9) return null;
  const sd = Math.sqrt(diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (diffs.length - 1));
  const half = Z95 * (sd / Math.sqrt(diffs.length));
  return { low: mean - half, high: mean + half };
}

/** An officer's count against the peer rate of the run (null when the peers had none). */
export const countRatio = (v: Pick<VolumeScore, "count" | "peerRate">) =>
  v.peerRate > 0 ? v.count / v.peerRate : null;

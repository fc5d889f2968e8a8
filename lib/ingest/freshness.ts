import { formatDate } from "@/lib/format";

/**
 * Is a source's data current? Each version records when the publisher last changed the data (upstreamUpdatedAt,
 * from the API's metadata on a pull). Past the source's expected cadence without a change, every page using it says
 * so in plain words, so that a stopped feed is never read as a drop in incidents. Pure: the clock is passed in.
 */
export type Freshness =
  /** A generated sample: not stale, not current, just not Seattle's data (the synthetic notice says so). */
  | { state: "synthetic" }
  /** No upstream date is known (a local file): nothing can be said about freshness. */
  | { state: "unknown" }
  | { state: "current" | "stale"; updatedAt: string; ageDays: number; cadenceDays: number; sentence: string };

export interface FreshnessInput {
  title: string;
  synthetic: boolean;
  upstreamUpdatedAt: Date | string | null;
}

const DAY_MS = 86_400_000;

export function freshnessOf(v: FreshnessInput, cadence: { days: number; label: string }, now: Date): Freshness {
  if (v.synthetic) return { state: "synthetic" };
  if (!v.upstreamUpdatedAt) return { state: "unknown" };
  const updated = new Date(v.upstreamUpdatedAt);
  const ageDays = Math.max(0, Math.floor((now.getTime() - updated.getTime()) / DAY_MS));
  const stale = ageDays > cadence.days;
  const on = formatDate(updated.toISOString());
  const sentence = stale
    ? `${v.title} data was last updated on ${on}, ${ageDays.toLocaleString("en-US")} days ago; the city normally publishes ${cadence.label}. Recent periods may be missing from the figures: a fall in the latest months can be a stopped feed, not fewer incidents.`
    : `${v.title} data was last updated on ${on}; the city normally publishes ${cadence.label}.`;
  return {
    state: stale ? "stale" : "current",
    updatedAt: updated.toISOString(),
    ageDays,
    cadenceDays: cadence.days,
    sentence,
  };
}

/** A source's cadence with the SOURCE_CADENCE_DAYS override applied. */
export const cadenceFor = (
  base: { days: number; label: string },
  dataset: string,
  overrides: Record<string, number>,
): { days: number; label: string } =>
  overrides[dataset] ? { days: overrides[dataset], label: `every ${overrides[dataset]} days` } : base;

import { formatDate } from "@/lib/format";

/**
 * Is a source's data current? Judged from the best date a version has of when its data last changed:
 *  - "publisher": when the publisher last changed the data (upstreamUpdatedAt, from the API's metadata on a pull);
 *  - "newest-record": otherwise (a local file, or a pull whose metadata had no date) the date of the newest record
 *    in the input, recorded at load (DatasetVersion.periodEnd). A file carries no trustworthy publication date of its
 *    own (its modification time is when it was copied), but its newest record bounds it: data whose newest record is
 *    older than the cadence is not the current publication, so a local file can be stale too.
 * Past the source's expected cadence, every page using it says so in plain words, naming the date used, so that a
 * stopped feed is never read as a drop in incidents. Pure: the clock is passed in.
 */
export type FreshnessBasis = "publisher" | "newest-record";

export type Freshness =
  /** A generated sample: not stale, not current, just not Seattle's data (the synthetic notice says so). */
  | { state: "synthetic" }
  /** No date is known (no publisher date and no dated record, or a past release, which is not judged). */
  | { state: "unknown" }
  | {
      state: "current" | "stale";
      updatedAt: string;
      basis: FreshnessBasis;
      /** Which date was used, in words (for /data). */
      basisLabel: string;
      ageDays: number;
      cadenceDays: number;
      sentence: string;
    };

export interface FreshnessInput {
  title: string;
  synthetic: boolean;
  upstreamUpdatedAt: Date | string | null;
  /** The newest record's date in the input (DatasetVersion.periodEnd). */
  newestRecordAt?: Date | string | null;
}

const DAY_MS = 86_400_000;

export const BASIS_LABEL: Record<FreshnessBasis, string> = {
  publisher: "the publisher's last update, from the open-data API's metadata",
  "newest-record": "the newest record in the loaded data; the input carries no publication date",
};

export function freshnessOf(v: FreshnessInput, cadence: { days: number; label: string }, now: Date): Freshness {
  if (v.synthetic) return { state: "synthetic" };
  const basis: FreshnessBasis | null = v.upstreamUpdatedAt ? "publisher" : v.newestRecordAt ? "newest-record" : null;
  if (!basis) return { state: "unknown" };
  const updated = new Date((basis === "publisher" ? v.upstreamUpdatedAt : v.newestRecordAt)!);
  const ageDays = Math.max(0, Math.floor((now.getTime() - updated.getTime()) / DAY_MS));
  const stale = ageDays > cadence.days;
  const on = formatDate(updated.toISOString());
  const ago = `${ageDays.toLocaleString("en-US")} days ago`;
  const what =
    basis === "publisher"
      ? `${v.title} data was last updated on ${on}`
      : `The newest ${v.title} record in the loaded data is dated ${on}`;
  const sentence = stale
    ? `${what}, ${ago}; the city normally publishes ${cadence.label}. Recent periods may be missing from the figures: a fall in the latest months can be a stopped feed, not fewer incidents.`
    : `${what}; the city normally publishes ${cadence.label}.`;
  return {
    state: stale ? "stale" : "current",
    updatedAt: updated.toISOString(),
    basis,
    basisLabel: BASIS_LABEL[basis],
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

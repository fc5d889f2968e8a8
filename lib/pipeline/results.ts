import type { Db } from "@/lib/db/client";
import { coverageStore } from "./coverage";
import { crisisYearly, type CrisisYearly } from "./crisis-summary";
import { uofYearly, type UseOfForceYearly } from "./uof-summary";
import { computeCitResults } from "@/lib/analysis/cit-models";
import type { CitResults } from "@/lib/analysis/cit-types";
import { computeCommunityResults, type CommunityResults } from "@/lib/community/compute";
import type { CoverageStore } from "@/lib/coverage/store";
import { localDataDir } from "@/lib/env";
import { beatGeometry, type BeatGeometry } from "@/lib/trends/beat-geometry";
import { crisisCube, type CrisisCube } from "@/lib/trends/crisis-cube";
import { uofAggregates, type UofAggregates } from "@/lib/trends/uof-aggregates";

/**
 * Every precomputed result the public pages read. Results are computed from a fixed set of dataset versions and
 * stored with their ids, so each published figure traces back to the exact data it came from.
 */
export const METHODOLOGY_VERSION = "2026.12-1";

export interface ComputedResult {
  key: string;
  datasetVersionIds: number[];
  methodologyVersion: string;
  payload: unknown;
}

export type ResultPayloads = {
  "uof.yearly": UseOfForceYearly;
  "crisis.yearly": CrisisYearly;
  "crisis.cube": CrisisCube;
  /** The CIT force and disposition models, dispatch balance and raw rates (lib/analysis). */
  "crisis.cit": CitResults;
  "uof.aggregates": UofAggregates;
  /** Reference geometry, not a dataset: its own sha256 is in the payload. */
  "geo.beats": BeatGeometry;
  /** Use of force by race against residents (ACS) and Terry stops (lib/community). */
  "community.benchmarks": CommunityResults;
  /** Crisis contacts' arrival times, precinct, call type and outcome per year, and the heat map cells (lib/coverage). */
  "crisis.coverage": CoverageStore;
};

export async function computeAllResults(db: Db, versionIds: number[]): Promise<ComputedResult[]> {
  const versions = await db.datasetVersion.findMany({ where: { id: { in: versionIds } } });
  const uof = versions.find((v) => v.dataset === "seattle-uof");
  const crisis = versions.find((v) => v.dataset === "seattle-crisis");
  const out: ComputedResult[] = [];
  const push = <K extends keyof ResultPayloads>(key: K, ids: number[], payload: ResultPayloads[K]) =>
    out.push({ key, datasetVersionIds: ids, methodologyVersion: METHODOLOGY_VERSION, payload });
  if (uof) push("uof.yearly", [uof.id], await uofYearly(db, uof.id));
  if (uof) push("uof.aggregates", [uof.id], await uofAggregates(db, uof.id));
  if (uof) push("community.benchmarks", [uof.id], await computeCommunityResults(db, uof.id, localDataDir()));
  if (crisis) push("crisis.yearly", [crisis.id], await crisisYearly(db, crisis.id));
  if (crisis) push("crisis.cube", [crisis.id], await crisisCube(db, crisis.id));
  if (crisis) push("crisis.cit", [crisis.id], await computeCitResults(db, crisis.id));
  if (crisis) push("crisis.coverage", [crisis.id], await coverageStore(db, crisis.id));
  const beats = beatGeometry(localDataDir());
  if (beats) push("geo.beats", [], beats);
  return out;
}

import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { jsonNumber, parseJsonColumn } from "@/lib/db/json-column";
import type { EisConfig, EisOfficerResult, EisRunResult, EscalationScore, FlagReason, VolumeScore } from "./types";

/**
 * Writing EIS runs to the database (EisRun + one EisOfficerScore per scored officer) and reading them back into the
 * library's own types. A run and its scores are written in one transaction; re-running an as-of date on the same
 * dataset version replaces the earlier run in that same transaction, unless supervisors have already reviewed flags
 * of the earlier run: reviews are an append-only record, so that re-run is refused (EisRunRefused).
 */
export type EisTrigger = "cli" | "ingest" | "demo";
export const EIS_ID_SPACE = "seattle-uof";

export class EisRunRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EisRunRefused";
  }
}

export interface StoredRunSummary {
  runId: number;
  asOf: string;
  datasetVersionId: number;
  status: "complete" | "failed";
  officersScored: number;
  officersFlagged: number;
  durationMs: number;
  replacedRunIds: number[];
}

/** "YYYY-MM-DD" → midnight UTC (dates are wall-clock dates throughout the portal). */
export const asOfDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Earlier runs of this as-of date and version, and whether any of their flags has a review. */
export async function runsToReplace(
  db: Db,
  asOf: Date,
  datasetVersionId: number,
): Promise<{ ids: number[]; reviewed: number }> {
  const runs = await db.eisRun.findMany({ where: { asOf, datasetVersionId }, select: { id: true } });
  const ids = runs.map((r) => r.id);
  const reviewed = ids.length ? await db.eisReview.count({ where: { score: { runId: { in: ids } } } }) : 0;
  return { ids, reviewed };
}

const reviewedRefusal = (asOf: Date, datasetVersionId: number, reviewed: number) =>
  new EisRunRefused(
    `The run as of ${isoDay(asOf)} on dataset version ${datasetVersionId} already has ${reviewed} review${reviewed === 1 ? "" : "s"}; ` +
      "reviews are never removed, so it is not replaced. Score a different as-of date, or load a new dataset version.",
  );

/** Refuses early (before the scores are computed) when a re-run would have to remove reviewed flags. */
export async function assertReplaceable(db: Db, asOf: Date, datasetVersionId: number): Promise<void> {
  const { reviewed } = await runsToReplace(db, asOf, datasetVersionId);
  if (reviewed > 0) throw reviewedRefusal(asOf, datasetVersionId, reviewed);
}

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

function scoreRow(runId: number, officerDbId: number, o: EisOfficerResult) {
  return {
    runId,
    officerId: officerDbId,
    officerSourceId: o.officerId,
    precinct: o.precinct,
    incidentsInWindow: o.incidentsInWindow,
    incidentScore: o.incidentScore,
    incidentN: o.incidentN,
    subjectScore: o.subjectScore,
    subjectN: o.subjectN,
    engagementScore: o.engagementScore,
    engagementAvailable: o.engagementAvailable,
    escalation: json(o.escalation),
    volume: json(o.volume),
    flagged: o.flagged,
    reasons: JSON.stringify(o.reasons),
  };
}

/**
 * Stores a complete run atomically: earlier runs of the same as-of and version (without reviews) are deleted with
 * their scores and the new run is written, all in one transaction. `officerDbIds` maps source IDs to Officer.id.
 */
export async function storeCompleteRun(
  db: Db,
  input: {
    result: EisRunResult;
    datasetVersionId: number;
    methodologyVersion: string;
    trigger: EisTrigger;
    durationMs: number;
    officerDbIds: Map<string, number>;
  },
): Promise<StoredRunSummary> {
  const { result } = input;
  const asOf = asOfDate(result.asOf);
  const missing = result.officers.filter((o) => !input.officerDbIds.has(o.officerId)).map((o) => o.officerId);
  if (missing.length)
    throw new Error(
      `EIS result names officers that are not in the ${EIS_ID_SPACE} ID space: ${missing.slice(0, 5).join(", ")}`,
    );
  const flagged = result.officers.filter((o) => o.flagged).length;
  return db.$transaction(
    async (tx) => {
      const { ids, reviewed } = await runsToReplace(tx as unknown as Db, asOf, input.datasetVersionId);
      // Checked again inside the transaction: a review may have arrived while the scores were computed.
      if (reviewed > 0) throw reviewedRefusal(asOf, input.datasetVersionId, reviewed);
      if (ids.length) await tx.eisRun.deleteMany({ where: { id: { in: ids } } });
      const run = await tx.eisRun.create({
        data: {
          asOf,
          datasetVersionId: input.datasetVersionId,
          methodologyVersion: input.methodologyVersion,
          config: JSON.stringify(result.config),
          trigger: input.trigger,
          status: "complete",
          officersScored: result.officers.length,
          officersFlagged: flagged,
          summary: JSON.stringify({
            windows: result.windows,
            witnessesRecorded: result.witnessesRecorded,
            diagnostics: result.diagnostics,
          }),
          durationMs: Math.round(input.durationMs),
        },
      });
      await tx.eisOfficerScore.createMany({
        data: result.officers.map((o) => scoreRow(run.id, input.officerDbIds.get(o.officerId)!, o)),
      });
      return {
        runId: run.id,
        asOf: result.asOf,
        datasetVersionId: input.datasetVersionId,
        status: "complete" as const,
        officersScored: result.officers.length,
        officersFlagged: flagged,
        durationMs: run.durationMs,
        replacedRunIds: ids,
      };
    },
    { timeout: 120_000 },
  );
}

/** A run that could not be computed is kept as a "failed" EisRun with the error, so the failure is visible. */
export async function storeFailedRun(
  db: Db,
  input: {
    asOf: Date;
    datasetVersionId: number;
    methodologyVersion: string;
    config: EisConfig;
    trigger: EisTrigger;
    durationMs: number;
    error: string;
  },
): Promise<StoredRunSummary> {
  const run = await db.eisRun.create({
    data: {
      asOf: input.asOf,
      datasetVersionId: input.datasetVersionId,
      methodologyVersion: input.methodologyVersion,
      config: JSON.stringify(input.config),
      trigger: input.trigger,
      status: "failed",
      summary: JSON.stringify({ error: input.error.slice(0, 2000) }),
      durationMs: Math.round(input.durationMs),
    },
  });
  return {
    runId: run.id,
    asOf: isoDay(input.asOf),
    datasetVersionId: input.datasetVersionId,
    status: "failed",
    officersScored: 0,
    officersFlagged: 0,
    durationMs: run.durationMs,
    replacedRunIds: [],
  };
}

/** A stored score row read back as the library's result type (for the staff pages and for tests). */
export interface StoredScoreRow {
  officerSourceId: string;
  precinct: string | null;
  incidentsInWindow: number;
  incidentScore: number | null;
  incidentN: number;
  subjectScore: number | null;
  subjectN: number;
  engagementScore: number | null;
  engagementAvailable: boolean;
  escalation: string | null;
  volume: string | null;
  flagged: boolean;
  reasons: string;
}

/** The JSON columns of EisOfficerScore, checked against the EIS types when read (lib/db/json-column.ts). */
export const EscalationScoreSchema: z.ZodType<EscalationScore> = z.object({
  lambda: jsonNumber,
  ciLow: jsonNumber,
  ciHigh: jsonNumber,
  lambdaVsPeers: jsonNumber,
  pTop5: jsonNumber,
  peerGroupSize: z.number(),
  nIncidents: z.number(),
  levelCounts: z.array(z.number()),
});
export const VolumeScoreSchema: z.ZodType<VolumeScore> = z.object({
  count: z.number(),
  peerRate: jsonNumber,
  shrunkRate: z.number().nullable(),
  ratio: z.number().nullable(),
  pValue: jsonNumber,
  qValue: jsonNumber,
  peerGroup: z.string().optional(),
});
export const FlagReasonsSchema: z.ZodType<FlagReason[]> = z.array(z.object({ code: z.string(), text: z.string() }));

export const readEscalation = (json: string | null) =>
  json ? parseJsonColumn(EscalationScoreSchema, json, "EIS escalation score") : null;
export const readVolume = (json: string | null) =>
  json ? parseJsonColumn(VolumeScoreSchema, json, "EIS volume score") : null;

export function officerResultOf(row: StoredScoreRow): EisOfficerResult {
  return {
    officerId: row.officerSourceId,
    precinct: row.precinct,
    incidentsInWindow: row.incidentsInWindow,
    incidentScore: row.incidentScore,
    incidentN: row.incidentN,
    subjectScore: row.subjectScore,
    subjectN: row.subjectN,
    engagementScore: row.engagementScore,
    engagementAvailable: row.engagementAvailable,
    escalation: readEscalation(row.escalation),
    volume: readVolume(row.volume),
    flagged: row.flagged,
    reasons: parseJsonColumn(FlagReasonsSchema, row.reasons, "EIS flag reasons"),
  };
}

import type { Db } from "@/lib/db/client";
import { activeVersion } from "@/lib/ingest/versions";
import { DEFAULT_EIS_CONFIG, EIS_METHOD_VERSION } from "./config";
import { eisRecordsFromUseOfForce, type UofRowForEis } from "./incidents";
import { computeEisRun, type EscalationCache } from "./compute-run";
import {
  assertReplaceable,
  EIS_ID_SPACE,
  EisRunRefused,
  isoDay,
  storeCompleteRun,
  storeFailedRun,
  type EisTrigger,
  type StoredRunSummary,
} from "./store";
import type { EisConfig, EisForceRecord, EisRunResult } from "./types";

/**
 * The EIS pipeline step: load the active Use of Force version, compute the run (lib/eis/compute-run.ts, pure) and store it
 * (lib/eis/store.ts, one transaction). Used by `eis run`, after each Use of Force ingest, and by the demo data setup.
 */

/** Seattle's Use of Force data records officers who used force only: witnesses (level 0) are not in it. */
export const WITNESSES_RECORDED: Record<string, boolean> = { [EIS_ID_SPACE]: false };

const DAY_MS = 86_400_000;

/** The Monday strictly after the given date's calendar day (UTC, as the data's wall-clock dates are stored). */
export function mondayAfter(date: Date): Date {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const ahead = (8 - new Date(day).getUTCDay()) % 7 || 7;
  return new Date(day + ahead * DAY_MS);
}

/** `count` Mondays, one week apart, ending with `last` (oldest first). */
export function weeklyAsOfs(last: Date, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(last.getTime() - (count - 1 - i) * 7 * DAY_MS));
}

/**
 * The demo history: `weekly` consecutive Mondays ending with `last` (trends on the flags page), then every fourth
 * Monday for `monthly` more steps back (oldest first), so that some runs have 6 and 12 months of follow-up inside
 * the data for the accuracy page without scoring every week of a year (each run fits the escalation model).
 */
export function demoAsOfs(last: Date, weekly: number, monthly: number): Date[] {
  const recent = weeklyAsOfs(last, weekly);
  const first = recent[0] ?? last;
  const older = Array.from({ length: monthly }, (_, i) => new Date(first.getTime() - (monthly - i) * 28 * DAY_MS));
  return [...older, ...recent];
}

export interface EisSource {
  versionId: number;
  periodStart: Date | null;
  periodEnd: Date | null;
  records: EisForceRecord[];
  officerDbIds: Map<string, number>;
}

/** The active Use of Force version's rows as EIS records (officers joined to their source IDs). */
export async function loadEisSource(db: Db): Promise<EisSource> {
  const version = await activeVersion(db, EIS_ID_SPACE);
  if (!version)
    throw new EisRunRefused(
      "No Use of Force data is loaded: run `npm run cli -- ingest --source seattle-uof ...` first.",
    );
  const rows = await db.useOfForce.findMany({
    where: { versionId: version.id },
    select: {
      sourceId: true,
      incidentNum: true,
      level: true,
      occurredAt: true,
      precinct: true,
      subjectKey: true,
      officerId: true,
      officer: { select: { sourceId: true } },
    },
  });
  const officerDbIds = new Map<string, number>();
  const uof: UofRowForEis[] = rows.map((r) => {
    if (r.officer && r.officerId !== null) officerDbIds.set(r.officer.sourceId, r.officerId);
    return {
      sourceId: r.sourceId,
      incidentNum: r.incidentNum,
      level: r.level,
      occurredAt: r.occurredAt,
      precinct: r.precinct,
      officerSourceId: r.officer?.sourceId ?? null,
      subjectKey: r.subjectKey,
    };
  });
  return {
    versionId: version.id,
    periodStart: version.periodStart,
    periodEnd: version.periodEnd,
    records: eisRecordsFromUseOfForce(uof),
    officerDbIds,
  };
}

/** Refuses as-of dates the data cannot score: before the data begins, or after the week following its last incident. */
export function checkAsOf(source: Pick<EisSource, "periodStart" | "periodEnd">, asOf: Date): void {
  if (!source.periodStart || !source.periodEnd)
    throw new EisRunRefused("The active Use of Force version has no dated incidents.");
  const latest = mondayAfter(source.periodEnd);
  if (asOf.getTime() > latest.getTime()) {
    throw new EisRunRefused(
      `--as-of ${isoDay(asOf)} is after the data: its last incident is on ${isoDay(source.periodEnd)}, so the latest week to score is as of ${isoDay(latest)}.`,
    );
  }
  if (asOf.getTime() <= source.periodStart.getTime()) {
    throw new EisRunRefused(
      `--as-of ${isoDay(asOf)} is not after the data's first incident (${isoDay(source.periodStart)}).`,
    );
  }
}

/**
 * The unit fallback. lib/eis gives each officer the precinct of most of their incidents in the volume window (6
 * months), else in the past year. Seattle's file has no precinct on almost every row since 2025 (789 of 793 rows of
 * 2025 are "-"), which leaves most officers of a current run without a unit, and supervisors would see none of them.
 * Such officers take the same rule over the run's longest window, the escalation window (escalationWindowMonths, 36 by default): the precinct
 * of most of their incidents there with a known precinct; ties go to the most recent incident, then A-Z. Officers
 * with no known precinct in that window keep none (analysts and admins only). The count is kept in the run's
 * diagnostics (unitsFromEscalationWindow).
 */
export function fillUnits(result: EisRunResult, records: EisForceRecord[]): EisRunResult {
  const start = new Date(`${result.windows.escalation.start}T00:00:00Z`).getTime();
  const end = new Date(`${result.asOf}T00:00:00Z`).getTime();
  const missing = new Set(result.officers.filter((o) => o.precinct === null).map((o) => o.officerId));
  const seen = new Set<string>();
  const counts = new Map<string, Map<string, { n: number; last: number }>>();
  for (const r of records) {
    const t = r.occurredAt.getTime();
    if (!missing.has(r.officerId) || r.precinct === null || t < start || t >= end) continue;
    const incident = `${r.officerId}\u0000${r.incidentKey}`;
    if (seen.has(incident)) continue; // one vote per incident, however many rows the officer has there
    seen.add(incident);
    const byPrecinct = counts.get(r.officerId) ?? counts.set(r.officerId, new Map()).get(r.officerId)!;
    const c = byPrecinct.get(r.precinct) ?? { n: 0, last: -Infinity };
    byPrecinct.set(r.precinct, { n: c.n + 1, last: Math.max(c.last, t) });
  }
  const unitOf = (officerId: string) =>
    [...(counts.get(officerId) ?? [])].sort(
      (a, b) => b[1].n - a[1].n || b[1].last - a[1].last || a[0].localeCompare(b[0]),
    )[0]?.[0] ?? null;
  let filled = 0;
  const officers = result.officers.map((o) => {
    if (o.precinct !== null) return o;
    const precinct = unitOf(o.officerId);
    if (precinct !== null) filled++;
    return { ...o, precinct };
  });
  return { ...result, officers, diagnostics: { ...result.diagnostics, unitsFromEscalationWindow: filled } };
}

export interface RunEisOptions {
  asOf: Date;
  trigger: EisTrigger;
  config?: EisConfig;
  /** Reuse records already loaded (the demo series scores many dates from one load). */
  source?: EisSource;
  /** Escalation fits shared by the runs of a series (lib/eis/compute-run.ts EscalationCache). */
  escalationCache?: EscalationCache;
}

/** A run that failed while being computed or stored; it was recorded as a failed EisRun (runId). */
export class EisRunFailed extends Error {
  constructor(
    message: string,
    readonly runId: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "EisRunFailed";
  }
}

/**
 * Computes and stores one run. Refusals (an as-of date the data cannot score, a reviewed run in the way) are thrown
 * before anything is written; an error while computing or storing is recorded as a failed run (EisRunFailed).
 */
export async function runEis(db: Db, opts: RunEisOptions): Promise<{ stored: StoredRunSummary; result: EisRunResult }> {
  const config = opts.config ?? DEFAULT_EIS_CONFIG;
  const source = opts.source ?? (await loadEisSource(db));
  checkAsOf(source, opts.asOf);
  await assertReplaceable(db, opts.asOf, source.versionId);
  const started = performance.now();
  try {
    // Records on or after the as-of date are the future for this run: they never enter its scores.
    const past = source.records.filter((r) => r.occurredAt.getTime() < opts.asOf.getTime());
    const result = fillUnits(
      computeEisRun(past, opts.asOf, config, {
        witnessesRecorded: WITNESSES_RECORDED[EIS_ID_SPACE]!,
        escalationCache: opts.escalationCache,
      }),
      past,
    );
    const stored = await storeCompleteRun(db, {
      result,
      datasetVersionId: source.versionId,
      methodologyVersion: EIS_METHOD_VERSION,
      trigger: opts.trigger,
      durationMs: performance.now() - started,
      officerDbIds: source.officerDbIds,
    });
    return { stored, result };
  } catch (e) {
    if (e instanceof EisRunRefused) throw e;
    const error = e instanceof Error ? e.message : String(e);
    const failed = await storeFailedRun(db, {
      asOf: opts.asOf,
      datasetVersionId: source.versionId,
      methodologyVersion: EIS_METHOD_VERSION,
      config,
      trigger: opts.trigger,
      durationMs: performance.now() - started,
      error,
    }).catch(() => null);
    throw new EisRunFailed(`the EIS run as of ${isoDay(opts.asOf)} failed: ${error}`, failed?.runId ?? null, {
      cause: e,
    });
  }
}

/**
 * After a Use of Force ingest: score the latest week (as of the Monday after the data's last incident). The ingest
 * has already committed; any failure here is recorded as a failed run and reported as a warning, never thrown, so it
 * cannot fail or roll back the load.
 */
export async function runEisAfterIngest(
  db: Db,
  warn: (line: string) => void = console.warn,
): Promise<StoredRunSummary | null> {
  let asOf: Date | null = null;
  let versionId: number | null = null;
  try {
    const version = await activeVersion(db, EIS_ID_SPACE);
    if (!version?.periodEnd) return null;
    versionId = version.id;
    asOf = mondayAfter(version.periodEnd);
    return (await runEis(db, { asOf, trigger: "ingest" })).stored;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const retry = `npm run cli -- eis run --as-of ${asOf ? isoDay(asOf) : "YYYY-MM-DD"}`;
    warn(
      `warning: the Early Intervention run after this load did not complete: ${message}. The load itself succeeded; retry with \`${retry}\`.`,
    );
    // runEis records its own failures; a failure before it started (loading the records) is recorded here.
    if (asOf && versionId !== null && !(e instanceof EisRunFailed) && !(e instanceof EisRunRefused)) {
      const config = DEFAULT_EIS_CONFIG;
      await storeFailedRun(db, {
        asOf,
        datasetVersionId: versionId,
        methodologyVersion: EIS_METHOD_VERSION,
        config,
        trigger: "ingest",
        durationMs: 0,
        error: message,
      }).catch(() => undefined);
    }
    return null;
  }
}

/**
 * The demo/e2e history (demoAsOfs): runs ending with the latest week, so the staff pages have trends and the
 * accuracy page has runs with 6 and 12 months of follow-up. Dates that already have a complete run on this
 * version are skipped, so preparing the same data again costs nothing.
 */
export async function runEisSeries(
  db: Db,
  schedule: { weekly: number; monthly: number },
  log: (line: string) => void = console.log,
): Promise<StoredRunSummary[]> {
  const source = await loadEisSource(db);
  if (!source.periodEnd) return [];
  const started = performance.now();
  const done = new Set(
    (
      await db.eisRun.findMany({
        where: { datasetVersionId: source.versionId, status: "complete" },
        select: { asOf: true },
      })
    ).map((r) => isoDay(r.asOf)),
  );
  const stored: StoredRunSummary[] = [];
  // Runs of one series on one version share escalation fits of identical windows (same incidents, same configuration).
  const escalationCache: EscalationCache = new Map();
  for (const asOf of demoAsOfs(mondayAfter(source.periodEnd), schedule.weekly, schedule.monthly)) {
    if (done.has(isoDay(asOf)) || (source.periodStart && asOf <= source.periodStart)) continue;
    stored.push((await runEis(db, { asOf, trigger: "demo", source, escalationCache })).stored);
  }
  const dates = demoAsOfs(mondayAfter(source.periodEnd), schedule.weekly, schedule.monthly);
  const flagged = stored.reduce((n, r) => n + r.officersFlagged, 0);
  log(
    `early intervention: ${stored.length} run${stored.length === 1 ? "" : "s"} stored in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(${dates.length - stored.length} of the ${dates.length} dates were already scored); ${flagged} flags in the new runs`,
  );
  return stored;
}
